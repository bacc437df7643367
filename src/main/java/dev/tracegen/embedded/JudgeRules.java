package dev.tracegen.embedded;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import dev.tracegen.model.Params;
import dev.tracegen.taxonomy.JudgeRule;
import dev.tracegen.taxonomy.Phrasing;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the embedded judge decides a constraint that no checker covers, from the phrasing's
 * {@code judge} rule (or, without one, its {@code evidence}): forbidden patterns must match nowhere
 * in the answer; required text, clause openings and the requested value's markers must appear in
 * sentences the answer did not copy from the instruction, and no other value's markers may.
 */
public final class JudgeRules {
  private JudgeRules() {}

  /** A decision and the reason shown in the judgement. {@code decided} is false when no rule applies. */
  public record Verdict(boolean decided, boolean pass, String reason) {
    static Verdict pass(String reason) {
      return new Verdict(true, true, reason);
    }

    static Verdict fail(String reason) {
      return new Verdict(true, false, reason);
    }
  }

  /** Judges {@code response} against constraint {@code m} of {@code instruction}, with English reasons. */
  public static Verdict judge(PhrasingMatch m, String response, String instruction) {
    return judge(m, response, instruction, JudgeWords.ENGLISH);
  }

  /** The same verdict, its reason written in {@code w}'s language. */
  static Verdict judge(PhrasingMatch m, String response, String instruction, JudgeWords w) {
    if (m == null) {
      return new Verdict(false, false, w.unknown());
    }
    Params params = m.params();
    JudgeRule rule = m.phrasing().judge();
    if (rule == null) {
      String evidence = ResponseWriter.stripEnd(Phrasing.fill(m.phrasing().evidence(), params));
      if (evidence.isBlank()) {
        return new Verdict(false, false, w.unknown());
      }
      return present(AnswerText.read(response, instruction, List.of(evidence)), evidence, w);
    }
    JudgeRule.Value value = rule.value(params);
    String present = ResponseWriter.stripEnd(Phrasing.fill(rule.present(), params));
    String start = Phrasing.fill(rule.begins(), params).strip();
    String unknownValue = !rule.by().isEmpty() && value == null ? String.valueOf(params.get(rule.by())) : "";
    AnswerText answer = AnswerText.read(response, instruction, List.of(present, start, unknownValue));
    List<String> forbidden = new ArrayList<>(rule.forbidden());
    if (value != null) {
      forbidden.addAll(value.forbidden());
    }
    for (String f : forbidden) {
      Matcher hit = regex(Phrasing.fill(f, quoted(params))).matcher(answer.all());
      if (hit.find()) {
        return Verdict.fail(w.format(w.forbidden(), w.quote(hit.group())));
      }
    }
    List<String> shown = new ArrayList<>();
    if (!present.isEmpty()) {
      Verdict v = present(answer, present, w);
      if (!v.pass()) {
        return v;
      }
      shown.add(v.reason());
    }
    if (!start.isEmpty()) {
      boolean found = answer.segments().stream()
          .anyMatch(s -> !s.copied() && s.text().regionMatches(true, 0, start, 0, start.length()));
      if (!found) {
        return Verdict.fail(w.format(w.noOwnStart(), w.quote(start)));
      }
      shown.add(w.format(w.begins(), w.quote(start)));
    }
    // A value the taxonomy has no entry for (a model's own revision) must at least be named.
    if (!rule.by().isEmpty() && (value == null || !value.markers().isEmpty())) {
      Verdict v = value == null ? present(answer, unknownValue, w) : markers(rule, value, answer, instruction, w);
      if (!v.pass()) {
        return v;
      }
      shown.add(v.reason());
    }
    return Verdict.pass(shown.isEmpty() ? w.nothingForbidden() : String.join(w.join(), shown));
  }

