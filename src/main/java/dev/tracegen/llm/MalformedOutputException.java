package dev.tracegen.llm;

/** The model's answer could not be parsed or validated; the message is fed back in the repair re-ask. */
public class MalformedOutputException extends Exception {
  public MalformedOutputException(String message) {
    super(message);
  }
}
