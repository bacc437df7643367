package dev.tracegen.llm;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's spending limits in one worker JVM: requests sent (retries included), tokens (in +
 * out) and money. Once calls or tokens are spent, calls fail as {@code budget_exhausted}: their
 * elements are rejected, the run ends cleanly, and every answer already received stays in the
 * response cache, so a rerun with a larger budget pays only for the rest. Shared by the generator
 * and judge clients.
 *
 * <p>Money is checked before a request is sent: the request reserves what it may cost (its input
 * estimate and its full output allowance), and settles with what its usage says it cost once it
 * is answered. A request whose reservation would take spending past {@code maxCost} is not sent,
 * so the cap holds however many requests are in flight.
 */
final class Budget {
  private final long maxCalls;
  private final long maxTokens;
  private final double maxCost;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong tokens = new AtomicLong();
  private double spent;
  private double reserved;
  private boolean capReached;

  Budget(long maxCalls, long maxTokens) {
    this(maxCalls, maxTokens, 0);
  }

  Budget(long maxCalls, long maxTokens, double maxCost) {
    this.maxCalls = maxCalls;
    this.maxTokens = maxTokens;
    this.maxCost = maxCost;
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

  /** Whether this budget caps money. */
  boolean capsCost() {
    return maxCost > 0;
  }

  /**
   * Reserves {@code expected} for a request about to be sent. Returns null when it fits under
   * {@code --maxCost}, else (reserving nothing) the message that says the cap is reached.
   */
  synchronized String reserveCost(double expected, String currency) {
    if (maxCost > 0 && (capReached || spent + reserved + expected > maxCost)) {
      // Once one request is refused no other is sent, even a smaller one: the run is stopping.
      capReached = true;
      return capMessage(currency, expected);
    }
    reserved += expected;
    return null;
  }

  /** What a run stopped by the cap is told: what was spent, and how to go on. */
  synchronized String capMessage(String currency, double next) {
    return String.format(Locale.ROOT, "money budget reached: %s %.4f spent%s of --maxCost=%s; the next request "
        + "may cost up to %.4f, so no further request is sent. Answers received so far are in the response cache: "
        + "rerun the same command with a higher --maxCost and they are not paid again", currency, spent,
        reserved > 1e-12 ? String.format(Locale.ROOT, " (and %.4f reserved by requests still in flight)", reserved)
        : "", plain(maxCost), next);
  }

  /** A reserved request was answered (and its answer cached) and cost {@code actual}. */
  synchronized void settleCost(double reservedCost, double actual) {
    reserved = Math.max(0, reserved - reservedCost);
    spent += actual;
    notifyAll();
  }

  /** A reserved request got no answer (it failed, or was refused before it was charged). */
  synchronized void releaseCost(double reservedCost) {
    reserved = Math.max(0, reserved - reservedCost);
    notifyAll();
  }

  /**
   * Waits (at most {@code millis}) until no reserved request is in flight any more, so that the
   * answers already paid for are in the cache before the run is stopped.
   */
  synchronized void awaitSettled(long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (reserved > 1e-12) {
      long left = (end - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }

  /** Money spent so far on answered requests. */
  synchronized double spentCost() {
    return spent;
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
