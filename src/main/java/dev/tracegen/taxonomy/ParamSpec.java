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
 *   <li>{@code number}: an integer within {@code [min, max]} that the sentence states (as digits,
 *       or as an English number word, or in {@code zh} as Chinese numerals);
 *   <li>{@code text}: free text the sentence contains (a keyword, a language name);
 *   <li>{@code enum}: one of {@code values}; the sentence shows one of the value's {@code cues},
 *       and a negation ("do not", "never"...) exactly when the value is listed in {@code negated};
 *   <li>{@code label}: wording for the reader that no checker reads; not checked.
 * </ul>
 *
 * {@code language} is the language of the sentences: {@code zh} also reads Chinese negations
 * ("不要", "禁止"...), Chinese numerals and Chinese quotation marks; any other value reads English.
 */
public record ParamSpec(
    String name,
    Kind kind,
    int min,
    int max,
    List<String> values,
    Map<String, List<String>> cues,
    Set<String> negated,
    String language)
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

  private static final Pattern QUOTED_ZH = Pattern.compile("\"[^\"]*\"|\u201c[^\u201d]*\u201d|\u300c[^\u300d]*\u300d"
      + "|\u300e[^\u300f]*\u300f|\u300a[^\u300b]*\u300b|\u2018[^\u2019]*\u2019");
  private static final Pattern NEGATION_ZH = Pattern.compile(
      // "别" only as a word of its own: not in 特别, 分别, 区别, 类别, 级别, 个别, 告别, 识别, 鉴别, 差别, 性别.
      "(?:不要|不得|禁止|严禁|避免|请勿|切勿|不能|不可|不应|不许|不允许|不使用|不用|无需|无须|不需要|不必|不含|不包含"
          + "|不出现|不添加|不加|不带|不附|不提|不涉及|杜绝|去掉|省略|勿|(?<![特分区类级个告识鉴差性辨])别(?![人的处])"
          + "|没有)"
          // "不超过 300 字", "不得少于 3 段" bound a number; they forbid nothing.
          + "(?!超过|超出|多于|少于|低于|高于|短于|长于|大于|小于)");
  private static final String ZH_DIGITS = "零〇一二两三四五六七八九";
  private static final int[] ZH_DIGIT_VALUES = {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9};
  private static final Pattern ZH_NUMERAL = Pattern.compile("[零〇一二两三四五六七八九十百千万]+");

  private static final List<String> UNITS = List.of("zero", "one", "two", "three", "four", "five", "six",
      "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
      "seventeen", "eighteen", "nineteen");
  private static final List<String> TENS = List.of("", "", "twenty", "thirty", "forty", "fifty", "sixty",
      "seventy", "eighty", "ninety");

  public ParamSpec {
    values = values == null ? List.of() : List.copyOf(values);
    cues = cues == null ? Map.of() : Map.copyOf(cues);
    negated = negated == null ? Set.of() : Set.copyOf(negated);
    language = language == null || language.isBlank() ? TaxonomyLoader.BASE_LANGUAGE : language;
  }

  /** A spec for English sentences. */
  public ParamSpec(String name, Kind kind, int min, int max, List<String> values, Map<String, List<String>> cues,
      Set<String> negated) {
    this(name, kind, min, max, values, cues, negated, TaxonomyLoader.BASE_LANGUAGE);
  }

  /** This spec for sentences in {@code lang}, with {@code newCues} (null: the same cues). */
  public ParamSpec in(String lang, Map<String, List<String>> newCues) {
    return new ParamSpec(name, kind, min, max, values, newCues == null ? cues : newCues, negated, lang);
  }

  private boolean zh() {
    return language.equals("zh");
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
    if (!statesNumber(text, n) && !(zh() && statesChineseNumber(text, n))) {
      return Optional.of(name + " = " + n + " but the constraint's text does not state " + n);
    }
    return Optional.empty();
  }

  /** Quoted words are the constraint's content (a keyword may be "avoid"), not its wording: they never negate it. */
  private String unquoted(String text) {
    return (zh() ? QUOTED_ZH : QUOTED).matcher(text).replaceAll(" ");
  }

  /** Whether the sentence forbids something; a Chinese sentence may mix in English words, so zh reads both. */
  private boolean negates(String text) {
    String t = unquoted(text);
    return NEGATION.matcher(t).find() || zh() && NEGATION_ZH.matcher(t).find();
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
    if (!negated.isEmpty() && negated.contains(v) != negates(text)) {
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

  /** Whether {@code text} writes {@code n} in Chinese numerals (三, 十五, 一百二十, 两千), as a whole run. */
  static boolean statesChineseNumber(String text, int n) {
    return ZH_NUMERAL.matcher(text).results().anyMatch(r -> chineseNumber(r.group()) == n);
  }

  /** The value of a run of Chinese numerals, or -1 when it is not one number ("三四" is a range). */
  static long chineseNumber(String s) {
    long total = 0;
    long section = 0;
    int digit = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int d = ZH_DIGITS.indexOf(c);
      if (d >= 0) {
        // Two digits in a row are two numbers or a year read digit by digit, unless the first is 零.
        if (digit > 0) {
          return -1;
        }
        digit = ZH_DIGIT_VALUES[d];
        continue;
      }
      if (c == '万') {
        total += (section + Math.max(digit, 0)) * 10000L;
        section = 0;
      } else {
        // A bare 十 is one ten: "十五" is 15.
        section += (digit < 0 ? 1 : digit) * (c == '十' ? 10L : c == '百' ? 100L : 1000L);
      }
      digit = -1;
    }
    return total + section + Math.max(digit, 0);
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
