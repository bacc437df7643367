package dev.tracegen.llm.batch;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One run's collection of the batches that earlier runs left at one cache and endpoint: made once,
 * by the first step that sends a batch there, and its answers kept for the run's other steps (the
 * cache does not look up what this process wrote to it).
 */
public final class BatchResume {
  private Map<String, BatchOutcome.Answer> answers;

  /** The answers of earlier runs' batches, collected by {@code collect} on the first call. */
  synchronized Map<String, BatchOutcome.Answer> answers(Supplier<Map<String, BatchOutcome.Answer>> collect) {
    if (answers == null) {
      answers = Map.copyOf(collect.get());
    }
    return answers;
  }
}
