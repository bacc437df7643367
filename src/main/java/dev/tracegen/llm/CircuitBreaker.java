package dev.tracegen.llm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a run whose calls keep failing. It looks at the last {@code window} completed calls
 * (a call completes when it is answered or has used all its retries); once at least
 * {@code minCalls} are known and {@code threshold} of them failed, it opens for good and every
 * call, including retries waiting in backoff, throws {@link LlmFatalException}. Thread-safe.
 *
 * <p>Stopping is sticky for the whole run: once a breaker opens or a call meets a fatal error
 * (bad key, unknown model), every breaker of the run in this JVM is tripped with that message,
 * including breakers of clients built later (a runner may set up new DoFn instances while the
 * failure propagates), so no further request is sent ({@link RunResources#stop}).
 */
final class CircuitBreaker {
  static final int WINDOW = 20;
  static final int MIN_CALLS = 10;
  static final double THRESHOLD = 0.5;

  private final int window;
  private final int minCalls;
  private final double threshold;
  private final boolean[] failed;
  private final boolean keptNote;
  private int size;
  private int next;
  private int failures;
  private volatile String openMessage;
  private final CountDownLatch opened = new CountDownLatch(1);

  CircuitBreaker() {
    this(false);
  }

  /** {@code cached}: the message tells that answers so far are kept in the response cache. */
  CircuitBreaker(boolean cached) {
    this(WINDOW, MIN_CALLS, THRESHOLD, cached);
  }

  CircuitBreaker(int window, int minCalls, double threshold, boolean cached) {
    this.keptNote = cached;
    this.window = window;
    this.minCalls = minCalls;
    this.threshold = threshold;
    this.failed = new boolean[window];
  }

  /** Opens the breaker with {@code message} (a fatal error elsewhere in the run); the first message wins. */
  synchronized void trip(String message) {
    if (openMessage == null) {
      openMessage = message;
      opened.countDown();
    }
  }

  String message() {
    return openMessage;
  }

  /** Records a completed call; {@code error} is the last error of a call that failed after retries. */
  synchronized void record(boolean ok, String error) {
    if (openMessage != null) {
      return;
    }
    if (size == window) {
      if (failed[next]) {
        failures--;
      }
    } else {
      size++;
    }
    failed[next] = !ok;
    if (!ok) {
      failures++;
    }
    next = (next + 1) % window;
    if (!ok && size >= minCalls && failures >= threshold * size) {
      openMessage = "circuit breaker open: " + failures + " of the last " + size
          + " calls failed after retries; last error: " + error + ". The run stops" + (keptNote ? "; answers received "
          + "so far are kept in the response cache, so a rerun pays only for the rest." : ".");
      opened.countDown();
    }
  }

  boolean isOpen() {
    return openMessage != null;
  }

  /** Throws when open. */
  void check() {
    String message = openMessage;
    if (message != null) {
      throw new LlmFatalException(message, null);
    }
  }

  /** Waits {@code millis} (a backoff), returning early and throwing if the breaker opens meanwhile. */
  void sleep(long millis) throws InterruptedException {
    if (millis > 0 && opened.await(millis, TimeUnit.MILLISECONDS)) {
      check();
    }
    check();
  }
}
