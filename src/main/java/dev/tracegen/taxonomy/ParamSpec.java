package dev.tracegen.taxonomy;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a taxonomy dimension says about one checker parameter, and how a value of it is checked
 * against the constraint's own sentence. A model writes both the sentence and the params, and the
 * checker reads only the params, so a param the sentence does not state would silently check
 * something else than what the instruction asks.
 *
 * <ul>
 *   <li>{@code number}: an integer within {@code [min, max]} that the sentence states (as digits
 *       or as an English number word);
 *   <li>{@code text}: free text the sentence contains (a keyword, a language name);
 *   <li>{@code enum}: one of {@code values}; the sentence shows one of the value's {@code cues},
 *       and a negation ("do not", "never"...) exactly when the value is listed in {@code negated};
 *   <li>{@code label}: wording for the reader that no checker reads; not checked.
 * </ul>
 */
public record ParamSpec(
    String name,
    Kind kind,
    int min,
    int max,
    List<String> values,
    Map<String, List<String>> cues,
    Set<String> negated)
    implements Serializable {
  public enum Kind {
    NUMBER,
    TEXT,
    ENUM,
    LABEL
  }

  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|\u201c[^\u201d]*\u201d|\u300c[^\u300d]*\u300d");
  private static final Pattern NEGATION =
      // "no more than 8" and "not fewer than 2" bound a number; they forbid nothing.
      Pattern.compile("(?i)(?<![\\p{L}])(do not|don't|never|avoid|without|no|not|none|omit|exclude|refrain"
          + "|free of|steer clear|leave(?:\\s+[\\p{L}-]+){0,6}\\s+out)(?![\\p{L}])"
          + "(?!\\s+(?:more|fewer|less)\\s+than)");

  private static final List<String> UNITS = List.of("zero", "one", "two", "three", "four", "five", "six",
      "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
      "seventeen", "eighteen", "nineteen");
  private static final List<String> TENS = List.of("", "", "twenty", "thirty", "forty", "fifty", "sixty",
      "seventy", "eighty", "ninety");

  public ParamSpec {
    values = values == null ? List.of() : List.copyOf(values);
    cues = cues == null ? Map.of() : Map.copyOf(cues);
    negated = negated == null ? Set.of() : Set.copyOf(negated);
  }

  /** What is wrong with {@code value} for a constraint whose sentence is {@code text}, if anything. */
  public Optional<String> problem(Object value, String text) {
    String v = value == null ? "" : String.valueOf(value).strip();
    return switch (kind) {
      case LABEL -> Optional.empty();
      case NUMBER -> numberProblem(v, text);
      case TEXT -> v.isEmpty() || contains(text, v) ? Optional.empty()
          : Optional.of(name + " \"" + v + "\" does not appear in the constraint's text");
      case ENUM -> enumProblem(v, text);
    };
  }

  private Optional<String> numberProblem(String v, String text) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return Optional.of(name + " must be a whole number, got \"" + v + "\"");
    }
    if (n < min || n > max) {
      return Optional.of(name + " = " + n + " is outside the valid range " + min + "-" + max);
    }
    if (!statesNumber(text, n)) {
      return Optional.of(name + " = " + n + " but the constraint's text does not state " + n);
    }
    return Optional.empty();
  }

  /** Quoted words are the constraint's content (a keyword may be "avoid"), not its wording: they never negate it. */
  private static String unquoted(String text) {
    return QUOTED.matcher(text).replaceAll(" ");
  }

  private Optional<String> enumProblem(String v, String text) {
    if (!values.contains(v)) {
      return Optional.of(name + " \"" + v + "\" is not one of " + String.join(", ", values));
    }
    List<String> want = cues.getOrDefault(v, List.of());
    if (!want.isEmpty() && want.stream().noneMatch(c -> contains(text, c))) {
      return Optional.of(name + " \"" + v + "\" but the constraint's text mentions none of "
          + String.join(", ", want));
    }
    if (!negated.isEmpty() && negated.contains(v) != NEGATION.matcher(unquoted(text)).find()) {
      return Optional.of(name + " \"" + v + "\" " + (negated.contains(v)
          ? "forbids something but the constraint's text forbids nothing"
          : "requires something but the constraint's text is a prohibition"));
    }
    return Optional.empty();
  }

  /**
   * Whether {@code text} states {@code n}: as digits not part of a longer number or of a bracketed
   * mark such as [1], or as a word.
   */
  static boolean statesNumber(String text, int n) {
    // "[1]" in "citations such as [1]" shows a citation mark, not a count.
    Pattern digits = Pattern.compile("(?<![\\d.,\\[])" + n + "(?![\\d\\]]|[.,]\\d)");
    if (digits.matcher(text).find()) {
      return true;
    }
    String word = word(n);
    return word != null && Pattern.compile("(?i)(?<![\\p{L}-])" + Pattern.quote(word) + "(?![\\p{L}-])")
        .matcher(text).find();
  }

  /** The English word for {@code n} (0-99), or null. */
  static String word(int n) {
    if (n < 0 || n > 99) {
      return null;
    }
    if (n < 20) {
      return UNITS.get(n);
    }
    return TENS.get(n / 10) + (n % 10 == 0 ? "" : "-" + UNITS.get(n % 10));
  }

  private static boolean contains(String text, String part) {
    return normal(text).contains(normal(part));
  }

  private static String normal(String s) {
    return s.toLowerCase(Locale.ROOT)
        .replace('\u201c', '"').replace('\u201d', '"').replace('\u2018', '\'').replace('\u2019', '\'')
        .replaceAll("\\s+", " ").strip();
  }
}
