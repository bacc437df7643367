package dev.tracegen.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegen.RunConfig;
import dev.tracegen.TraceOptions;
import dev.tracegen.config.Profile;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The plans an estimate prices: what the run's planning will make. */
class RunEstimateTest {
  static RunConfig config(String... args) {
    PipelineOptionsFactory.register(TraceOptions.class);
    return RunConfig.from(PipelineOptionsFactory.fromArgs(args).as(TraceOptions.class));
  }

  static long total(Map<String, Long> plans) {
    return plans.values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void adaptiveWavesArePricedAtTheTargetsOverTheYield() {
    RunConfig adaptive = config("--profile=pipeline/smoke.yaml");
    Map<String, Long> assumed = RunEstimate.expectedPlans(adaptive, null);
    // 300 train + 40 eval targets over the assumed 0.9, stratum by stratum, rounded up.
    long targets = 340;
    long plans = total(assumed);
    assertEquals(true, plans >= Math.ceil(targets / 0.9) && plans <= Math.ceil(targets / 0.9) + assumed.size(),
        "plans " + plans);
    // A pilot's yield replaces the assumption.
    long halfYield = total(RunEstimate.expectedPlans(adaptive, 0.5));
    assertEquals(true, halfYield >= 680 && halfYield <= 680 + assumed.size(), "plans at yield 0.5: " + halfYield);
  }

  @Test
  void fixedPlanningIsPricedAtTheProfilesCounts() {
    RunConfig fixed = config("--profile=pipeline/smoke.yaml", "--planning=fixed");
    assertEquals(CostEstimator.plannedPerStratum(Profile.load(Path.of("pipeline/smoke.yaml"))),
        RunEstimate.expectedPlans(fixed, 0.5));
  }
}
