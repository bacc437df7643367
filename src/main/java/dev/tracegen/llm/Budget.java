package dev.tracegen.llm;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's spending limits in one worker JVM: requests sent (retries included) and tokens
 * (in + out). Once spent, calls fail as {@code budget_exhausted}: their elements are rejected,
 * the run ends cleanly, and every answer already received stays in the response cache, so a
 * rerun with a larger budget pays only for the rest. Shared by the generator and judge clients.
 */
final class Budget {
  private final long maxCalls;
  private final long maxTokens;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong tokens = new AtomicLong();

  Budget(long maxCalls, long maxTokens) {
    this.maxCalls = maxCalls;
    this.maxTokens = maxTokens;
  }

  /** Takes one request from the budget, or throws {@link LlmCallFailedException} when it is spent. */
  void reserveCall() {
    if (maxTokens > 0 && tokens.get() >= maxTokens) {
      throw new LlmCallFailedException("budget_exhausted", "token budget spent: " + tokens.get()
          + " tokens used of --maxTotalTokens=" + maxTokens + "; answers so far are cached, rerun with a larger budget",
          null);
    }
    if (maxCalls > 0 && calls.incrementAndGet() > maxCalls) {
      throw new LlmCallFailedException("budget_exhausted", "call budget spent: " + maxCalls
          + " requests sent (--maxCalls=" + maxCalls + "); answers so far are cached, rerun with a larger budget", null);
    }
  }

  void spendTokens(long n) {
    tokens.addAndGet(n);
  }
}
