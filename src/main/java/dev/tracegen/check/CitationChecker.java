package dev.tracegen.check;

import dev.tracegen.model.Params;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code citation}, by {@code style}:
 *
 * <ul>
 *   <li>{@code numeric}: the text before a line reading "References:" cites at least {@code min}
 *       distinct markers {@code [n]} (or {@code [n, m]}), the list after it has at least {@code
 *       min} entries {@code [n] ...}, and every cited marker has an entry;
 *       The entries are read from the label to the next heading;
 *   <li>{@code none}: no {@code [n]} or footnote {@code [^n]} marker and no line that introduces a
 *       reference list ("References", "Bibliography", "Sources", "Works Cited").
 * </ul>
 *
 * Both read the plain-text projection; the label lines may be written as headings or in bold.
 * Chinese answers may write markers and entries in full-width or lenticular brackets ({@code ［1］},
 * {@code 【1】}, no space needed before an entry's CJK text), separate numbers with {@code ，} or
 * {@code 、}, and label the list "参考文献：" (or, for {@code none}, "参考资料").
 */
public final class CitationChecker extends FailClosedChecker<CitationChecker.Spec> {
  /** {@code min} is only read for the numeric style. */
  record Spec(String style, int min) {}

  private static final String NUMBERS = "(\\d{1,6}(?:\\s*[,，、]\\s*\\d{1,6})*)";
  private static final Pattern MARKER =
      Pattern.compile("\\[" + NUMBERS + "]|［" + NUMBERS + "］|【" + NUMBERS + "】");

  /** A Markdown footnote reference such as {@code [^1]}: a citation too. */
  private static final Pattern FOOTNOTE = Pattern.compile("\\[\\^[^\\]\\s]{1,20}]");
  private static final Pattern ENTRY =
      Pattern.compile(
          "^[ \\t]*(?:\\[(\\d{1,6})](?:[ \\t]+\\S|(?=[\\p{IsHan}\\uFF01-\\uFF5E]))"
              + "|[［【](\\d{1,6})[］】][ \\t]*\\S)",
          Pattern.MULTILINE);
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  @Override
  public String id() {
    return "citation";
  }

  @Override
  Spec params(Params params) {
    String style = oneOf(params, "style", List.of("numeric", "none"));
    return new Spec(style, style.equals("numeric") ? count(params, "min") : 0);
  }

  @Override
  CheckResult verify(Spec params, String response) {
    String plain = TextMetrics.plainText(response);
    return params.style().equals("numeric") ? numeric(plain, params.min()) : none(plain);
  }

  private static CheckResult numeric(String text, int min) {
    int references =
        labelLine(text, TextMetrics.NUMERIC_REFERENCE_LABELS.toArray(String[]::new));
    if (references < 0) {
      return verdict(false, "no 'References:' line");
    }
    Set<Integer> cited = markers(text.substring(0, references));
    Set<Integer> listed = new TreeSet<>();
    // The list is what follows the label, up to the next heading.
    int listEnd = nextHeading(text, references);
    Matcher entry = ENTRY.matcher(text).region(references, listEnd);
    while (entry.find()) {
      listed.add(Integer.parseInt(entry.group(1) != null ? entry.group(1) : entry.group(2)));
    }
    Set<Integer> unlisted = new TreeSet<>(cited);
    unlisted.removeAll(listed);
    String measured = cited.size() + " cited, " + listed.size() + " listed, needs at least " + min;
    if (!unlisted.isEmpty()) {
      return verdict(false, measured + "; no entry for " + unlisted);
    }
    return verdict(cited.size() >= min && listed.size() >= min, measured);
  }

  private static CheckResult none(String text) {
    int markers = markers(text).size();
    Matcher footnote = FOOTNOTE.matcher(text);
    while (footnote.find()) {
      markers++;
    }
    boolean referenceList =
        labelLine(text, TextMetrics.REFERENCE_LABELS.toArray(String[]::new)) >= 0;
    return verdict(
        markers == 0 && !referenceList,
        markers + " citation markers" + (referenceList ? ", has a reference list" : ""));
  }

  private static Set<Integer> markers(String text) {
    Set<Integer> numbers = new TreeSet<>();
    Matcher m = MARKER.matcher(text);
    while (m.find()) {
      String group = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      Matcher number = NUMBER.matcher(group);
      while (number.find()) {
        numbers.add(Integer.parseInt(number.group()));
      }
    }
    return numbers;
  }

  /** The offset of the first Markdown heading line after the line at {@code from}, or the end. */
  private static int nextHeading(String text, int from) {
    int s = text.indexOf('\n', from);
    while (s >= 0) {
      s++;
      int e = text.indexOf('\n', s);
      e = e < 0 ? text.length() : e;
      if (TextMetrics.headings(text.substring(s, e)) > 0) {
        return s;
      }
      s = e < text.length() ? e : -1;
    }
    return text.length();
  }

  /** The offset of the first line that reads one of {@code labels}, or -1. */
  private static int labelLine(String text, String... labels) {
    for (int s = 0; s < text.length(); ) {
      int e = text.indexOf('\n', s);
      e = e < 0 ? text.length() : e;
      for (String label : labels) {
        if (TextMetrics.isLabelLine(text, s, e, label)) {
          return s;
        }
      }
      s = e + 1;
    }
    return -1;
  }
}
