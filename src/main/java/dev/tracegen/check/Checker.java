package dev.tracegen.check;

import dev.tracegen.model.Constraint;
import dev.tracegen.model.Params;
import java.util.List;

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

  /**
   * What is wrong with {@code params} for this checker (empty when a check can run on them). The
   * taxonomy loader asks this of every phrasing option, so that a malformed param stops the run
   * up front instead of failing every check of it as if the model had not complied. The default
   * knows no schema and accepts anything.
   */
  default List<String> paramProblems(Params params) {
    return List.of();
  }
}
