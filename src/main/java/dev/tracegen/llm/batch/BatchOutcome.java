package dev.tracegen.llm.batch;

import dev.langchain4j.model.output.FinishReason;

/** What a batch did for one request: an answer, or nothing usable (the caller then sends it on its own). */
public sealed interface BatchOutcome {
  /**
   * An answer. {@code cached}: it was already in the response cache (collected from an earlier
   * run's batch, or written by another run), so this run paid nothing for it.
   */
  record Answer(String text, long tokensIn, long tokensOut, FinishReason finishReason, boolean cached)
      implements BatchOutcome {}

  /** The batch gave no usable answer (failed line, malformed line, expired or cancelled batch). */
  record Unanswered(String why) implements BatchOutcome {}
}
