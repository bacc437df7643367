package dev.tracegen.llm;

/**
 * A call failed for this element only (the provider filtered the answer, or the budget is spent):
 * the element goes to rejections and the run goes on. Transport faults that outlast their
 * retries stop the run instead ({@link LlmFatalException}).
 */
public class LlmCallFailedException extends RuntimeException {
  private final String reason;

  public LlmCallFailedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Short machine-readable reason for rejections, e.g. {@code content_filtered}, {@code budget_exhausted}. */
  public String reason() {
    return reason;
  }
}
