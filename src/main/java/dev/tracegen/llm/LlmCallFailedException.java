package dev.tracegen.llm;

/**
 * A call failed for this element only (retries exhausted on 429/5xx/timeouts, or the budget is
 * spent): the element goes to rejections and the run goes on.
 */
public class LlmCallFailedException extends RuntimeException {
  private final String reason;

  public LlmCallFailedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Short machine-readable reason for rejections, e.g. {@code llm_unavailable}, {@code budget_exhausted}. */
  public String reason() {
    return reason;
  }
}
