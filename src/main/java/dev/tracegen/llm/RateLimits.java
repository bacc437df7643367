package dev.tracegen.llm;

import com.google.common.util.concurrent.RateLimiter;

/**
 * Requests-per-minute and tokens-per-minute limits of one worker JVM towards one endpoint and
 * key (generator and judge share them when they use the same endpoint and key variable). Input
 * tokens are estimated (characters / 4) and taken before the call; output tokens are taken when
 * the answer arrives. For a cluster-wide limit, set each worker's figure to the total divided by
 * the number of workers.
 */
final class RateLimits {
  private final RateLimiter requests;
  private final RateLimiter tokens;

  RateLimits(long requestsPerMinute, long tokensPerMinute) {
    this.requests = requestsPerMinute > 0 ? RateLimiter.create(requestsPerMinute / 60.0) : null;
    this.tokens = tokensPerMinute > 0 ? RateLimiter.create(tokensPerMinute / 60.0) : null;
  }

  boolean unlimited() {
    return requests == null && tokens == null;
  }

  /** Blocks until one request carrying about {@code inputTokens} may go. */
  void beforeCall(long inputTokens) {
    if (requests != null) {
      requests.acquire();
    }
    if (tokens != null && inputTokens > 0) {
      tokens.acquire((int) Math.min(Integer.MAX_VALUE, inputTokens));
    }
  }

  /** Accounts for the tokens an answer actually cost beyond the estimate taken before the call. */
  void afterCall(long estimatedInput, long actualIn, long actualOut) {
    long extra = actualIn + actualOut - estimatedInput;
    if (tokens != null && extra > 0) {
      tokens.acquire((int) Math.min(Integer.MAX_VALUE, extra));
    }
  }
}
