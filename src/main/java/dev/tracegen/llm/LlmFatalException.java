package dev.tracegen.llm;

/**
 * A failure that no retry can fix and that would hit every element (bad key, unknown model,
 * refused request, open circuit breaker): the run stops with this message.
 */
public class LlmFatalException extends RuntimeException {
  public LlmFatalException(String message, Throwable cause) {
    super(message, cause);
  }
}
