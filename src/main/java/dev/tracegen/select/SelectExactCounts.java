package dev.tracegen.select;

import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.plan.Draws;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Select: each record gets a selection key (hash of run seed and id, then id); per stratum the
 * {@code target} smallest keys are kept. Only the small keys are grouped, never the records, and
 * the choice is independent of order and runner. Counters {@code select/available.<split>.<k>}
 * and {@code select/selected.<split>.<k>} let the driver report shortfalls.
 */
public class SelectExactCounts extends PTransform<PCollection<PackedRecord>, PCollectionTuple> {
  public static final TupleTag<PackedRecord> KEPT = new TupleTag<>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};

  private final Map<String, Integer> targets;
  private final long runSeed;

  private SelectExactCounts(Map<String, Integer> targets, long runSeed) {
    this.targets = new TreeMap<>(targets);
    this.runSeed = runSeed;
  }

  /** {@code targets} maps a stratum key ({@link #stratum}) to its exact count. */
  public static SelectExactCounts of(Map<String, Integer> targets, long runSeed) {
    return new SelectExactCounts(targets, runSeed);
  }

  public static String stratum(String split, int k) {
    return split + "." + k;
  }

  public static String selectionKey(long runSeed, String id) {
    return String.format("%016x|%s", Draws.hash(runSeed, "select", id), id);
  }

  @Override
  public PCollectionTuple expand(PCollection<PackedRecord> records) {
    long seed = runSeed;
    PCollectionView<Map<String, String>> thresholds = records
        .apply("SelectionKeys", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via((PackedRecord r) -> KV.of(stratum(r.split(), r.constraintsNum()), selectionKey(seed, r.id()))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("GroupKeysByStratum", GroupByKey.create())
        .apply("Threshold", ParDo.of(new ThresholdFn(targets)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("ThresholdView", View.asMap());
    return records
        .apply("KeepUpToThreshold", ParDo.of(new KeepFn(thresholds, seed)).withSideInputs(thresholds)
            .withOutputTags(KEPT, TupleTagList.of(REJECTED)));
  }

  /** The largest selection key that is kept in each stratum. */
  static class ThresholdFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
    private final Map<String, Integer> targets;

    ThresholdFn(Map<String, Integer> targets) {
      this.targets = targets;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> group, OutputReceiver<KV<String, String>> out) {
      List<String> keys = new ArrayList<>();
      group.getValue().forEach(keys::add);
      keys.sort(null);
      int target = targets.getOrDefault(group.getKey(), 0);
      int kept = Math.min(target, keys.size());
      Metrics.counter(Stages.SELECT.id(), "available." + group.getKey()).inc(keys.size());
      Metrics.counter(Stages.SELECT.id(), "selected." + group.getKey()).inc(kept);
      if (kept > 0) {
        out.output(KV.of(group.getKey(), keys.get(kept - 1)));
      }
    }
  }

  static class KeepFn extends DoFn<PackedRecord, PackedRecord> {
    private final PCollectionView<Map<String, String>> thresholds;
    private final long runSeed;

    KeepFn(PCollectionView<Map<String, String>> thresholds, long runSeed) {
      this.thresholds = thresholds;
      this.runSeed = runSeed;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      PackedRecord r = c.element();
      String stratum = stratum(r.split(), r.constraintsNum());
      String threshold = c.sideInput(thresholds).get(stratum);
      if (threshold != null && selectionKey(runSeed, r.id()).compareTo(threshold) <= 0) {
        c.output(r);
      } else {
        // A surplus record is fine data that the exact target has no room for; its id and its spend suffice.
        TraceRecord whole = r.record();
        c.output(REJECTED, new Rejection(Stages.SELECT.id(), threshold == null ? "stratum_not_targeted" : "surplus", r.id(),
            "stratum " + stratum + " is full", "").withSpend(whole.lineage() == null ? null : whole.lineage().spend()));
      }
    }
  }
}
