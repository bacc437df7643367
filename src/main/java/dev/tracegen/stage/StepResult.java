package dev.tracegen.stage;

/** What a stage's work on one element produced: a value, or a rejection reason and detail. */
public record StepResult<O>(O value, String reason, String detail) {
  public static <O> StepResult<O> of(O value) {
    return new StepResult<>(value, null, null);
  }

  public static <O> StepResult<O> reject(String reason, String detail) {
    return new StepResult<>(null, reason, detail);
  }

  public boolean rejected() {
    return reason != null;
  }
}
