package dev.tracegen.llm.batch;

import java.io.Serializable;

/**
 * How an LLM step uses the provider's batch API.
 *
 * @param enabled cache misses go through the batch API ({@code --batch})
 * @param pollSeconds how often a submitted batch's status is read
 * @param maxRequests most requests in one batch
 * @param timeoutHours a batch still running after this long is cancelled; its unanswered requests
 *     are then sent one by one
 */
public record BatchSettings(boolean enabled, double pollSeconds, int maxRequests, double timeoutHours)
    implements Serializable {
  /** OpenAI's limit of requests in one batch. */
  public static final int OPENAI_MAX_REQUESTS = 50_000;

  public static final BatchSettings OFF = new BatchSettings(false, 30, OPENAI_MAX_REQUESTS, 24);

  public BatchSettings {
    if (!(pollSeconds > 0)) {
      throw new IllegalArgumentException("--batchPollSeconds must be more than 0, got " + pollSeconds);
    }
    if (maxRequests < 1 || maxRequests > OPENAI_MAX_REQUESTS) {
      throw new IllegalArgumentException("--batchMaxRequests must be between 1 and " + OPENAI_MAX_REQUESTS
          + ", got " + maxRequests);
    }
    if (!(timeoutHours > 0)) {
      throw new IllegalArgumentException("--batchTimeoutHours must be more than 0, got " + timeoutHours);
    }
  }

  long pollMillis() {
    return Math.max(1, Math.round(pollSeconds * 1000));
  }

  long timeoutMillis() {
    return Math.round(timeoutHours * 3_600_000);
  }
}
