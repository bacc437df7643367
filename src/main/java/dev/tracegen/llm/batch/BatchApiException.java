package dev.tracegen.llm.batch;

/** A batch API call failed; {@code transientFault}: worth trying again (I/O, timeout, 408, 409, 429, 5xx). */
public final class BatchApiException extends RuntimeException {
  private final int status;
  private final boolean transientFault;

  BatchApiException(String message, int status, boolean transientFault, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.transientFault = transientFault;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  public boolean transientFault() {
    return transientFault;
  }
}
