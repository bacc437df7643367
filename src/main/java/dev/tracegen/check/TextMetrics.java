package dev.tracegen.check;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure text measurements shared by the checkers. They run for every constraint of every candidate
 * response (millions of calls in a full build), so they scan characters by hand where a regex would
 * allocate, and every pattern is compiled once.
 *
 * <p>Line-based counts ({@link #paragraphs}, {@link #numberedItems}, {@link #bulletedItems}, {@link
 * #headings}) ignore the contents of fenced code blocks: code is not prose, items or headings.
 */
public final class TextMetrics {
  /** Rejects {@code {...} trailing text}: a JSON answer must be one value and nothing else. */
  private static final ObjectReader JSON_READER =
      Json.PLAIN.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * One HTML token: a comment, a script/style element with its raw text (which may contain {@code
   * <}), a declaration such as the doctype, or a start/end tag.
   */
  static final Pattern HTML_TOKEN =
      Pattern.compile(
          // The leading literal '<' lets the matcher skip plain text quickly.
          "<(?:!--.*?--"
              + "|(?<raw>script|style)\\b[^>]*>.*?</\\k<raw>\\s*"
              + "|![a-z][^>]*"
              + "|(?<close>/?)(?<name>[a-z][a-z0-9-]*)(?<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*+))>",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern HTML_HEADING =
      Pattern.compile("<h[1-6](?:\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);

  private static final Pattern MARKDOWN_BOLD =
      Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*|__(?=\\S)(.+?)(?<=\\S)__");

  private static final Pattern HTML_BOLD =
      Pattern.compile(
          "<(b|strong)(?:\\s[^>]*)?>(.*?)</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** Terms come from the taxonomy and the planner: few distinct values, compiled once each. */
  private static final LoadingCache<String, Term> TERMS =
      CacheBuilder.newBuilder().maximumSize(10_000).build(CacheLoader.from(Term::load));

  /** Marks a {@link #TERMS} key whose word forms match too. */
  private static final char FORMS = '\u0001';

  /** Lines that introduce a reference list. */
  static final List<String> REFERENCE_LABELS =
      List.of(
          "References", "References:", "Bibliography", "Bibliography:", "Sources", "Sources:",
          "Works Cited", "Works Cited:", "参考文献", "参考文献：", "参考文献:", "参考资料",
          "参考资料：", "参考资料:");

  /** Lines that introduce a numbered reference list: "References:", or its Chinese form. */
  static final List<String> NUMERIC_REFERENCE_LABELS =
      List.of("References:", "参考文献：", "参考文献:");

  /** The ASCII bullets need a space after them; the others may touch CJK text ("•要点"). */
  private static final String BULLETS = "-*•+·–";

  // Numbered-item marker families: a list counts the items of its first item's family, so the
  // "1." points under a Chinese "一、" section are inside that section's item, not beside it.
  private static final int ARABIC = 1;
  private static final int PAREN_ARABIC = 2;
  private static final int HAN_NUMERAL = 3;
  private static final int PAREN_HAN = 4;
  private static final int CIRCLED = 5;

  /** Chinese numerals as list numbers (一 .. 九十九). */
  private static final String HAN_DIGITS = "〇零一二三四五六七八九十";
  private static final String SENTENCE_CLOSERS = "\"'”’»)]}」』）*_";

  private TextMetrics() {}

  /**
   * The text a human reader sees. A JSON object or array (optionally in a {@code ```json} fence)
   * becomes its string values in document order joined by blank lines; an HTML document loses its
   * tags, with block elements ending blocks and {@code <li>} items becoming {@code "- "} lines
   * ({@code "1. "} inside {@code <ol>}); anything else (Markdown, plain text) is returned as is.
   */
  public static String plainText(String response) {
    int first = firstNonSpace(response);
    if (first == response.length()) {
      return response;
    }
    // Only a response that starts like JSON, a fence or HTML pays for a parse or a copy.
    char c = response.charAt(first);
    if (c == '{' || c == '[' || c == '`') {
      JsonNode json = parseJson(response);
      if (json != null) {
        StringBuilder out = new StringBuilder();
        collectStrings(json, out);
        return out.toString();
      }
    }
    if (c == '<') {
      String trimmed = response.strip();
      if (looksLikeHtml(trimmed)) {
        return htmlText(trimmed);
      }
    }
    return response;
  }

  private static int firstNonSpace(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * The response as a JSON object or array, or {@code null} when it is not exactly one (a {@code
   * ```json} or bare {@code ```} fence around it is allowed).
   */
  static JsonNode parseJson(String response) {
    String body = unfence(response.strip());
    if (body.isEmpty() || (body.charAt(0) != '{' && body.charAt(0) != '[')) {
      return null;
    }
    try {
      JsonNode node = JSON_READER.readTree(body);
      return node != null && node.isContainerNode() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Word tokens: runs of letters and digits (with combining marks), joined by an apostrophe or
   * hyphen ("don't", "trade-off") and, between digits, by a point or comma ("3.5", "1,000"). Each
   * Han, Hiragana or Katakana character is a word on its own, since those scripts do not separate
   * words by spaces; Hangul words are space-separated and counted like Latin ones. So a Chinese
   * text counts as its 字数: each Han character one, a Latin or digit run ("iPhone", "3.5", full-width
   * "ＡＢＣ") one, punctuation nothing.
   */
  public static int words(String text) {
    int count = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (isCjkSingle(cp)) {
        count++;
        i += Character.charCount(cp);
      } else if (isWordStart(cp)) {
        count++;
        i = endOfWord(text, i);
      } else {
        i += Character.charCount(cp);
      }
    }
    return count;
  }

  /**
   * Sentence terminators: a run of {@code . ! ?} that follows a non-space character and is followed
   * by whitespace, a closing quote, bracket or emphasis mark, or the end ("3.5" and "e.g.," do not
   * end sentences). The end marks of other scripts always end one, since they are never decimal
   * points and CJK text puts no space after them: full-width {@code 。！？．}, the Devanagari and
   * Bengali danda {@code । ॥}, Arabic and Urdu {@code ؟ ۔}, Ethiopic {@code ። ፧}, Armenian {@code
   * ։}, Myanmar {@code ။}, the Greek question mark {@code ;} (U+037E, or {@code ;} right after a
   * Greek letter). A Chinese ellipsis {@code ……} ends one too (a single {@code …} does not), and so
   * does a half-width {@code !} or {@code ?} right before a Han or Kana character; {@code ；} does
   * not. A list marker such as "1." or "１．" at the start of a line is not a sentence.
   */
  public static int sentences(String text) {
    int count = 0;
    for (int i = 0; (i = nextSentenceEnd(text, i, text.length())) >= 0; ) {
      count++;
    }
    return count;
  }

  /**
   * The end (exclusive) of the first sentence terminator run in {@code [from, to)} that ends a
   * sentence by the rules of {@link #sentences}, or -1 when there is none.
   */
  static int nextSentenceEnd(String text, int from, int to) {
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (!isTerminator(text, i)) {
        i++;
        continue;
      }
      int end = i;
      boolean otherScript = false;
      while (end < to && isTerminator(text, end)) {
        otherScript |= text.charAt(end) > 0x7f || text.charAt(end) == ';';
        end++;
      }
      boolean closes =
          otherScript
              || end == to
              || Character.isWhitespace(text.charAt(end))
              || SENTENCE_CLOSERS.indexOf(text.charAt(end)) >= 0
              // Chinese typed with half-width marks: "好!我们" ("3.5" keeps its point).
              || (text.charAt(end - 1) != '.' && isCjkSingle(text.codePointAt(end)));
      if (afterText(text, i, otherScript)
          && closes
          && !(end == i + 1 && (c == '.' || c == '．') && isNumberMarker(text, i))) {
        return end;
      }
      i = end;
    }
    return -1;
  }

  /**
   * Whether a terminator at {@code i} follows text. Hindi and Urdu are often typed with a space
   * before the danda, so other scripts' marks may follow text across spaces on the same line.
   */
  private static boolean afterText(String text, int i, boolean otherScript) {
    int j = i - 1;
    if (otherScript) {
      while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
        j--;
      }
    }
    return j >= 0 && !Character.isWhitespace(text.charAt(j)) && !isTerminator(text, j);
  }

  /**
   * Blocks (separated by blank lines or code fences) that hold at least one prose line: a non-blank
   * line that is not a heading, list item, table row, horizontal rule, "References:" line or
   * reference entry {@code [n] ...}.
   */
  public static int paragraphs(String text) {
    int count = 0;
    boolean prose = false;
    boolean inFence = false;
    int n = text.length();
    for (int s = 0; s <= n; ) {
      int e = lineEnd(text, s);
      int next = e < n ? e + 1 : n + 1;
      e = stripCarriageReturn(text, s, e);
      boolean fence = isFence(text, s, e);
      if (fence || (!inFence && isBlank(text, s, e))) {
        if (prose) {
          count++;
        }
        prose = false;
        inFence ^= fence;
      } else if (!inFence && !prose) {
        prose = isProse(text, s, e);
      }
      s = next;
    }
    return prose ? count + 1 : count;
  }

  /**
   * Lines like {@code 1. item} or {@code 2) item}, and the Chinese forms {@code 1、} {@code １．}
   * {@code (1)} {@code （1）} {@code 一、} {@code （一）} {@code ①}.
   */
  public static int numberedItems(String text) {
    return countLines(text, TextMetrics::isNumberedItem);
  }

  /**
   * Lines like {@code - item}, {@code * item}, {@code • item}, {@code + item}, {@code · item} or
   * {@code – item}.
   */
  public static int bulletedItems(String text) {
    return countLines(text, TextMetrics::isBulletedItem);
  }

  /**
   * The number of top-level items of each numbered (or bulleted) list, in order. A list is a run of
   * such items; blank lines and indented continuation lines or sub-items stay inside it, and any
   * other line at the list's indentation (prose, a heading, an item of the other kind) ends it. A
   * numbered list counts the items numbered like its first one ({@code 1.} and {@code 1)} alike);
   * items numbered in another style at its indentation are a level inside the current item.
   */
  public static List<Integer> listSizes(String text, boolean numbered) {
    List<Integer> sizes = new ArrayList<>();
    int indent = -1;
    int family = 0;
    int items = 0;
    boolean inFence = false;
    int n = text.length();
    for (int s = 0; s < n; ) {
      int e = lineEnd(text, s);
      int next = e + 1;
      e = stripCarriageReturn(text, s, e);
      int lineIndent = indentEnd(text, s, e) - s;
      boolean fence = isFence(text, s, e);
      int marker = 0;
      boolean goesOn =
          inFence || isBlank(text, s, e) || (indent >= 0 && lineIndent > indent + 1);
      if (!goesOn) {
        marker = numbered ? numberedMarker(text, s, e) : isBulletedItem(text, s, e) ? 1 : 0;
      }
      if (goesOn) {
        // Inside code, a gap, or nested in the current item: the list goes on.
        inFence ^= fence;
      } else if (marker != 0) {
        if (indent < 0) {
          indent = lineIndent;
          family = marker;
        }
        // Another numbering style at the same indentation is a sub-level (一、 then 1.), as
        // Chinese outlines do not indent their levels.
        if (marker == family) {
          items++;
        }
      } else {
        if (indent >= 0) {
          sizes.add(items);
        }
        indent = -1;
        items = 0;
        inFence = fence;
      }
      s = next;
    }
    if (indent >= 0) {
      sizes.add(items);
    }
    return sizes;
  }

  /** Numbered plus bulleted items. */
  public static int listItems(String text) {
    return numberedItems(text) + bulletedItems(text);
  }

  /** Markdown heading lines ({@code # Title} .. {@code ###### Title}) plus HTML h1-h6 elements. */
  public static int headings(String response) {
    int count = countLines(response, TextMetrics::isHeading);
    if (response.indexOf('<') >= 0) {
      Matcher m = HTML_HEADING.matcher(response);
      while (m.find()) {
        count++;
      }
    }
    return count;
  }

  /**
   * The headings of a response and which of them have nothing under them. An HTML document is read
   * by its h1-h6 elements; anything else by its Markdown heading lines (a JSON answer by its string
   * values). A heading has content when a line (or HTML text) with a letter or digit comes before
   * the next heading of any level: prose, a list, a table or code. A heading whose only content is
   * a sub-heading is empty, so stacked headings cannot pass for sections.
   */
  public static HeadingOutline headingOutline(String response) {
    String trimmed = response.strip();
    return looksLikeHtml(trimmed) ? htmlOutline(trimmed) : markdownOutline(plainText(response));
  }

  /** How many headings there are and the 1-based positions of those with no content under them. */
  public record HeadingOutline(int headings, List<Integer> empty) {
    public HeadingOutline {
      empty = List.copyOf(empty);
    }
  }

  private static HeadingOutline markdownOutline(String text) {
    int headings = 0;
    boolean content = true;
    List<Integer> empty = new ArrayList<>();
    boolean inFence = false;
    int n = text.length();
    for (int s = 0; s < n; ) {
      int e = lineEnd(text, s);
      int next = e + 1;
      e = stripCarriageReturn(text, s, e);
      if (isFence(text, s, e)) {
        inFence = !inFence;
      } else if (!inFence && isHeading(text, s, e)) {
        if (!content) {
          empty.add(headings);
        }
        headings++;
        content = false;
      } else if (!content && !(!inFence && isRule(text, s, e))) {
        content = hasLetterOrDigit(text, s, e);
      }
      s = next;
    }
    if (!content) {
      empty.add(headings);
    }
    return new HeadingOutline(headings, empty);
  }

  private static HeadingOutline htmlOutline(String html) {
    int headings = 0;
    boolean content = true;
    boolean inHeading = false;
    List<Integer> empty = new ArrayList<>();
    Matcher m = HTML_TOKEN.matcher(html);
    int last = 0;
    while (m.find()) {
      if (!inHeading && !content) {
        content = hasLetterOrDigit(html, last, m.start());
      }
      last = m.end();
      String name = m.group("name");
      if (name != null && name.length() == 2 && (name.charAt(0) == 'h' || name.charAt(0) == 'H')
          && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
        boolean close = !m.group("close").isEmpty();
        if (!close) {
          if (!content) {
            empty.add(headings);
          }
          headings++;
          content = false;
        }
        inHeading = !close;
      }
    }
    if (!content) {
      empty.add(headings);
    }
    return new HeadingOutline(headings, empty);
  }

  private static boolean hasLetterOrDigit(String t, int s, int e) {
    for (int i = s; i < e; i++) {
      if (Character.isLetterOrDigit(t.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the answer's last prose is in {@code plain} (a plain-text projection): the last paragraph,
   * or the last cell of a Markdown table that ends the answer. A trailing reference list is not part
   * of the answer's prose and is skipped: a "References:" (or "Bibliography", "Sources") line
   * followed only by entries or list items, or bare {@code [n] ...} entries. Horizontal rules and
   * blank lines are skipped too. When anything else ends the answer (a list item, a heading, code),
   * the block says what.
   */
  static LastBlock lastBlock(String plain) {
    List<int[]> lines = new ArrayList<>();
    List<Boolean> code = new ArrayList<>();
    boolean inFence = false;
    int n = plain.length();
    for (int s = 0; s < n; ) {
      int e = lineEnd(plain, s);
      int next = e + 1;
      e = stripCarriageReturn(plain, s, e);
      boolean fence = isFence(plain, s, e);
      lines.add(new int[] {s, e});
      code.add(inFence || fence);
      inFence ^= fence;
      s = next;
    }
    int end = lines.size();
    int label = -1;
    for (int i = 0; i < end; i++) {
      int[] l = lines.get(i);
      if (!code.get(i) && isReferenceLabel(plain, l[0], l[1])) {
        label = i;
      }
    }
    if (label >= 0 && onlyReferenceLines(plain, lines, label + 1)) {
      end = label;
    }
    while (end > 0) {
      int[] l = lines.get(end - 1);
      boolean skip =
          !code.get(end - 1)
              && (isBlank(plain, l[0], l[1])
                  || isRule(plain, l[0], l[1])
                  || isReferenceEntry(plain, l[0], l[1]));
      if (!skip) {
        break;
      }
      end--;
    }
    if (end == 0) {
      return LastBlock.problem("nothing");
    }
    int[] last = lines.get(end - 1);
    int s = last[0];
    int e = last[1];
    if (code.get(end - 1)) {
      return LastBlock.problem("code");
    }
    if (isHeading(plain, s, e)) {
      return LastBlock.problem("a heading");
    }
    if (isNumberedItem(plain, s, e) || isBulletedItem(plain, s, e)) {
      return LastBlock.problem("a list item");
    }
    int i = indentEnd(plain, s, e);
    if (plain.charAt(i) == '|') {
      // The last non-blank cell of the last row.
      int cellEnd = e;
      while (true) {
        int bar = plain.lastIndexOf('|', cellEnd - 1);
        if (bar < i) {
          return LastBlock.problem("an empty table row");
        }
        if (!isBlank(plain, bar + 1, cellEnd)) {
          return new LastBlock(bar + 1, cellEnd, null);
        }
        cellEnd = bar;
      }
    }
    int first = end - 1;
    while (first > 0) {
      int[] l = lines.get(first - 1);
      if (code.get(first - 1) || isBlank(plain, l[0], l[1]) || !isProse(plain, l[0], l[1])) {
        break;
      }
      first--;
    }
    return new LastBlock(lines.get(first)[0], e, null);
  }

  /** The text range {@code [start, end)} of a block, or what ends the text instead. */
  record LastBlock(int start, int end, String problem) {
    static LastBlock problem(String what) {
      return new LastBlock(-1, -1, what);
    }
  }

  private static boolean isReferenceLabel(String t, int s, int e) {
    for (String label : REFERENCE_LABELS) {
      if (isLabelLine(t, s, e, label)) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyReferenceLines(String t, List<int[]> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      int s = lines.get(i)[0];
      int e = lines.get(i)[1];
      if (!isBlank(t, s, e)
          && !isReferenceEntry(t, s, e)
          && !isNumberedItem(t, s, e)
          && !isBulletedItem(t, s, e)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Emoji, as a reader counts them: a code point in U+1F000-U+1FAFF (pictographs, emoticons,
   * symbols), U+2600-U+27BF (miscellaneous symbols, dingbats), U+2B50 (star) or ㊗ ㊙, or a keycap
   * such as 1️⃣. What only modifies or joins an emoji is part of it: a skin tone, a variation
   * selector, a tag, and the parts of a ZWJ sequence such as 👩‍💻; two regional indicators are one
   * flag.
   */
  public static int emojiCount(String text) {
    int count = 0;
    boolean joined = false;
    boolean halfFlag = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0x200D) {
        joined = true;
        continue;
      }
      boolean part = (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0xFE0F || (cp >= 0xE0020 && cp <= 0xE007F);
      if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
        // The second indicator of a pair completes the flag that the first one counted.
        part = halfFlag;
        halfFlag = !halfFlag;
      } else {
        halfFlag = false;
      }
      boolean emoji =
          (cp >= 0x1F000 && cp <= 0x1FAFF)
              || (cp >= 0x2600 && cp <= 0x27BF)
              || cp == 0x2B50
              // ㊗ ㊙: the two circled ideographs that are emoji (the others are text symbols).
              || cp == 0x3297
              || cp == 0x3299;
      if (cp == 0x20E3) {
        count++;
      } else if (emoji && !part && !joined) {
        count++;
      }
      joined = false;
    }
    return count;
  }

  /**
   * The texts inside {@code **..**}, {@code __..__}, {@code <b>..</b>} and {@code
   * <strong>..</strong>}.
   */
  public static List<String> boldSpans(String response) {
    List<String> spans = new ArrayList<>();
    // Markup inside code (2**10, __init__) is code, not bold.
    if (response.indexOf('`') >= 0 || response.contains("~~~")) {
      response = withoutCode(response);
    }
    if (response.contains("**") || response.contains("__")) {
      Matcher m = MARKDOWN_BOLD.matcher(response);
      while (m.find()) {
        spans.add(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    if (response.indexOf('<') >= 0) {
      Matcher m = HTML_BOLD.matcher(response);
      while (m.find()) {
        spans.add(m.group(2));
      }
    }
    return spans;
  }

  /** {@code text} with fenced code blocks and inline code spans blanked out, offsets kept. */
  static String withoutCode(String text) {
    char[] out = text.toCharArray();
    boolean inFence = false;
    int n = text.length();
    for (int s = 0; s < n; ) {
      int e = lineEnd(text, s);
      boolean fence = isFence(text, s, stripCarriageReturn(text, s, e));
      if (inFence || fence) {
        Arrays.fill(out, s, e, ' ');
      } else {
        blankInlineCode(text, s, e, out);
      }
      inFence ^= fence;
      s = e + 1;
    }
    return new String(out);
  }

  /** Blanks each {@code `code`} span of the line [s, e): a backtick run up to the same run. */
  private static void blankInlineCode(String t, int s, int e, char[] out) {
    int i = t.indexOf('`', s);
    while (i >= 0 && i < e) {
      int run = i;
      while (run < e && t.charAt(run) == '`') {
        run++;
      }
      String ticks = t.substring(i, run);
      int close = t.indexOf(ticks, run);
      while (close >= 0 && close + ticks.length() < e && t.charAt(close + ticks.length()) == '`') {
        close = t.indexOf(ticks, close + ticks.length() + 1);
      }
      if (close < 0 || close >= e) {
        return;
      }
      Arrays.fill(out, i, close + ticks.length(), ' ');
      i = t.indexOf('`', close + ticks.length());
    }
  }

  /**
   * Code points of a Unicode script named like {@code han}, {@code cyrillic}, {@code hangul}.
   *
   * @throws IllegalArgumentException if {@code script} names no Unicode script
   */
  public static int scriptChars(String text, String script) {
    Character.UnicodeScript wanted = Character.UnicodeScript.forName(script);
    int count = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp > 0x7f || wanted == Character.UnicodeScript.LATIN) {
        if (Character.UnicodeScript.of(cp) == wanted) {
          count++;
        }
      }
      i += Character.charCount(cp);
    }
    return count;
  }

  /**
   * Whether {@code text} mentions {@code term}, ignoring case. A term in a space-separated script
   * must stand as a whole word (not inside a longer one: "robust" does not match "robustness"),
   * optionally followed by a plural "s" when it ends in a Latin letter ("trade-off" matches
   * "trade-offs", "baseline" matches "baselines"). A term with Han, Kana or Hangul characters
   * matches as a plain substring. Spaces in the term match any whitespace run; its hyphens also
   * match U+2010/U+2011 and its apostrophes match typographic ones. Han and Kana characters next to
   * a Latin term count as a boundary, as in "使用robust方法" ("使用robustness" does not match
   * "robust"). Both sides are compared in NFKC, so full-width forms match. A blank term matches
   * nothing.
   */
  public static boolean containsTerm(String text, String term) {
    return contains(text, term, false);
  }

  /**
   * Like {@link #containsTerm}, but a single Latin word also matches its inflected forms and its
   * adverb: "leverage" matches "leveraged", "leveraging" and "leverages", "synergy" matches
   * "synergies", "robust" matches "robustly". "Do not use the word X" forbids those too.
   */
  public static boolean containsWordForm(String text, String word) {
    return contains(text, word, true);
  }

  private static boolean contains(String text, String term, boolean forms) {
    String key = term.strip();
    if (key.isEmpty()) {
      return false;
    }
    key = compatible(key).toLowerCase(Locale.ROOT);
    Term compiled = TERMS.getUnchecked(forms ? FORMS + key : key);
    // Lower-casing once lets a case-sensitive pattern use Boyer-Moore: far faster than (?iu).
    String lower = compatible(text).toLowerCase(Locale.ROOT);
    Matcher m = compiled.pattern().matcher(lower);
    while (m.find()) {
      // Checked here rather than as a regex lookbehind, which would run at every position.
      if (!compiled.wholeWord()
          || m.start() == 0
          || !isWordPart(lower.codePointBefore(m.start()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} in NFKC, so full-width letters and digits (ＡＩ, ２０２４) match their ASCII
   * forms. Text with nothing above Latin-1's controls, or already in NFKC, is returned as is.
   */
  private static String compatible(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) >= 0xA0) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFKC)
            ? text
            : Normalizer.normalize(text, Normalizer.Form.NFKC);
      }
    }
    return text;
  }

  /**
   * A compiled lower-case term; for a whole-word term the pattern checks only the trailing
   * boundary.
   */
  private record Term(Pattern pattern, boolean wholeWord) {
    static Term load(String key) {
      return key.charAt(0) == FORMS ? of(key.substring(1), true) : of(key, false);
    }

    static Term of(String term, boolean forms) {
      StringBuilder re = new StringBuilder();
      boolean inSpace = false;
      for (int i = 0; i < term.length(); ) {
        int cp = term.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.isWhitespace(cp)) {
          if (!inSpace) {
            re.append("\\s+");
          }
          inSpace = true;
          continue;
        }
        inSpace = false;
        if (cp == '-') {
          re.append("[-\\u2010\\u2011]");
        } else if (cp == '\'' || cp == '’') {
          re.append("['’]");
        } else if (Character.isLetterOrDigit(cp)) {
          re.appendCodePoint(cp);
        } else {
          re.append(Pattern.quote(new String(Character.toChars(cp))));
        }
      }
      boolean wholeWord = !hasCjk(term);
      if (wholeWord) {
        int last = term.codePointBefore(term.length());
        boolean plural =
            Character.isLetter(last)
                && Character.UnicodeScript.of(last) == Character.UnicodeScript.LATIN;
        if (forms && isLatinWord(term)) {
          re.insert(0, "(?:").append(wordEndings(term)).append(')');
        } else {
          re.append(plural ? "s?" : "");
        }
        re.append("(?![\\p{L}\\p{N}\\p{M}&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]])");
      }
      return new Term(Pattern.compile(re.toString()), wholeWord);
    }

    /** Letters of the Latin script only (an apostrophe or hyphen inside allowed). */
    private static boolean isLatinWord(String term) {
      for (int i = 0; i < term.length(); i++) {
        char c = term.charAt(i);
        if (!(c >= 'a' && c <= 'z') && !(i > 0 && (c == '-' || c == '\''))) {
          return false;
        }
      }
      return Character.isLetter(term.charAt(term.length() - 1));
    }

    /**
     * The endings after a word's regex: -s, -es, -d, -ed, -ing, -ly; a final "e" dropped before
     * -ing and -ed; a final consonant + "y" turned into "ie" before -s and -d.
     */
    private static String wordEndings(String word) {
      StringBuilder endings = new StringBuilder("(?:s|es|d|ed|ing|ly)?");
      String stem = Pattern.quote(word.substring(0, word.length() - 1));
      char last = word.charAt(word.length() - 1);
      char before = word.length() > 1 ? word.charAt(word.length() - 2) : 'a';
      if (last == 'e') {
        endings.append("|").append(stem).append("(?:ing|ed)");
      } else if (last == 'y' && "aeiou".indexOf(before) < 0) {
        endings.append("|").append(stem).append("i(?:es|ed)");
      }
      return endings.toString();
    }

    private static boolean hasCjk(String term) {
      for (int i = 0; i < term.length(); ) {
        int cp = term.codePointAt(i);
        if (isCjkSingle(cp) || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL) {
          return true;
        }
        i += Character.charCount(cp);
      }
      return false;
    }
  }

  // ---- Line classification: each takes a line as [s, e) of t, without its line break. ----

  /** A line that reads "References:", possibly as a heading or in bold, in any case. */
  private static boolean isReferencesLine(String t, int s, int e) {
    return NUMERIC_REFERENCE_LABELS.stream().anyMatch(label -> isLabelLine(t, s, e, label));
  }

  /** A line that reads {@code label}, possibly as a heading or in bold, in any case. */
  static boolean isLabelLine(String t, int s, int e, String label) {
    while (s < e && Character.isWhitespace(t.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(t.charAt(e - 1))) {
      e--;
    }
    while (s < e && t.charAt(s) == '#') {
      s++;
    }
    while (s < e && Character.isWhitespace(t.charAt(s))) {
      s++;
    }
    while (e - s >= 2
        && (t.charAt(s) == '*' || t.charAt(s) == '_')
        && t.charAt(e - 1) == t.charAt(s)) {
      s++;
      e--;
    }
    return e - s == label.length() && t.regionMatches(true, s, label, 0, label.length());
  }

  /**
   * {@code [n] text} at the start of a line; Chinese answers also write {@code ［n］} and {@code
   * 【n】}, with no space before CJK text.
   */
  private static boolean isReferenceEntry(String t, int s, int e) {
    int i = indentEnd(t, s, e);
    int open = i < e ? "[［【".indexOf(t.charAt(i)) : -1;
    if (open < 0) {
      return false;
    }
    int digits = ++i;
    while (i < e && isAsciiDigit(t.charAt(i))) {
      i++;
    }
    return i > digits
        && i + 1 < e
        && t.charAt(i) == "]］】".charAt(open)
        && (open > 0
            || Character.isWhitespace(t.charAt(i + 1))
            || isCjkText(t.codePointAt(i + 1)));
  }

  private static boolean isNumberedItem(String t, int s, int e) {
    return numberedMarker(t, s, e) != 0;
  }

  /**
   * The marker family of a numbered item line, or 0: {@code 1.} {@code 1)} {@code 1、} {@code １．}
   * (arabic), {@code (1)} {@code （1）}, {@code 一、}, {@code （一）} or {@code ①}..{@code ⑳}. An ASCII
   * marker needs a space after it unless CJK text follows; a Chinese one needs none.
   */
  private static int numberedMarker(String t, int s, int e) {
    int i = indentEnd(t, s, e);
    if (i >= e) {
      return 0;
    }
    char c = t.charAt(i);
    if (c >= '\u2460' && c <= '\u2473') {
      return itemText(t, i + 1, e, true) ? CIRCLED : 0;
    }
    if (c == '(' || c == '（') {
      int j = ++i;
      while (j < e && isDigit(t.charAt(j))) {
        j++;
      }
      boolean arabic = j > i;
      if (!arabic) {
        while (j < e && HAN_DIGITS.indexOf(t.charAt(j)) >= 0) {
          j++;
        }
      }
      // At most three digits: "(2020) was..." is prose.
      if (j == i || j - i > 3 || j >= e || (t.charAt(j) != ')' && t.charAt(j) != '）')) {
        return 0;
      }
      boolean wide = c == '（' || t.charAt(j) == '）';
      return itemText(t, j + 1, e, wide) ? (arabic ? PAREN_ARABIC : PAREN_HAN) : 0;
    }
    int j = i;
    while (j < e && isDigit(t.charAt(j))) {
      j++;
    }
    if (j > i && j < e) {
      char mark = t.charAt(j);
      if (mark == '.' || mark == ')') {
        return itemText(t, j + 1, e, false) ? ARABIC : 0;
      }
      return (mark == '、' || mark == '．' || mark == '）') && itemText(t, j + 1, e, true)
          ? ARABIC
          : 0;
    }
    while (j < e && j - i <= 3 && HAN_DIGITS.indexOf(t.charAt(j)) >= 0) {
      j++;
    }
    return j > i && j < e && t.charAt(j) == '、' && itemText(t, j + 1, e, true) ? HAN_NUMERAL : 0;
  }

  /**
   * Item text from {@code i}: after a space, or, when {@code wide} (a full-width marker) or a CJK
   * character follows, right away.
   */
  private static boolean itemText(String t, int i, int e, boolean wide) {
    if (gapThenText(t, i, e)) {
      return true;
    }
    if (i >= e) {
      return false;
    }
    return wide ? !Character.isWhitespace(t.charAt(i)) : isCjkText(t.codePointAt(i));
  }

  /** Han, Kana or a full-width form: text that takes no space after a list marker. */
  private static boolean isCjkText(int cp) {
    return isCjkSingle(cp) || (cp >= 0xFF01 && cp <= 0xFF5E) || (cp >= 0x3000 && cp <= 0x303F);
  }

  private static boolean isBulletedItem(String t, int s, int e) {
    int i = indentEnd(t, s, e);
    if (i >= e) {
      return false;
    }
    char c = t.charAt(i);
    return BULLETS.indexOf(c) >= 0
        && (gapThenText(t, i + 1, e) || (c > 0x7f && i + 1 < e && isCjkText(t.codePointAt(i + 1))))
        && !isRule(t, s, e);
  }

  /** {@code #{1,6}} then space then text, indented at most three spaces (CommonMark). */
  private static boolean isHeading(String t, int s, int e) {
    int i = indentEnd(t, s, e);
    if (i - s > 3) {
      return false;
    }
    int hashes = i;
    while (i < e && t.charAt(i) == '#') {
      i++;
    }
    return i > hashes && i - hashes <= 6 && gapThenText(t, i, e);
  }

  private static boolean isProse(String t, int s, int e) {
    int i = indentEnd(t, s, e);
    return !(t.charAt(i) == '|'
        || isHeading(t, s, e)
        || isNumberedItem(t, s, e)
        || isBulletedItem(t, s, e)
        || isRule(t, s, e)
        || isReferenceEntry(t, s, e)
        || isReferencesLine(t, s, e));
  }

  /** A horizontal rule: three or more of the same {@code - * _}, spaces allowed between. */
  private static boolean isRule(String t, int s, int e) {
    char mark = 0;
    int marks = 0;
    for (int i = s; i < e; i++) {
      char c = t.charAt(i);
      if (c == ' ' || c == '\t') {
        continue;
      }
      if ((c != '-' && c != '*' && c != '_') || (mark != 0 && c != mark)) {
        return false;
      }
      mark = c;
      marks++;
    }
    return marks >= 3;
  }

  private static boolean isFence(String t, int s, int e) {
    int i = indentEnd(t, s, e);
    return i - s <= 3 && (t.startsWith("```", i) || t.startsWith("~~~", i)) && i + 3 <= e;
  }

  private static boolean isBlank(String t, int s, int e) {
    for (int i = s; i < e; i++) {
      if (!Character.isWhitespace(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** At least one space or tab from {@code i}, then a non-space character before {@code e}. */
  private static boolean gapThenText(String t, int i, int e) {
    int j = indentEnd(t, i, e);
    return j > i && j < e && !Character.isWhitespace(t.charAt(j));
  }

  private static int indentEnd(String t, int i, int e) {
    while (i < e && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private interface LineTest {
    boolean test(String t, int s, int e);
  }

  /** Lines outside fenced code that pass {@code test}. */
  private static int countLines(String text, LineTest test) {
    int count = 0;
    boolean inFence = false;
    int n = text.length();
    for (int s = 0; s < n; ) {
      int e = lineEnd(text, s);
      int next = e + 1;
      e = stripCarriageReturn(text, s, e);
      if (isFence(text, s, e)) {
        inFence = !inFence;
      } else if (!inFence && test.test(text, s, e)) {
        count++;
      }
      s = next;
    }
    return count;
  }

  private static int lineEnd(String text, int s) {
    int e = text.indexOf('\n', s);
    return e < 0 ? text.length() : e;
  }

  private static int stripCarriageReturn(String text, int s, int e) {
    return e > s && text.charAt(e - 1) == '\r' ? e - 1 : e;
  }

  // ---- Words and sentences ----

  /** Han, Hiragana or Katakana: one word per character. */
  private static boolean isCjkSingle(int cp) {
    if (cp < 0x2E80) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }

  private static boolean isWordStart(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    // The Katakana length marks (ー, ｰ) are Common-script letters; they lengthen the previous kana.
    if (cp == 0x30FC || cp == 0xFF70 || isCjkSingle(cp)) {
      return false;
    }
    int type = Character.getType(cp);
    return Character.isLetter(cp)
        || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private static boolean isWordPart(int cp) {
    if (isWordStart(cp)) {
      return true;
    }
    if (cp < 0x80) {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** The end of the word starting at {@code i}. */
  private static int endOfWord(String text, int i) {
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (isWordPart(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      boolean joins =
          cp == '\''
              || cp == '’'
              || cp == '-'
              || ((cp == '.' || cp == ',') && isAsciiDigit(text.charAt(i - 1)));
      boolean continues =
          i + 1 < n
              && (cp == '.' || cp == ','
                  ? isAsciiDigit(text.charAt(i + 1))
                  : isWordStart(text.codePointAt(i + 1)));
      if (!joins || !continues) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean isTerminator(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x80) {
      return c == '.'
          || c == '!'
          || c == '?'
          // A Greek question mark is usually typed as a plain semicolon.
          || (c == ';'
              && i > 0
              && Character.UnicodeScript.of(text.codePointBefore(i))
                  == Character.UnicodeScript.GREEK);
    }
    // A switch, not a string search: this runs for every non-ASCII character of every answer.
    return switch (c) {
      // The Chinese ellipsis is two of them; one alone ("Wait… what") goes on.
      case '\u2026' ->
          (i + 1 < text.length() && text.charAt(i + 1) == '\u2026')
              || (i > 0 && text.charAt(i - 1) == '\u2026');
      case '\u3002', '\uFF01', '\uFF1F', '\uFF0E', '\uFF61', // 。！？．｡
          '\u0964', '\u0965', // । ॥
          '\u061F', '\u06D4', // ؟ ۔
          '\u1362', '\u1367', // ። ፧
          '\u0589', '\u104B', '\u037E' -> // ։ ။ ;
          true;
      default -> false;
    };
  }

  /** The point at {@code i} closes a list marker: only digits precede it on its line. */
  private static boolean isNumberMarker(String text, int i) {
    int j = i - 1;
    while (j >= 0 && isDigit(text.charAt(j))) {
      j--;
    }
    if (j == i - 1) {
      return false;
    }
    while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j--;
    }
    return j < 0 || text.charAt(j) == '\n';
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** An ASCII or full-width digit. */
  private static boolean isDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
  }

  // ---- Projections ----

  private static String unfence(String s) {
    if (s.length() < 6 || !s.startsWith("```") || !s.endsWith("```")) {
      return s;
    }
    int newline = s.indexOf('\n');
    if (newline < 0) {
      return s;
    }
    String info = s.substring(3, newline).strip();
    if (!info.isEmpty() && !info.equalsIgnoreCase("json")) {
      return s;
    }
    return s.substring(newline + 1, s.length() - 3).strip();
  }

  private static void collectStrings(JsonNode node, StringBuilder out) {
    if (node.isTextual()) {
      if (!node.textValue().isBlank()) {
        if (out.length() > 0) {
          out.append("\n\n");
        }
        out.append(node.textValue());
      }
      return;
    }
    for (JsonNode child : node) {
      collectStrings(child, out);
    }
  }

  private static boolean looksLikeHtml(String trimmed) {
    return trimmed.length() > 2
        && trimmed.charAt(0) == '<'
        && (Character.isLetter(trimmed.charAt(1)) || trimmed.charAt(1) == '!')
        && trimmed.endsWith(">");
  }

  private static String htmlText(String html) {
    StringBuilder out = new StringBuilder(html.length());
    // Per open list: the last number used inside <ol>, or -1 inside <ul>.
    Deque<int[]> lists = new ArrayDeque<>();
    Matcher m = HTML_TOKEN.matcher(html);
    int last = 0;
    while (m.find()) {
      appendHtmlText(out, html, last, m.start());
      last = m.end();
      String name = m.group("name");
      if (name != null) {
        boolean close = !m.group("close").isEmpty();
        onTag(out, name.toLowerCase(Locale.ROOT), close, lists);
      }
    }
    appendHtmlText(out, html, last, html.length());
    return out.toString().strip();
  }

  private static void onTag(StringBuilder out, String name, boolean close, Deque<int[]> lists) {
    switch (name) {
      case "ul", "ol" -> {
        if (close) {
          lists.poll();
        } else {
          lists.push(new int[] {name.equals("ol") ? 0 : -1});
        }
        endBlock(out);
      }
      case "li" -> {
        endLine(out);
        if (!close) {
          int[] list = lists.isEmpty() ? new int[] {-1} : lists.peek();
          out.append("  ".repeat(Math.max(0, lists.size() - 1)));
          out.append(list[0] < 0 ? "- " : ++list[0] + ". ");
        }
      }
      case "br", "tr", "dt", "dd" -> endLine(out);
      case "td", "th" -> appendSpace(out);
      case "p",
          "div",
          "title",
          "table",
          "section",
          "header",
          "footer",
          "article",
          "main",
          "nav",
          "aside",
          "blockquote",
          "pre",
          "figure",
          "dl",
          "form",
          "head",
          "body",
          "html",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6" ->
          endBlock(out);
      default -> {
        // Inline elements (b, em, a, span, code...) leave only their text.
      }
    }
  }

  /** Appends HTML text with whitespace collapsed and entities decoded. */
  private static void appendHtmlText(StringBuilder out, String html, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = html.charAt(i);
      if (c == '&') {
        int semi = html.indexOf(';', i);
        if (semi > i && semi < to && semi - i <= 10) {
          String decoded = decodeEntity(html.substring(i + 1, semi));
          if (decoded != null) {
            if (decoded.equals(" ")) {
              appendSpace(out);
            } else {
              out.append(decoded);
            }
            i = semi;
            continue;
          }
        }
      }
      if (Character.isWhitespace(c)) {
        appendSpace(out);
      } else {
        out.append(c);
      }
    }
  }

  private static String decodeEntity(String entity) {
    return switch (entity) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos", "#39" -> "'";
      case "nbsp" -> " ";
      default -> decodeNumericEntity(entity);
    };
  }

  private static String decodeNumericEntity(String entity) {
    if (entity.length() < 2 || entity.charAt(0) != '#') {
      return null;
    }
    boolean hex = entity.charAt(1) == 'x' || entity.charAt(1) == 'X';
    try {
      int cp = Integer.parseInt(entity.substring(hex ? 2 : 1), hex ? 16 : 10);
      return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void appendSpace(StringBuilder out) {
    int n = out.length();
    if (n > 0 && out.charAt(n - 1) != ' ' && out.charAt(n - 1) != '\n') {
      out.append(' ');
    }
  }

  private static void endLine(StringBuilder out) {
    while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
      out.setLength(out.length() - 1);
    }
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }

  private static void endBlock(StringBuilder out) {
    endLine(out);
    int n = out.length();
    if (n > 0 && (n < 2 || out.charAt(n - 2) != '\n')) {
      out.append('\n');
    }
  }
}
