package dev.tracegen.llm;

import dev.langchain4j.model.output.FinishReason;

/**
 * One answer, why it ended and what it cost. {@code finishReason} is the provider's ({@code null}
 * when it sent none; a cached answer was a complete one, so it reads {@code STOP}).
 */
public record LlmReply(String text, long tokensIn, long tokensOut, int retries, boolean cached,
    FinishReason finishReason) {

  /** The model stopped because it reached the token limit: the text is cut off. */
  public boolean truncated() {
    return finishReason == FinishReason.LENGTH;
  }
}