  /**
   * Whether {@code text}, written into an answer, could count against constraint {@code m}: it
   * matches a forbidden pattern or a marker of a value other than the one asked for. Used by the
   * writer to keep its own content out of the judge's way.
   */
  static boolean trips(PhrasingMatch m, String text) {
    JudgeRule rule = m == null ? null : m.phrasing().judge();
    if (rule == null) {
      return false;
    }
    Params params = m.params();
    JudgeRule.Value value = rule.value(params);
    List<String> forbidden = new ArrayList<>(rule.forbidden());
    if (value != null) {
      forbidden.addAll(value.forbidden());
    }
    for (String f : forbidden) {
      if (regex(Phrasing.fill(f, quoted(params))).matcher(text).find()) {
        return true;
      }
    }
    String folded = null;
    for (JudgeRule.Value other : rule.values().values()) {
      if (other != value) {
        for (String marker : other.markers()) {
          Marker mk = MARKERS.getUnchecked(marker);
          if (folded == null) {
            folded = fold(text);
          }
          if (mk.mayOccurIn(folded) && mk.pattern().matcher(text).find()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Verdict present(AnswerText answer, String text, JudgeWords w) {
    if (bounded(Pattern.quote(text), text).matcher(answer.own()).find()) {
      return Verdict.pass(w.format(w.shows(), w.quote(text)));
    }
    return Verdict.fail(w.format(w.noSign(), w.quote(text)));
  }

  private static Verdict markers(JudgeRule rule, JudgeRule.Value value, AnswerText answer, String instruction,
      JudgeWords w) {
    if (rule.opening()) {
      AnswerText.Segment first = answer.first();
      if (first == null || first.copied()) {
        return Verdict.fail(w.noOwnOpening());
      }
      for (String marker : value.markers()) {
        if (bounded("^(?:" + marker + ")", marker).matcher(first.text()).find()) {
          return Verdict.pass(w.format(w.opensWith(), w.quote(marker)));
        }
      }
      return Verdict.fail(w.format(w.openingOff(), w.quote(first.text())));
    }
    String own = answer.own();
    String ownFolded = fold(own);
    List<String> seen = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String marker : value.markers()) {
      String hit = ownHit(marker, own, ownFolded, instruction);
      if (hit != null) {
        seen.add(hit);
      } else {
        missing.add(marker);
      }
    }
    if (seen.isEmpty() || (rule.all() && !missing.isEmpty())) {
      return Verdict.fail(w.format(rule.all() ? w.noneOfAll() : w.noneOfAny(), w.quoted(value.markers())));
    }
    for (Map.Entry<String, JudgeRule.Value> other : rule.values().entrySet()) {
      if (other.getValue() == value) {
        continue;
      }
      for (String marker : other.getValue().markers()) {
        String hit = ownHit(marker, own, ownFolded, instruction);
        if (hit != null && !seen.contains(hit)) {
          return Verdict.fail(w.format(w.otherValue(), w.quote(hit), rule.by(), other.getKey()));
        }
      }
    }
    return Verdict.pass(w.format(w.showsAll(), w.quoted(seen)));
  }

  /**
   * The first match of {@code marker} in {@code own} that the instruction does not contain, or null:
   * a marker word the task itself uses (a task about a gallery) shows neither voice nor its absence.
   */
  private static String ownHit(String marker, String own, String ownFolded, String instruction) {
    Marker mk = MARKERS.getUnchecked(marker);
    if (!mk.mayOccurIn(ownFolded)) {
      return null;
    }
    Matcher hit = mk.pattern().matcher(own);
    while (hit.find()) {
      if (!bounded(Pattern.quote(hit.group()), hit.group()).matcher(instruction).find()) {
        return hit.group();
      }
    }
    return null;
  }

  /** Case-insensitive; a marker that starts or ends with a letter matches whole words only. */
  static Pattern regex(String marker) {
    return MARKERS.getUnchecked(marker).pattern();
  }

  /**
   * A marker's pattern and the literal text every match of it starts with (case-folded; empty when
   * the marker starts with anything but plain text). Most markers occur in no given answer, and a
   * substring search rules them out far faster than the word-bounded, case-insensitive regex.
   */
  record Marker(Pattern pattern, String literal) {
    static Marker of(String marker) {
      return new Marker(bounded(marker, marker), fold(literalStart(marker)));
    }

    boolean mayOccurIn(String folded) {
      return literal.isEmpty() || folded.contains(literal);
    }
  }

  /** The plain text a regex starts with, before its first special character, or "" with an alternation at the top. */
  static String literalStart(String regex) {
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return "";
      }
    }
    int end = 0;
    while (end < regex.length() && "\\[](){}?*+|^$.".indexOf(regex.charAt(end)) < 0) {
      end++;
    }
    // A quantifier after the text makes its last character optional.
    if (end < regex.length() && "?*{".indexOf(regex.charAt(end)) >= 0 && end > 0) {
      end--;
    }
    return regex.substring(0, end);
  }

  /**
   * Case-folds as the regex flags compare (a character and its upper case's lower case), one char
   * for one char, so that a folded literal occurs in a folded text wherever the regex could match.
   */
  static String fold(String text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
    }
    return new String(out);
  }

  private static final LoadingCache<String, Marker> MARKERS = CacheBuilder.newBuilder()
      .maximumSize(20_000)
      .build(CacheLoader.from(Marker::of));

  /**
   * {@code regex}, bounded by word edges where {@code shape} starts or ends with a letter or digit
   * of a script that separates words by spaces: Han and Kana text has no word edges inside a
   * sentence (regex {@code \b} finds none around "珊瑚礁" in "看到珊瑚礁和海带").
   */
  private static Pattern bounded(String regex, String shape) {
    boolean start = !shape.isEmpty() && spacedWordChar(shape.codePointAt(0)) && !regex.startsWith("^");
    // A trailing back-reference (\\1) is no letter of the text.
    boolean end = !shape.isEmpty() && spacedWordChar(shape.codePointBefore(shape.length()))
        && !BACK_REFERENCE_END.matcher(shape).find();
    return COMPILED.getUnchecked((start ? "\\b" : "") + regex + (end ? "\\b" : ""));
  }

  private static final Pattern BACK_REFERENCE_END = Pattern.compile("(?<!\\\\)\\\\\\d$");

  private static boolean spacedWordChar(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return wordChar(cp) && script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
        && script != Character.UnicodeScript.KATAKANA;
  }

  /** A letter or number, as regex {@code [\\p{L}\\p{N}]} reads it. */
  private static boolean wordChar(int cp) {
    int type = Character.getType(cp);
    return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  // The same few thousand markers and quoted hits are judged in every answer; compiling them each
  // time was the embedded build's largest CPU cost. Patterns are immutable, so sharing them is safe.
  private static final LoadingCache<String, Pattern> COMPILED = CacheBuilder.newBuilder()
      .maximumSize(20_000)
      .build(CacheLoader.from(re -> Pattern.compile(re, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));

  /** Params as regex literals, for filling forbidden-pattern templates. */
  private static Params quoted(Params params) {
    Params out = Params.EMPTY;
    for (String name : params.names()) {
      out = out.with(name, Pattern.quote(String.valueOf(params.get(name))));
    }
    return out;
  }
}
