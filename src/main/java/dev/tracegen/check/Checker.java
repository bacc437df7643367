package dev.tracegen.check;

import dev.tracegen.model.Constraint;

/**
 * A programmatic verdict on one constraint. Implementations are found by {@link #id()} through
 * {@link java.util.ServiceLoader} (list them in {@code META-INF/services/dev.tracegen.check.Checker}),
 * so a new checker is one class. A checker fails closed: missing or malformed params fail.
 */
public interface Checker {
  /** The id that taxonomy entries name in their {@code checker} field. */
  String id();

  /** Whether {@code response} satisfies {@code constraint}, with a short reason. */
  CheckResult check(Constraint constraint, String response);
}
