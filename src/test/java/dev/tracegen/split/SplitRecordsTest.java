package dev.tracegen.split;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegen.dedup.Planted;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.plan.Draws;
import dev.tracegen.stage.Stages;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Split re-derives each record's split from its seed: records whose split agrees go to their side
 * unchanged, a record that claims the other split than its seed's is rejected.
 */
class SplitRecordsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final long RUN_SEED = 20241109L;
  static final double EVAL_FRACTION = 0.5;

  /** The first of seed-1, seed-2, ... that the split hash puts in {@code split}. */
  static String seedIn(String split, int skip) {
    return IntStream.rangeClosed(1, 100).mapToObj(i -> "seed-" + i)
        .filter(s -> Draws.splitOf(RUN_SEED, s, EVAL_FRACTION).equals(split)).skip(skip).findFirst().orElseThrow();
  }

  static TraceRecord record(String id, String seed, String split) {
    return Planted.record(id, seed, split, "Describe the record " + id + ".", List.of("Use one paragraph."), "");
  }

  @Test
  void aRecordInTheOtherSplitThanItsSeedIsRejected(TestPipeline p) {
    String train1 = seedIn("train", 0);
    String train2 = seedIn("train", 1);
    String eval1 = seedIn("eval", 0);
    List<TraceRecord> in = List.of(
        record("train-a", train1, "train"),
        record("train-b", train2, "train"),
        record("eval-a", eval1, "eval"),
        record("train-from-eval-seed", eval1, "train"),
        record("eval-from-train-seed", train1, "eval"));

    PCollectionTuple out = p.apply(Create.of(in).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("Pack", PackedRecord.packEach())
        .apply(SplitRecords.bySeed(RUN_SEED, EVAL_FRACTION));
    PAssert.that(ids(out.get(SplitRecords.TRAIN), "Train")).containsInAnyOrder("train-a", "train-b");
    PAssert.that(ids(out.get(SplitRecords.EVAL), "Eval")).containsInAnyOrder("eval-a");
    PAssert.that(out.get(SplitRecords.TRAIN)).satisfies(rs -> {
      rs.forEach(r -> assertEquals(in.stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow(), r.record()));
      return null;
    });
    PAssert.that(out.get(SplitRecords.REJECTED).apply("Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason() + " " + r.detail())))
        .containsInAnyOrder(
            "train-from-eval-seed " + Stages.SPLIT.id() + "/seed_in_other_split seed " + eval1 + " belongs to eval",
            "eval-from-train-seed " + Stages.SPLIT.id() + "/seed_in_other_split seed " + train1 + " belongs to train");
    PAssert.that(out.get(SplitRecords.REJECTED)).satisfies(rs -> {
      // The rejected record is kept whole, so nothing is lost silently.
      rs.forEach(r -> assertEquals(true, r.record().contains("\"" + r.id() + "\""), r.record()));
      return null;
    });
    p.run().waitUntilFinish();
  }

  static PCollection<String> ids(PCollection<PackedRecord> records, String name) {
    return records.apply(name + "Ids", MapElements.into(TypeDescriptors.strings()).via(PackedRecord::id));
  }
}
