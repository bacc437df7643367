package dev.tracegen.check;

/** A checker's verdict and why. */
public record CheckResult(boolean pass, String reason) {
  public static CheckResult pass(String reason) {
    return new CheckResult(true, reason);
  }

  public static CheckResult fail(String reason) {
    return new CheckResult(false, reason);
  }
}
