package dev.tracegen.plan;

import dev.tracegen.config.Profile;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draw weights that make the planned constraints of each split follow the target shares.
 *
 * <p>Drawing a plan's constraints by the target weights alone does not give the target mix: a
 * dimension that may appear once per instruction saturates in long instructions while repeatable
 * ones (inclusion) take the remaining places, conflicts keep dimensions out of instructions that
 * hold their rivals, and background dimensions are skipped for seeds with an input. On the TRACE
 * profile that puts inclusion 6–9 points above its share and numerical and output format 4–6
 * below. Calibration draws the split's own plans (the first target slots of every stratum; all of
 * them for a small split, an even sample for a large one: same ids, seeds and constraint counts as
 * the run) and scales each weight by
 * (target / drawn share)^a until the drawn shares match; a dimension whose error keeps its sign
 * gets a larger step a, one that overshoots a smaller one, which settles dimensions that saturate
 * (numerical in long instructions) in a few rounds. Pure and deterministic.
 */
public final class MixCalibration {
  /** Most plans drawn per round and split: ±0.3 points of sampling noise on a 17 % share. */
  static final int SAMPLE_PLANS = 20_000;

  static final int MAX_ROUNDS = 12;

  /** Stop once every share is this close to its target (a share, not points). */
  static final double TOLERANCE = 0.001;

  private MixCalibration() {}

  /** Per split, the draw weights for the profile's plans on these seeds (the run's seed bank). */
  public static Map<String, Map<String, Double>> forRun(Profile profile, Taxonomy taxonomy, List<Seed> seeds) {
    Map<String, Double> targets = new TreeMap<>();
    for (Dimension d : taxonomy.dimensions()) {
      targets.put(d.id(), profile.dimensionWeights().getOrDefault(d.id(), d.weight()));
    }
    Map<String, List<Seed>> bySplit = new TreeMap<>();
    for (Seed s : seeds) {
      bySplit.computeIfAbsent(Draws.splitOf(profile.runSeed(), s.id(), profile.evalSeedFraction()),
          k -> new ArrayList<>()).add(s);
    }
    bySplit.values().forEach(l -> l.sort(Comparator.comparing(Seed::id)));
    // The first target slots of each stratum: every run of these targets plans them (adaptive
    // waves start there, any over-generation factor extends them), so the weights, and with them
    // every plan a cache may hold, do not depend on the factor or the planning mode.
    Map<String, List<PlanSlots.Range>> ranges = new TreeMap<>();
    for (String split : List.of("train", "eval")) {
      if (profile.targets() != null && profile.targets().containsKey(split)) {
        profile.stratumTargets(split).forEach((k, target) -> {
          if (target > 0) {
            ranges.computeIfAbsent(split, s -> new ArrayList<>()).add(new PlanSlots.Range(split, k, 0, target));
          }
        });
      }
    }
    Map<String, Map<String, Double>> out = new TreeMap<>();
    ranges.forEach((split, rs) -> out.put(split, drawWeights(taxonomy, targets, bySplit.getOrDefault(split, List.of()),
        rs, profile.runSeed())));
    return out;
  }

  /**
   * Draw weights for the plans of {@code ranges} (one split) on its seeds, sorted by id:
   * {@code targets} are the wanted shares at any scale; a dimension at 0 or absent is never drawn.
   */
  static Map<String, Double> drawWeights(Taxonomy taxonomy, Map<String, Double> targets, List<Seed> seeds,
      List<PlanSlots.Range> ranges, long runSeed) {
    Map<String, Double> share = new TreeMap<>();
    double total = 0;
    for (Dimension d : taxonomy.dimensions()) {
      total += Math.max(0, targets.getOrDefault(d.id(), 0.0));
    }
    for (Dimension d : taxonomy.dimensions()) {
      share.put(d.id(), total > 0 ? Math.max(0, targets.getOrDefault(d.id(), 0.0)) / total : 0);
    }
    Map<String, Double> weights = new TreeMap<>(share);
    if (total <= 0 || seeds.isEmpty() || ranges.isEmpty()) {
      return weights;
    }
    long plans = ranges.stream().mapToLong(PlanSlots.Range::size).sum();
    int stride = (int) Math.max(1, (plans + SAMPLE_PLANS - 1) / SAMPLE_PLANS);
    Map<String, Double> step = new TreeMap<>();
    Map<String, Double> lastError = new TreeMap<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Map<String, Long> drawn = draw(new Planner(taxonomy, weights, runSeed), seeds, ranges, stride, runSeed);
      long n = drawn.values().stream().mapToLong(Long::longValue).sum();
      if (n == 0) {
        return weights;
      }
      double worst = 0;
      Map<String, Double> next = new TreeMap<>();
      for (Map.Entry<String, Double> e : weights.entrySet()) {
        String id = e.getKey();
        double target = share.get(id);
        double realised = drawn.getOrDefault(id, 0L) / (double) n;
        double error = realised - target;
        worst = Math.max(worst, Math.abs(error));
        double a = step.getOrDefault(id, 1.0);
        if (round > 0) {
          a = error * lastError.getOrDefault(id, 0.0) > 0 ? Math.min(4, a * 1.5) : Math.max(0.5, a / 2);
        }
        step.put(id, a);
        lastError.put(id, error);
        // A wanted dimension the plans never drew (none of these seeds allows it) doubles, not explodes.
        double factor = target == 0 ? 0 : realised == 0 ? 2 : Math.pow(target / realised, a);
        next.put(id, e.getValue() * factor);
      }
      if (worst <= TOLERANCE) {
        return weights;
      }
      weights = next;
    }
    return weights;
  }

  /** Dimension counts of every {@code stride}-th plan of each range (its first always), as the run draws them. */
  private static Map<String, Long> draw(Planner planner, List<Seed> seeds, List<PlanSlots.Range> ranges, int stride,
      long runSeed) {
    Map<String, Long> drawn = new TreeMap<>();
    for (PlanSlots.Range r : ranges) {
      for (int slot = r.from(); slot < r.to(); slot += stride) {
        String planId = PlanConstraints.planId(r.split(), r.k(), slot);
        Plan plan = planner.plan(planId, PlanConstraints.seedOf(seeds, planId, runSeed), r.split(), r.k());
        if (plan != null) {
          for (Constraint c : plan.constraints()) {
            drawn.merge(c.dimension(), 1L, Long::sum);
          }
        }
      }
    }
    return drawn;
  }
}
