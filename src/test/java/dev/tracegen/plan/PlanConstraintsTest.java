package dev.tracegen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.config.Profile;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import dev.tracegen.stage.StageContexts;
import dev.tracegen.stage.Stages;
import dev.tracegen.taxonomy.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Plan on a handful of seeds: every targeted slot is drawn from a seed of its own split with the
 * planned number of constraints; a split without seeds and a constraint count the weights cannot
 * reach are rejected slot by slot.
 */
class PlanConstraintsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final long RUN_SEED = 20241109L;

  static List<Seed> seeds(int n) {
    List<Seed> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(new Seed("seed-" + i, "Explain how topic number " + i + " affects daily life.", "", "explain",
          "seeds.jsonl:" + i));
    }
    return out;
  }

  /** Targets of one record per stratum; over-generation 1 gives target + 2 = 3 slots per stratum. */
  static Profile profile(double evalFraction, Map<Integer, Double> trainShape, Map<String, Double> weights) {
    Map<String, Profile.Target> targets = new TreeMap<>();
    targets.put("train", new Profile.Target(trainShape.size(), trainShape));
    targets.put("eval", new Profile.Target(1, Map.of(1, 1.0)));
    return new Profile("test", "", RUN_SEED, List.of("seeds.jsonl"), "auto", evalFraction, targets, 1.0, 0.0,
        null, weights, null, null, null, null, null, null);
  }

  static List<String> slots(String split, int k) {
    return IntStream.range(0, 3).mapToObj(i -> String.format("%s-k%02d-%06d", split, k, i)).toList();
  }

  static PCollectionTuple run(TestPipeline p, List<Seed> seeds, Profile profile) {
    return run(p, seeds, profile, Map.of());
  }

  static PCollectionTuple run(TestPipeline p, List<Seed> seeds, Profile profile,
      Map<String, Map<String, Double>> drawWeights) {
    return p.apply(Create.of(seeds).withCoder(JsonCoder.of(Seed.class)))
        .apply(PlanConstraints.of(profile, StageContexts.TAXONOMY, 2, drawWeights));
  }

  static PCollection<String> planIds(PCollectionTuple out) {
    return out.get(PlanConstraints.PLANS).apply("PlanIds", MapElements.into(TypeDescriptors.strings()).via(Plan::id));
  }

  static PCollection<String> rejections(PCollectionTuple out) {
    return out.get(PlanConstraints.REJECTED).apply("Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason()));
  }

  @Test
  void everySlotIsPlannedFromASeedOfItsSplit(TestPipeline p) {
    List<Seed> seeds = seeds(8);
    Profile profile = profile(0.5, Map.of(1, 1.0, 3, 1.0), Map.of());
    // The test needs seeds on both sides of the split.
    assertTrue(seeds.stream().anyMatch(s -> Draws.splitOf(RUN_SEED, s.id(), 0.5).equals("eval")));
    assertTrue(seeds.stream().anyMatch(s -> Draws.splitOf(RUN_SEED, s.id(), 0.5).equals("train")));

    PCollectionTuple out = run(p, seeds, profile);
    List<String> expected = new ArrayList<>(slots("train", 1));
    expected.addAll(slots("train", 3));
    expected.addAll(slots("eval", 1));
    PAssert.that(planIds(out)).containsInAnyOrder(expected);
    PAssert.that(out.get(PlanConstraints.PLANS)).satisfies(plans -> {
      for (Plan plan : plans) {
        assertEquals(plan.split(), Draws.splitOf(RUN_SEED, plan.seed().id(), 0.5), plan.id());
        assertTrue(plan.id().startsWith(plan.split() + String.format("-k%02d-", plan.k())), plan.id());
        assertEquals(plan.k(), plan.constraints().size(), plan.id());
        List<String> ids = plan.constraints().stream().map(Constraint::id).toList();
        assertEquals(IntStream.rangeClosed(1, plan.k()).mapToObj(i -> "c" + i).toList(), ids, plan.id());
        for (Constraint c : plan.constraints()) {
          assertTrue(StageContexts.TAXONOMY.has(c.dimension()), c.dimension());
          assertFalse(c.text().isBlank(), plan.id());
        }
      }
      return null;
    });
    PAssert.that(out.get(PlanConstraints.REJECTED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void slotsOfASplitWithoutSeedsAreRejected(TestPipeline p) {
    List<Seed> seeds = seeds(3);
    double tiny = 0.0001;
    assertTrue(seeds.stream().allMatch(s -> Draws.splitOf(RUN_SEED, s.id(), tiny).equals("train")));

    PCollectionTuple out = run(p, seeds, profile(tiny, Map.of(2, 1.0), Map.of()));
    PAssert.that(planIds(out)).containsInAnyOrder(slots("train", 2));
    PAssert.that(rejections(out)).containsInAnyOrder(slots("eval", 1).stream()
        .map(id -> id + " " + Stages.PLAN.id() + "/no_seeds_in_split").toList());
    PAssert.that(out.get(PlanConstraints.REJECTED)).satisfies(rs -> {
      rs.forEach(r -> assertTrue(r.detail().contains("eval split"), r.detail()));
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void aConstraintCountTheWeightsCannotReachIsInfeasible(TestPipeline p) {
    // Only one dimension may be drawn, and it cannot repeat: one constraint is possible, two are not.
    Map<String, Double> weights = new TreeMap<>();
    for (Dimension d : StageContexts.TAXONOMY.dimensions()) {
      weights.put(d.id(), d.id().equals("output_format") ? 1.0 : 0.0);
    }
    List<Seed> seeds = seeds(8);
    PCollectionTuple out = run(p, seeds, profile(0.5, Map.of(1, 1.0, 2, 1.0), weights));
    List<String> kept = new ArrayList<>(slots("train", 1));
    kept.addAll(slots("eval", 1));
    PAssert.that(planIds(out)).containsInAnyOrder(kept);
    PAssert.that(out.get(PlanConstraints.PLANS)).satisfies(plans -> {
      plans.forEach(plan -> assertEquals(List.of("output_format"),
          plan.constraints().stream().map(Constraint::dimension).toList(), plan.id()));
      return null;
    });
    PAssert.that(rejections(out)).containsInAnyOrder(slots("train", 2).stream()
        .map(id -> id + " " + Stages.PLAN.id() + "/infeasible").toList());
    p.run().waitUntilFinish();
  }

  @Test
  void eachSplitIsDrawnByItsOwnDrawWeights(TestPipeline p) {
    // Calibrated weights replace the profile's: train may draw only theme, eval only tone_style.
    Map<String, Double> theme = new TreeMap<>();
    Map<String, Double> tone = new TreeMap<>();
    for (Dimension d : StageContexts.TAXONOMY.dimensions()) {
      theme.put(d.id(), d.id().equals("theme") ? 1.0 : 0.0);
      tone.put(d.id(), d.id().equals("tone_style") ? 1.0 : 0.0);
    }
    PCollectionTuple out = run(p, seeds(8), profile(0.5, Map.of(1, 1.0), Map.of()),
        Map.of("train", theme, "eval", tone));
    PAssert.that(out.get(PlanConstraints.PLANS)).satisfies(plans -> {
      int n = 0;
      for (Plan plan : plans) {
        assertEquals(List.of(plan.split().equals("train") ? "theme" : "tone_style"),
            plan.constraints().stream().map(Constraint::dimension).toList(), plan.id());
        n++;
      }
      assertEquals(6, n, "three plans per split");
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void smallWavesUseFewerBucketsThanTheOptionAllows() {
    // Each bucket is a bundle through every step; a wave of a few plans in sixteen of them spent
    // most of a small build on the Direct runner's per-bundle set-up.
    assertEquals(2, PlanConstraints.spreadBuckets(16, 13));
    assertEquals(2, PlanConstraints.spreadBuckets(16, 200));
    assertEquals(3, PlanConstraints.spreadBuckets(16, 201));
    assertEquals(16, PlanConstraints.spreadBuckets(16, 150_000));
    assertEquals(1, PlanConstraints.spreadBuckets(1, 150_000), "--buckets=1 stays one bundle (batch mode relies on it)");
  }
}
