package dev.tracegen.dedup;

import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Dedup: records whose rendered x1 normalises to the same text are duplicates; the survivor is
 * the smallest id (deterministic on every runner), the others are rejected naming it. Records are
 * grouped into {@code buckets} by their text key, so duplicates meet in one group and each group
 * holds about 1/buckets of the corpus (one group per text would mean one bundle per record).
 */
public class DeduplicateRecords extends PTransform<PCollection<TraceRecord>, PCollectionTuple> {
  public static final TupleTag<TraceRecord> KEPT = new TupleTag<>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};

  private final int buckets;

  private DeduplicateRecords(int buckets) {
    this.buckets = buckets;
  }

  public static DeduplicateRecords exact(int buckets) {
    return new DeduplicateRecords(buckets);
  }

  @Override
  public PCollectionTuple expand(PCollection<TraceRecord> records) {
    int n = buckets;
    return records
        .apply("KeyByTextBucket", WithKeys.of((TraceRecord r) -> Math.floorMod(TextKeys.exactKey(r.x1().render()).hashCode(), n))
            .withKeyType(TypeDescriptors.integers()))
        .apply("GroupBuckets", GroupByKey.create())
        .apply("KeepOnePerText", ParDo.of(new KeepFirstFn()).withOutputTags(KEPT, TupleTagList.of(REJECTED)));
  }

  static class KeepFirstFn extends DoFn<KV<Integer, Iterable<TraceRecord>>, TraceRecord> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<TraceRecord>> bucket, MultiOutputReceiver out) {
      Map<String, List<TraceRecord>> byText = new TreeMap<>();
      for (TraceRecord r : bucket.getValue()) {
        byText.computeIfAbsent(TextKeys.exactKey(r.x1().render()), k -> new ArrayList<>()).add(r);
      }
      for (List<TraceRecord> members : byText.values()) {
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
}
