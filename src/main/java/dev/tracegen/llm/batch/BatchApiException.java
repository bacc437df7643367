package dev.tracegen.llm.batch;

import dev.tracegen.llm.Secrets;

/** A batch API call failed; {@code transientFault}: worth trying again (I/O, timeout, 408, 409, 429, 5xx). */
public final class BatchApiException extends RuntimeException {
  private final int status;
  private final boolean transientFault;

  BatchApiException(String message, int status, boolean transientFault, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.transientFault = transientFault;
  }

  /** A call the server answered with {@code status}: worth trying again for 408, 409, 429 and 5xx. */
  static BatchApiException ofStatus(String what, int status, String said, Throwable cause) {
    boolean again = status == 408 || status == 409 || status == 429 || status >= 500;
    return new BatchApiException("could not " + what + ": HTTP " + status + " " + said, status, again, cause);
  }

  /** {@code message} as an error may carry it: without {@code key} (null or blank: none), at most 300 characters. */
  static String said(String message, String key) {
    String m = key == null || key.isBlank() ? String.valueOf(message) : Secrets.scrub(String.valueOf(message), key);
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  public boolean transientFault() {
    return transientFault;
  }
}
