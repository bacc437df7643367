package dev.tracegen.cost;

import dev.tracegen.RunConfig;
import dev.tracegen.TraceOptions;

/** The estimate of one run's configuration, as {@code tracegen estimate} and the start of {@code tracegen run} print it. */
public final class RunEstimate {
  private RunEstimate() {}

  /** The default step models, refined by the run's own plans and prompts. */
  public static CostEstimator estimator(RunConfig cfg) {
    return CostEstimator.defaults(PlanFigures.of(cfg.taxonomy(), cfg.prompts(), cfg.profile().dimensionWeights(),
        cfg.profile().runSeed(), cfg.seeds(), cfg.seedFormat(), cfg.judgeCalibration(), ks(cfg)));
  }

  private static Iterable<Integer> ks(RunConfig cfg) {
    return CostEstimator.plannedPerStratum(cfg.profile()).keySet().stream().map(CostEstimator::k).distinct().sorted()
        .toList();
  }

  public static CostEstimator.Throughput throughput(TraceOptions o, RunConfig cfg) {
    return new CostEstimator.Throughput(o.getMaxInFlight(), o.getRequestsPerMinute(), o.getTokensPerMinute(),
        o.getExpectedLatency(), cfg.generator().isEmbedded() && cfg.judge().isEmbedded());
  }

  /** The estimate of the run {@code o} describes, by {@code estimator}, for the candidates its profile plans. */
  public static Estimate of(TraceOptions o, RunConfig cfg, CostEstimator estimator) {
    Estimate e = estimator.estimate(CostEstimator.plannedPerStratum(cfg.profile()), cfg.generator().price(),
        cfg.judge().price(), throughput(o, cfg));
    if (o.getMaxCost() > 0 && e.cost() != null && e.cost() > o.getMaxCost()) {
      e = e.withNote(String.format(java.util.Locale.ROOT, "the estimate is above --maxCost=%s: the run will stop "
          + "when it is spent", Estimate.money(o.getMaxCost())));
    }
    return e;
  }
}
