package dev.tracegen.check;

import dev.tracegen.model.Constraint;
import dev.tracegen.model.Params;
import java.util.List;
import java.util.OptionalInt;

/**
 * Base of the built-in checkers: the params are read into a typed value {@code P} first (the
 * checker's param schema, also used by {@link #paramProblems}), then the response is checked. A
 * missing response, or a missing or malformed param, fails the check with a reason naming the
 * param, so a bad plan never passes as satisfied.
 */
abstract class FailClosedChecker<P> implements Checker {
  @Override
  public final CheckResult check(Constraint constraint, String response) {
    if (constraint == null) {
      return CheckResult.fail("no constraint");
    }
    if (response == null) {
      return CheckResult.fail("no response");
    }
    P params;
    try {
      params = params(constraint.params());
    } catch (InvalidParam e) {
      return CheckResult.fail(e.getMessage());
    }
    return verify(params, response);
  }

  @Override
  public final List<String> paramProblems(Params params) {
    try {
      params(params);
      return List.of();
    } catch (InvalidParam e) {
      return List.of(e.getMessage());
    }
  }

  /** The params this checker needs, read from a constraint's params; throws {@link InvalidParam}. */
  abstract P params(Params params);

  /** The verdict on well-formed params. */
  abstract CheckResult verify(P params, String response);

  static CheckResult verdict(boolean pass, String reason) {
    return new CheckResult(pass, reason);
  }

  /** A required, non-blank text param. */
  static String text(Params params, String name) {
    String text = params.text(name).strip();
    if (text.isEmpty()) {
      throw new InvalidParam("missing param '" + name + "'");
    }
    return text;
  }

  /** A required text param that must be one of {@code allowed}. */
  static String oneOf(Params params, String name, List<String> allowed) {
    String value = text(params, name);
    if (!allowed.contains(value)) {
      throw unknown(name, value, "one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** A required non-negative integer param. */
  static int count(Params params, String name) {
    return optionalCount(params, name)
        .orElseThrow(() -> new InvalidParam("missing param '" + name + "'"));
  }

  /** A non-negative integer param, empty when absent; malformed values are errors, not absence. */
  static OptionalInt optionalCount(Params params, String name) {
    Object value = params.get(name);
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
