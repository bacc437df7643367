package dev.tracegen.model;

import java.io.Serializable;

/**
 * A phrasing parameter the generator model chooses to fit the task, instead of the planner drawing
 * it from the option list: a word or short phrase of the task's own subject, or a whole number in
 * {@code [min, max]} in steps of {@code step}. The plan fixes the dimension and phrasing; the
 * content comes from the task, as in TRACE.
 */
public record Choice(Kind kind, int min, int max, int step) implements Serializable {
  public enum Kind {
    TASK_WORD,
    NUMBER
  }

  public static Choice taskWord() {
    return new Choice(Kind.TASK_WORD, 0, 0, 0);
  }

  public static Choice number(int min, int max, int step) {
    return new Choice(Kind.NUMBER, min, max, Math.max(1, step));
  }

  /** How a prompt describes the choice to the model. */
  public String describe() {
    return switch (kind) {
      case TASK_WORD -> "a word or short phrase from the task's own subject";
      case NUMBER -> "a whole number from " + min + " to " + max + (step > 1 ? " (a multiple of " + step + ")" : "")
          + " that suits the task";
    };
  }

  /** Whether {@code value} is a choice this spec allows (any non-blank text for a task word). */
  public boolean allows(Object value) {
    String v = value == null ? "" : String.valueOf(value).strip();
    if (kind == Kind.TASK_WORD) {
      return !v.isEmpty() && !v.contains("{");
    }
    try {
      int n = Integer.parseInt(v);
      return n >= min && n <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
