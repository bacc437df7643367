package dev.tracegen.llm;

/**
 * The model's answer could not be parsed or validated; the message is fed back in the repair
 * re-ask, and {@link #reason()} names the rejection when the repaired answer fails too.
 */
public class MalformedOutputException extends Exception {
  private final String reason;

  public MalformedOutputException(String message) {
    this("malformed_output", message);
  }

  public MalformedOutputException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The rejection reason code, e.g. {@code malformed_output} or {@code params_mismatch}. */
  public String reason() {
    return reason;
  }
}
