package dev.tracegen.split;

import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.plan.Draws;
import dev.tracegen.stage.Stages;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Split: re-derives each record's split from its seed (the same hash Plan used) so that no eval
 * seed can reach train, whatever happened upstream, and separates the two splits: {@link #TRAIN}
 * goes on to decontamination against {@link #EVAL}. That no near-duplicate cluster straddles the
 * split is settled in dedup, where the clusters are known (the survivor of a cluster with an eval
 * member is an eval record; its train members are rejected there with stage {@code split},
 * reason {@code cluster_straddles_split}).
 */
public class SplitRecords extends PTransform<PCollection<PackedRecord>, PCollectionTuple> {
  public static final TupleTag<PackedRecord> TRAIN = new TupleTag<>() {};
  public static final TupleTag<PackedRecord> EVAL = new TupleTag<>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};

  private final long runSeed;
  private final double evalSeedFraction;

  private SplitRecords(long runSeed, double evalSeedFraction) {
    this.runSeed = runSeed;
    this.evalSeedFraction = evalSeedFraction;
  }

  public static SplitRecords bySeed(long runSeed, double evalSeedFraction) {
    return new SplitRecords(runSeed, evalSeedFraction);
  }

  @Override
  public PCollectionTuple expand(PCollection<PackedRecord> records) {
    PCollectionTuple out = records.apply("CheckSeedSplit", ParDo.of(new SplitFn(runSeed, evalSeedFraction))
        .withOutputTags(TRAIN, TupleTagList.of(EVAL).and(REJECTED)));
    out.get(TRAIN).setCoder(PackedRecord.PackedRecordCoder.of());
    out.get(EVAL).setCoder(PackedRecord.PackedRecordCoder.of());
    out.get(REJECTED).setCoder(JsonCoder.of(Rejection.class));
    return out;
  }

  static class SplitFn extends DoFn<PackedRecord, PackedRecord> {
    private final long runSeed;
    private final double evalSeedFraction;

    SplitFn(long runSeed, double evalSeedFraction) {
      this.runSeed = runSeed;
      this.evalSeedFraction = evalSeedFraction;
    }

    @ProcessElement
    public void process(@Element PackedRecord r, MultiOutputReceiver out) {
      String split = Draws.splitOf(runSeed, r.seedId(), evalSeedFraction);
      if (split.equals(r.split())) {
        Metrics.counter(Stages.SPLIT.id(), split).inc();
        out.get("eval".equals(split) ? EVAL : TRAIN).output(r);
      } else {
        out.get(REJECTED).output(new Rejection(Stages.SPLIT.id(), "seed_in_other_split", r.id(),
            "seed " + r.seedId() + " belongs to " + split, Json.write(r.record())));
      }
    }
  }
}
