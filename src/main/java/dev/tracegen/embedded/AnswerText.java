package dev.tracegen.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prose of an answer as the embedded judge reads it: markup removed (JSON values, HTML tags,
 * Markdown headings, table frames, list markers) and split into sentences and clauses, each told
 * apart by whether it was copied from the instruction.
 */
final class AnswerText {
  /** Sharing this many consecutive words with the instruction makes a sentence a copy. */
  static final int COPY_NGRAM = 5;

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern SEPARATOR_ROW = Pattern.compile("^\\s*\\|?\\s*:?-{2,}.*$");
  private static final Pattern HEADING = Pattern.compile("^\\s*#{1,6}\\s.*$");
  private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:\\d+[.)]|[-*•])\\s+");
  private static final Pattern LEADING_NOISE = Pattern.compile("^[^\\p{L}\\p{N}]+");
  // Chinese stops end a sentence with no space after them.
  private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?。])\\s+|;\\s+|(?<=[。！？])|；");
  private static final String MASK = "zzrequiredzz";
  private static final String MASK_REPLACEMENT = Matcher.quoteReplacement(" " + MASK + " ");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** One sentence or clause, its leading emoji, quotes and list markers removed. */
  record Segment(String text, boolean copied) {}

  private final List<Segment> segments;

  private AnswerText(List<Segment> segments) {
    this.segments = segments;
  }

  /**
   * Reads {@code response}; a sentence is a copy when it shares {@link #COPY_NGRAM} consecutive
   * words with {@code instruction} outside the {@code required} texts (a constraint that asks for a
   * line word for word is met by writing it, which is not copying).
   */
  static AnswerText read(String response, String instruction, List<String> required) {
    List<Pattern> masks = masks(required);
    Set<String> grams = ngrams(words(mask(instruction, masks)));
    List<Segment> out = new ArrayList<>();
    for (String line : lines(response)) {
      for (String piece : BOUNDARY.split(line)) {
        String s = LEADING_NOISE.matcher(LIST_MARKER.matcher(piece).replaceFirst("")).replaceFirst("").strip();
        if (!s.isEmpty()) {
          out.add(new Segment(s, ngrams(words(mask(s, masks))).stream().anyMatch(grams::contains)));
        }
      }
    }
    return new AnswerText(out);
  }

  /** A pattern per non-blank required text, compiled once per answer rather than once per sentence. */
  private static List<Pattern> masks(List<String> required) {
    List<Pattern> out = new ArrayList<>();
    for (String r : required) {
      if (!r.isBlank()) {
        out.add(Pattern.compile(Pattern.quote(r), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      }
    }
    return out;
  }

  /** Each required text replaced by a separator word, so that n-grams do not run through it. */
  private static String mask(String text, List<Pattern> masks) {
    String out = text;
    for (Pattern m : masks) {
      out = m.matcher(out).replaceAll(MASK_REPLACEMENT);
    }
    return out;
  }

  List<Segment> segments() {
    return segments;
  }

  /** Everything, copied or not: what forbidden patterns are looked for in. */
  String all() {
    return String.join("\n", segments.stream().map(Segment::text).toList());
  }

  /** Only the sentences the answer wrote itself: what evidence is looked for in. */
  String own() {
    return String.join("\n", segments.stream().filter(s -> !s.copied()).map(Segment::text).toList());
  }

  /** The answer's first sentence, or null when it has none. */
  Segment first() {
    return segments.isEmpty() ? null : segments.get(0);
  }

  private static List<String> lines(String response) {
    String text = response.strip();
    List<String> out = new ArrayList<>();
    if (text.startsWith("{") || text.startsWith("[")) {
      try {
        JsonNode node = Json.PLAIN.readTree(text);
        strings(node, out);
        return out;
      } catch (IOException e) {
        // Not JSON after all: read it as text.
      }
    }
    String[] raw = TAG.matcher(text).replaceAll("\n").split("\n");
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i];
      boolean headerRow = i + 1 < raw.length && line.strip().startsWith("|") && SEPARATOR_ROW.matcher(raw[i + 1]).matches();
      if (line.isBlank() || HEADING.matcher(line).matches() || SEPARATOR_ROW.matcher(line).matches() || headerRow) {
        continue;
      }
      if (line.strip().startsWith("|")) {
        for (String cell : line.split("\\|")) {
          if (!cell.isBlank() && !cell.strip().matches("\\d+|#")) {
            out.add(cell.strip());
          }
        }
      } else {
        out.add(line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
      }
    }
    return out;
  }

  private static void strings(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.elements().forEachRemaining(child -> strings(child, out));
  }

  /** Words; each Han character is a word of its own (Chinese has no spaces between words). */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (w.isEmpty()) {
        continue;
      }
      StringBuilder run = new StringBuilder();
      for (int i = 0; i < w.length(); ) {
        int cp = w.codePointAt(i);
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
          if (run.length() > 0) {
            out.add(run.toString());
            run.setLength(0);
          }
          out.add(new String(Character.toChars(cp)));
        } else {
          run.appendCodePoint(cp);
        }
        i += Character.charCount(cp);
      }
      if (run.length() > 0) {
        out.add(run.toString());
      }
    }
    return out;
  }

  /**
   * Runs of {@link #COPY_NGRAM} words; a run of Han characters only is twice as long, as one
   * character carries less than an English word.
   */
  private static Set<String> ngrams(List<String> words) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i + COPY_NGRAM <= words.size(); i++) {
      int n = COPY_NGRAM;
      if (words.subList(i, i + COPY_NGRAM).stream().allMatch(AnswerText::han)) {
        n = 2 * COPY_NGRAM;
        if (i + n > words.size()) {
          continue;
        }
      }
      out.add(String.join(" ", words.subList(i, i + n)));
    }
    return out;
  }

  private static boolean han(String word) {
    return word.codePointCount(0, word.length()) == 1
        && Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.HAN;
  }
}
