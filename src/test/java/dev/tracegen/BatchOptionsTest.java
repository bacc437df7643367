package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.llm.batch.BatchSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** {@code --batch} and its settings, as the run configuration maps and checks them. */
class BatchOptionsTest {
  static RunConfig config(String... args) {
    PipelineOptionsFactory.register(TraceOptions.class);
    List<String> all = new ArrayList<>(List.of("--profile=pipeline/smoke.yaml"));
    all.addAll(List.of(args));
    return RunConfig.from(PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).as(TraceOptions.class));
  }

  @Test
  void batchSettingsReachBothModelsOfAnOpenAiRun() {
    RunConfig c = config("--provider=openai", "--model=m", "--baseUrl=http://127.0.0.1:1/v1", "--batch",
        "--batchPollSeconds=2.5", "--batchMaxRequests=1000", "--batchTimeoutHours=6");
    BatchSettings expected = new BatchSettings(true, 2.5, 1000, 6);
    assertEquals(expected, c.generator().batch());
    assertEquals(expected, c.judge().batch());
  }

  @Test
  void offByDefaultAndNeverForTheInProcessModel() {
    assertFalse(config("--provider=openai", "--model=m").generator().batch().enabled());
    assertFalse(config("--batch").generator().batch().enabled(), "the embedded model answers at once");
  }

  @Test
  void batchNeedsTheOpenAiBatchApiAndTheCache() {
    IllegalArgumentException provider = assertThrows(IllegalArgumentException.class,
        () -> config("--provider=ollama", "--model=m", "--batch"));
    assertTrue(provider.getMessage().contains("--batch supports providers openai"), provider.getMessage());
    IllegalArgumentException cache = assertThrows(IllegalArgumentException.class,
        () -> config("--provider=openai", "--model=m", "--batch", "--cache=false"));
    assertTrue(cache.getMessage().contains("response cache"), cache.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> config("--provider=openai", "--model=m", "--batch", "--batchMaxRequests=0"));
    assertThrows(IllegalArgumentException.class,
        () -> config("--provider=openai", "--model=m", "--batch", "--batchPollSeconds=0"));
  }
}
