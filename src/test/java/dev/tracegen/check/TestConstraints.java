package dev.tracegen.check;

import dev.tracegen.model.Constraint;
import java.util.HashMap;
import java.util.Map;

/** Builds constraints for checker tests. */
final class TestConstraints {
  private TestConstraints() {}

  /** A constraint of {@code dimension} with params given as name, value pairs. */
  static Constraint constraint(String dimension, Object... params) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      map.put((String) params[i], params[i + 1]);
    }
    return new Constraint("c1", "test", dimension, "test constraint", map);
  }
}
