package dev.tracegen.check;

import dev.tracegen.model.Constraint;
import java.util.OptionalInt;

/**
 * Base of the built-in checkers: a missing response, or a missing or malformed param, fails the
 * check with a reason naming the param, so a bad plan never passes as satisfied.
 */
abstract class FailClosedChecker implements Checker {
  @Override
  public final CheckResult check(Constraint constraint, String response) {
    if (constraint == null) {
      return CheckResult.fail("no constraint");
    }
    if (response == null) {
      return CheckResult.fail("no response");
    }
    try {
      return verify(constraint, response);
    } catch (InvalidParam e) {
      return CheckResult.fail(e.getMessage());
    }
  }

  /** The verdict; may throw {@link InvalidParam}. */
  abstract CheckResult verify(Constraint constraint, String response);

  static CheckResult verdict(boolean pass, String reason) {
    return new CheckResult(pass, reason);
  }

  /** A required, non-blank text param. */
  static String text(Constraint constraint, String name) {
    String value = constraint.param(name).strip();
    if (value.isEmpty()) {
      throw new InvalidParam("missing param '" + name + "'");
    }
    return value;
  }

  /** A required non-negative integer param. */
  static int count(Constraint constraint, String name) {
    return optionalCount(constraint, name)
        .orElseThrow(() -> new InvalidParam("missing param '" + name + "'"));
  }

  /** A non-negative integer param, empty when absent; malformed values are errors, not absence. */
  static OptionalInt optionalCount(Constraint constraint, String name) {
    Object value = constraint.params().get(name);
    if (value == null) {
      return OptionalInt.empty();
    }
    long parsed;
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      parsed = number.longValue();
    } else {
      try {
        parsed = Long.parseLong(String.valueOf(value).strip());
      } catch (NumberFormatException e) {
        parsed = -1;
      }
    }
    if (parsed < 0 || parsed > Integer.MAX_VALUE) {
      throw new InvalidParam(
          "param '" + name + "' must be a non-negative integer, got '" + value + "'");
    }
    return OptionalInt.of((int) parsed);
  }

  static InvalidParam unknown(String name, String value, String allowed) {
    return new InvalidParam("param '" + name + "' must be " + allowed + ", got '" + value + "'");
  }

  /** A param problem; its message is the failing verdict's reason. */
  static final class InvalidParam extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidParam(String message) {
      // A verdict, not a bug: no stack trace to fill.
      super(message, null, false, false);
    }
  }
}
