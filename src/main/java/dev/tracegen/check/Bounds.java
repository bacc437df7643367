package dev.tracegen.check;

import dev.tracegen.check.FailClosedChecker.InvalidParam;
import dev.tracegen.model.Params;
import java.util.OptionalInt;

/** An inclusive range read from the {@code min} and {@code max} params; either end may be open. */
record Bounds(int min, int max) {
  static Bounds exactly(int value) {
    return new Bounds(value, value);
  }

  /**
   * From {@code min} and/or {@code max}; at least one must be given and min must not exceed max.
   */
  static Bounds of(Params params) {
    OptionalInt min = FailClosedChecker.optionalCount(params, "min");
    OptionalInt max = FailClosedChecker.optionalCount(params, "max");
    if (min.isEmpty() && max.isEmpty()) {
      throw new InvalidParam("missing param 'min' or 'max'");
    }
    Bounds bounds = new Bounds(min.orElse(0), max.orElse(Integer.MAX_VALUE));
    if (bounds.min > bounds.max) {
      throw new InvalidParam("param 'min' " + bounds.min + " exceeds 'max' " + bounds.max);
    }
    return bounds;
  }

  boolean contains(int value) {
    return value >= min && value <= max;
  }

  /** "exactly 3", "at least 12", "at most 8" or "120-200". */
  @Override
  public String toString() {
    if (min == max) {
      return "exactly " + min;
    }
    if (max == Integer.MAX_VALUE) {
      return "at least " + min;
    }
    return min == 0 ? "at most " + max : min + "-" + max;
  }
}
