package dev.tracegen.dedup;

import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Dedup: records whose rendered x1 normalises to the same text form one group; the survivor is
 * the smallest id (deterministic on every runner), the others are rejected naming it.
 */
public class DeduplicateRecords extends PTransform<PCollection<TraceRecord>, PCollectionTuple> {
  public static final TupleTag<TraceRecord> KEPT = new TupleTag<>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};

  public static DeduplicateRecords exact() {
    return new DeduplicateRecords();
  }

  @Override
  public PCollectionTuple expand(PCollection<TraceRecord> records) {
    return records
        .apply("KeyByInstruction", WithKeys.of((TraceRecord r) -> TextKeys.exactKey(r.x1().render()))
            .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(TraceRecord.class)))
        .apply("GroupSameInstruction", GroupByKey.create())
        .apply("KeepOnePerGroup", ParDo.of(new KeepFirstFn()).withOutputTags(KEPT, TupleTagList.of(REJECTED)));
  }

  static class KeepFirstFn extends DoFn<KV<String, Iterable<TraceRecord>>, TraceRecord> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<TraceRecord>> group, MultiOutputReceiver out) {
      List<TraceRecord> members = new ArrayList<>();
      group.getValue().forEach(members::add);
      members.sort(Comparator.comparing(TraceRecord::id));
      TraceRecord survivor = members.get(0);
      out.get(KEPT).output(survivor);
      for (TraceRecord r : members.subList(1, members.size())) {
        out.get(REJECTED).output(new Rejection("dedup", "exact_duplicate", r.id(),
            "same instruction as " + survivor.id(), Json.write(r)));
      }
    }
  }
}
