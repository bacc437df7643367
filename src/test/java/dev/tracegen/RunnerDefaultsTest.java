package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** What a run sets on the runner it is given, before any pipeline is built. */
class RunnerDefaultsTest {
  static TraceOptions options(String runner) {
    PipelineOptionsFactory.register(TraceOptions.class);
    return PipelineOptionsFactory.fromArgs("--runner=" + runner).as(TraceOptions.class);
  }

  @Test
  void onFlinkAJoinMayReadALargeGroupTwice() {
    TraceOptions o = options("FlinkRunner");
    assertFalse(o.as(FlinkPipelineOptions.class).getReIterableGroupByKeyResult(), "Flink's default");
    TraceRun.runnerDefaults(o);
    assertTrue(o.as(FlinkPipelineOptions.class).getReIterableGroupByKeyResult());
  }

  @Test
  void onFlinkChainedOperatorsPassRecordsWithoutCopying() {
    TraceOptions o = options("FlinkRunner");
    assertFalse(o.as(FlinkPipelineOptions.class).getFasterCopy(), "Flink's default");
    TraceRun.runnerDefaults(o);
    assertTrue(o.as(FlinkPipelineOptions.class).getFasterCopy());
  }

  @Test
  void theDirectRunnerSkipsDefensiveCopiesAndDoesNotBlock() {
    TraceOptions o = options("DirectRunner");
    TraceRun.runnerDefaults(o);
    DirectOptions d = o.as(DirectOptions.class);
    assertFalse(d.isEnforceImmutability());
    assertFalse(d.isEnforceEncodability());
    assertFalse(d.isBlockOnRun());
  }
}
