package dev.tracegen.cost;

import dev.tracegen.RunConfig;
import dev.tracegen.TraceOptions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The estimate of one run's configuration, as {@code tracegen estimate} and the start of {@code tracegen run} print it. */
public final class RunEstimate {
  private RunEstimate() {}

  /** The default step models, refined by the run's own plans and prompts. */
  public static CostEstimator estimator(RunConfig cfg) {
    return CostEstimator.defaults(PlanFigures.of(cfg.taxonomy(), cfg.prompts(), cfg.profile().dimensionWeights(),
        cfg.profile().runSeed(), cfg.seeds(), cfg.seedFormat(), cfg.judgeCalibration(), ks(cfg)));
  }

  /**
   * The candidates a run will plan per stratum: with fixed planning the profile's counts; with
   * adaptive waves each stratum's target over the yield (the pilot's, else the lower of
   * {@code --priorYield} and {@link #ASSUMED_YIELD}), which is where the waves end up.
   */
  public static Map<String, Long> expectedPlans(RunConfig cfg, Double yield) {
    if (!cfg.waves().adaptive()) {
      return CostEstimator.plannedPerStratum(cfg.profile());
    }
    double y = yield != null && yield > 0 ? Math.min(1, yield) : Math.min(cfg.waves().priorYield(), ASSUMED_YIELD);
    Map<String, Long> out = new TreeMap<>();
    for (String split : List.of("train", "eval")) {
      if (cfg.profile().targets() != null && cfg.profile().targets().containsKey(split)) {
        cfg.profile().stratumTargets(split).forEach((k, target) -> {
          if (target > 0) {
            out.put(split + "." + k, (long) Math.ceil(target / y));
          }
        });
      }
    }
    return out;
  }

  private static Iterable<Integer> ks(RunConfig cfg) {
    return CostEstimator.plannedPerStratum(cfg.profile()).keySet().stream().map(CostEstimator::k).distinct().sorted()
        .toList();
  }

  public static CostEstimator.Throughput throughput(TraceOptions o, RunConfig cfg) {
    return new CostEstimator.Throughput(o.getMaxInFlight(), o.getRequestsPerMinute(), o.getTokensPerMinute(),
        o.getExpectedLatency(), cfg.generator().isEmbedded() && cfg.judge().isEmbedded());
  }

  /**
   * The share of plans that reach selection when nothing better is known: what the embedded
   * generator's full build measured (0.89); a pilot measures the configured model's own.
   */
  public static final double ASSUMED_YIELD = 0.9;

  /** The estimate of the run {@code o} describes, by {@code estimator}, for the candidates it will plan. */
  public static Estimate of(TraceOptions o, RunConfig cfg, CostEstimator estimator) {
    return of(o, cfg, estimator, null);
  }

  /** As above, with the share of plans a pilot saw reach selection ({@code null}: not measured). */
  public static Estimate of(TraceOptions o, RunConfig cfg, CostEstimator estimator, Double yield) {
    Estimate e = estimator.estimate(expectedPlans(cfg, yield), cfg.generator().price(),
        cfg.judge().price(), throughput(o, cfg));
    if (o.getMaxCost() > 0 && e.cost() != null && e.cost() > o.getMaxCost()) {
      e = e.withNote(String.format(java.util.Locale.ROOT, "the estimate is above --maxCost=%s: the run will stop "
          + "when it is spent", Estimate.money(o.getMaxCost())));
    }
    return e;
  }
}
