package dev.tracegen.cli;

import java.util.List;

/**
 * One {@code --name} of a Beam options interface, as reflected from its getter: the kind of value
 * it takes (which decides how the value is checked), its description and its default.
 *
 * @param owner the interface that declares the getter (TraceOptions, DirectOptions, ...)
 * @param choices the allowed values of an enum option, empty otherwise
 * @param defaultValue the {@code @Default} value as text, empty when there is none or it is computed
 * @param hidden Beam's {@code @Hidden}: accepted but never listed
 */
public record OptionInfo(String name, Class<?> owner, Class<?> type, Kind kind, List<String> choices,
    String description, String defaultValue, boolean hidden) {

  /** How a value is checked before Beam sees it. */
  public enum Kind {
    /** boolean: {@code --x} alone means true; the value is true or false. */
    FLAG("true or false"),
    /** int or long. */
    INTEGER("an integer"),
    /** double or float. */
    NUMBER("a number"),
    /** an enum: one of {@link OptionInfo#choices()}. */
    CHOICE("one of"),
    /** anything Beam parses itself (strings, classes, lists). */
    TEXT("a value");

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }
  }

  public OptionInfo {
    choices = List.copyOf(choices);
  }

  /**
   * Why {@code value} is not a value of this option, or null when it is. The message names the
   * option and the expected type: {@code --temperature: expected a number, got 'hot'}.
   */
  public String problem(String value) {
    boolean ok = switch (kind) {
      case FLAG -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
      case INTEGER -> fitsInteger(value);
      case NUMBER -> value.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
      case CHOICE -> choices.contains(value);
      case TEXT -> true;
    };
    if (ok) {
      return null;
    }
    String expected = kind == Kind.CHOICE ? "one of " + String.join(", ", choices) : kind.expected;
    if (kind == Kind.INTEGER && value.matches("[-+]?\\d+")) {
      expected = "an integer from " + min() + " to " + max();
    }
    return "--" + name + ": expected " + expected + ", got '" + value + "'";
  }

  private boolean fitsInteger(String value) {
    if (!value.matches("[-+]?\\d+")) {
      return false;
    }
    try {
      long v = Long.parseLong(value);
      return v >= min() && v <= max();
    } catch (NumberFormatException e) {
      return false; // beyond long
    }
  }

  private boolean isInt() {
    return type == int.class || type == Integer.class || type == short.class || type == Short.class;
  }

  private long min() {
    return isInt() ? Integer.MIN_VALUE : Long.MIN_VALUE;
  }

  private long max() {
    return isInt() ? Integer.MAX_VALUE : Long.MAX_VALUE;
  }
}
