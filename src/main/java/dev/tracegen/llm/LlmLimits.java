package dev.tracegen.llm;

import java.io.Serializable;

/**
 * How hard one worker may push a model and how long it keeps trying. Rate limits are per worker
 * JVM (shared by every client of the worker that uses the same endpoint and key variable); for a
 * cluster-wide figure divide by the number of workers. Budgets are per worker JVM as well.
 *
 * @param requestsPerMinute requests per minute, 0 = unlimited
 * @param tokensPerMinute tokens (in + out) per minute, 0 = unlimited
 * @param maxRetries retries of one call on 429, 5xx, timeouts and I/O errors
 * @param retryBaseMillis first backoff step; attempt n waits up to base * 2^n (full jitter)
 * @param maxCalls requests sent (retries included) before calls fail as budget_exhausted, 0 = unlimited
 * @param maxTotalTokens tokens (in + out) spent before calls fail as budget_exhausted, 0 = unlimited
 * @param maxCost money (in the price table's currency) the run may spend; a request that could
 *     cross it is not sent and the run stops, 0 = unlimited
 */
public record LlmLimits(
    long requestsPerMinute,
    long tokensPerMinute,
    int maxRetries,
    long retryBaseMillis,
    long maxCalls,
    long maxTotalTokens,
    double maxCost)
    implements Serializable {

  /** Longest single backoff sleep. */
  public static final long MAX_BACKOFF_MILLIS = 30_000;

  public static final LlmLimits DEFAULT = new LlmLimits(0, 0, 5, 500, 0, 0, 0);

  public LlmLimits {
    if (requestsPerMinute < 0 || tokensPerMinute < 0 || maxRetries < 0 || retryBaseMillis < 0 || maxCalls < 0
        || maxTotalTokens < 0 || !(maxCost >= 0) || Double.isInfinite(maxCost)) {
      throw new IllegalArgumentException("--requestsPerMinute, --tokensPerMinute, --maxRetries, --retryBaseMillis, "
          + "--maxCalls, --maxTotalTokens and --maxCost must not be negative (0 means unlimited)");
    }
  }

  /** Limits without a money budget. */
  public LlmLimits(long requestsPerMinute, long tokensPerMinute, int maxRetries, long retryBaseMillis, long maxCalls,
      long maxTotalTokens) {
    this(requestsPerMinute, tokensPerMinute, maxRetries, retryBaseMillis, maxCalls, maxTotalTokens, 0);
  }
}
