package dev.tracegen.check;

import dev.tracegen.model.Constraint;
import dev.tracegen.model.Params;

/** Builds constraints for checker tests. */
final class TestConstraints {
  private TestConstraints() {}

  /** A constraint of {@code dimension} with params given as name, value pairs. */
  static Constraint constraint(String dimension, Object... params) {
    Params p = Params.EMPTY;
    for (int i = 0; i < params.length; i += 2) {
      p = p.with((String) params[i], params[i + 1]);
    }
    return new Constraint("c1", "test", dimension, "test constraint", p);
  }
}
