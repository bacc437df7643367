package dev.tracegen.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.dedup.Planted;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Select keeps exactly the target of each stratum, the records with the smallest selection keys;
 * the rest of a stratum is surplus, and a stratum without a target loses every record.
 */
class SelectExactCountsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final long RUN_SEED = 20241109L;

  static TraceRecord record(String id, String split, int k) {
    List<String> cs = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      cs.add("Constraint number " + i + ".");
    }
    return Planted.record(id, "seed-" + id, split, "Describe " + id + ".", cs, "");
  }

  static List<TraceRecord> input() {
    List<TraceRecord> in = new ArrayList<>();
    for (String id : List.of("t2-a", "t2-b", "t2-c", "t2-d", "t2-e")) {
      in.add(record(id, "train", 2));
    }
    in.add(record("e1-a", "eval", 1));
    in.add(record("t3-a", "train", 3));
    in.add(record("e2-a", "eval", 2));
    return in;
  }

  /** train.2 has room for two of five, eval.1 for more than it has, eval.2 for none; train.3 is not listed. */
  static final Map<String, Integer> TARGETS = Map.of("train.2", 2, "eval.1", 3, "eval.2", 0);

  @Test
  void keepsTheTargetWithTheSmallestKeysAndRejectsTheRest(TestPipeline p) {
    // The two smallest selection keys of train.2 under this run seed.
    List<String> keys = new ArrayList<>();
    for (String id : List.of("t2-a", "t2-b", "t2-c", "t2-d", "t2-e")) {
      keys.add(SelectExactCounts.selectionKey(RUN_SEED, id));
    }
    Collections.sort(keys);
    List<String> smallest = keys.subList(0, 2).stream().map(k -> k.substring(k.indexOf('|') + 1)).toList();
    assertEquals(List.of(KEPT_TRAIN_2.split(",")), smallest.stream().sorted().toList());

    PCollectionTuple out = p.apply(Create.of(input()).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("Pack", PackedRecord.packEach())
        .apply(SelectExactCounts.of(TARGETS, RUN_SEED));
    List<String> kept = new ArrayList<>(List.of(KEPT_TRAIN_2.split(",")));
    kept.add("e1-a");
    PAssert.that(out.get(SelectExactCounts.KEPT).apply("KeptIds", MapElements.into(TypeDescriptors.strings())
        .via(PackedRecord::id))).containsInAnyOrder(kept);
    List<String> rejected = new ArrayList<>();
    for (String id : List.of("t2-a", "t2-b", "t2-c", "t2-d", "t2-e")) {
      if (!kept.contains(id)) {
        rejected.add(id + " " + Stages.SELECT.id() + "/surplus");
      }
    }
    rejected.add("t3-a " + Stages.SELECT.id() + "/stratum_not_targeted");
    rejected.add("e2-a " + Stages.SELECT.id() + "/stratum_not_targeted");
    PAssert.that(out.get(SelectExactCounts.REJECTED).apply("Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason()))).containsInAnyOrder(rejected);
    PAssert.that(out.get(SelectExactCounts.KEPT)).satisfies(rs -> {
      rs.forEach(r -> assertTrue(input().contains(r.record()), r.id() + " is passed on unchanged"));
      return null;
    });
    p.run().waitUntilFinish();
  }

  /** Which two of train.2 the hash keeps; pinned so that a change of the selection key shows. */
  static final String KEPT_TRAIN_2 = "t2-a,t2-c";
}
