package dev.tracegen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Profile;
import dev.tracegen.io.SeedFiles;
import dev.tracegen.io.SeedFormat;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planner's mix on the real seed bank and the TRACE profile's shapes: drawn by the target
 * weights alone it departs from them by several points (saturation, conflicts, inputs); drawn by
 * the calibrated weights every dimension is within one point of its target in both splits.
 */
class MixCalibrationTest {
  static Taxonomy taxonomy;
  static Profile profile;
  static List<Seed> seeds;
  static Map<String, List<Seed>> bySplit;
  static Map<String, Double> targets;

  @BeforeAll
  static void load() throws Exception {
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), Checkers.load());
    profile = Profile.load(Path.of("pipeline/trace.yaml"));
    seeds = SeedFiles.read(List.of("pipeline/seeds/seeds.jsonl"), SeedFormat.AUTO);
    bySplit = new TreeMap<>();
    for (Seed s : seeds) {
      bySplit.computeIfAbsent(Draws.splitOf(profile.runSeed(), s.id(), profile.evalSeedFraction()),
          k -> new ArrayList<>()).add(s);
    }
    bySplit.values().forEach(l -> l.sort(Comparator.comparing(Seed::id)));
    targets = new TreeMap<>();
    for (Dimension d : taxonomy.dimensions()) {
      targets.put(d.id(), d.weight());
    }
  }

  /** The first target slots of each stratum: what an adaptive run's first wave plans. */
  static List<PlanSlots.Range> ranges(String split) {
    List<PlanSlots.Range> out = new ArrayList<>();
    profile.stratumTargets(split).forEach((k, target) -> out.add(new PlanSlots.Range(split, k, 0, target)));
    return out;
  }

  /** Largest distance in points between the shares of the split's plans (the run's own ids) and the targets. */
  static double worstDifference(String split, Map<String, Double> weights, int stride) {
    Planner planner = new Planner(taxonomy, weights, profile.runSeed());
    Map<String, Long> drawn = new TreeMap<>();
    long n = 0;
    for (PlanSlots.Range r : ranges(split)) {
      // Offset from the calibration's own sample of every stride-th plan.
      for (int slot = r.from() + (stride > 1 ? 1 : 0); slot < r.to(); slot += stride) {
        String planId = PlanConstraints.planId(split, r.k(), slot);
        Plan plan = planner.plan(planId, PlanConstraints.seedOf(bySplit.get(split), planId, profile.runSeed()), split,
            r.k());
        for (Constraint c : plan.constraints()) {
          drawn.merge(c.dimension(), 1L, Long::sum);
          n++;
        }
      }
    }
    double total = targets.values().stream().mapToDouble(Double::doubleValue).sum();
    double worst = 0;
    for (Dimension d : taxonomy.dimensions()) {
      worst = Math.max(worst, Math.abs(100.0 * drawn.getOrDefault(d.id(), 0L) / n - 100.0 * d.weight() / total));
    }
    return worst;
  }

  @Test
  void calibratedWeightsGiveTheTargetMixInBothSplits() {
    long t0 = System.nanoTime();
    Map<String, Map<String, Double>> calibrated = MixCalibration.forRun(profile, taxonomy, seeds);
    System.out.printf("calibration took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    for (String split : List.of("train", "eval")) {
      double raw = worstDifference(split, targets, split.equals("train") ? 10 : 1);
      double after = worstDifference(split, calibrated.get(split), split.equals("train") ? 10 : 1);
      System.out.printf("%s: worst dimension %.2f points off by the target weights, %.2f calibrated%n", split,
          raw, after);
      assertTrue(raw > 4, split + ": the uncalibrated mix departs (" + raw + " points), as measured");
      // Eval's 1,000 first plans are all calibrated on; train is checked on plans the sample left out.
      assertTrue(after < 0.5, split + ": calibrated mix within half a point, got " + after);
    }
  }

  @Test
  void theWeightsDoNotDependOnTheOverGenerationFactor() {
    // A top-up or a rerun at another factor draws the same plans for the same slots, so a
    // response cache answers them.
    Profile smoke = Profile.load(Path.of("pipeline/smoke.yaml"));
    assertEquals(MixCalibration.forRun(smoke, taxonomy, seeds),
        MixCalibration.forRun(smoke.withOvergeneration(2.5), taxonomy, seeds));
  }

  @Test
  void aDisabledDimensionStaysDisabledAndTheResultIsDeterministic() {
    Map<String, Double> noInclusion = new TreeMap<>(targets);
    noInclusion.put("inclusion", 0.0);
    Map<String, Double> a = MixCalibration.drawWeights(taxonomy, noInclusion, bySplit.get("eval"), ranges("eval"),
        profile.runSeed());
    Map<String, Double> b = MixCalibration.drawWeights(taxonomy, noInclusion, bySplit.get("eval"), ranges("eval"),
        profile.runSeed());
    assertEquals(0.0, a.get("inclusion"));
    assertEquals(a, b);
  }
}
