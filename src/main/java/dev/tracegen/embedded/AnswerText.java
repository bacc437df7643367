package dev.tracegen.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    long[] grams = ngrams(words(mask(instruction, masks)));
    Arrays.sort(grams);
    List<Segment> out = new ArrayList<>();
    for (String line : lines(response)) {
      for (String piece : BOUNDARY.split(line)) {
        String s = LEADING_NOISE.matcher(LIST_MARKER.matcher(piece).replaceFirst("")).replaceFirst("").strip();
        if (!s.isEmpty()) {
          boolean copied = Arrays.stream(ngrams(words(mask(s, masks)))).anyMatch(g -> Arrays.binarySearch(grams, g) >= 0);
          out.add(new Segment(s, copied));
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
    // What splitting the lower-cased text on runs of non-letters and non-digits gives, without a
    // regex or a script lookup for ASCII: the embedded judge reads every answer once per constraint.
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    int run = -1; // start of the current run of word characters other than Han
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (!wordChar(cp)) {
        if (run >= 0) {
          out.add(lower.substring(run, i));
          run = -1;
        }
      } else if (cp >= 0x80 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
        if (run >= 0) {
          out.add(lower.substring(run, i));
          run = -1;
        }
        out.add(lower.substring(i, next));
      } else if (run < 0) {
        run = i;
      }
      i = next;
    }
    if (run >= 0) {
      out.add(lower.substring(run));
    }
    return out;
  }

  /** A letter or a number ({@code \p{L}} or {@code \p{N}}). */
  private static boolean wordChar(int cp) {
    if (cp < 0x80) {
      int lower = cp | 0x20;
      return (lower >= 'a' && lower <= 'z') || (cp >= '0' && cp <= '9');
    }
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  /**
   * Runs of {@link #COPY_NGRAM} words; a run of Han characters only is twice as long, as one
   * character carries less than an English word. Each run is a 64-bit hash of its words (two runs
   * that differ hash alike once in 2^64; building their strings was most of the judge's reading).
   */
  private static long[] ngrams(List<String> words) {
    int size = words.size();
    if (size < COPY_NGRAM) {
      return new long[0];
    }
    long[] word = new long[size];
    int[] hanBefore = new int[size + 1];
    for (int i = 0; i < size; i++) {
      String w = words.get(i);
      word[i] = hash(w);
      hanBefore[i + 1] = hanBefore[i] + (han(w) ? 1 : 0);
    }
    long[] out = new long[size - COPY_NGRAM + 1];
    int n = 0;
    for (int i = 0; i + COPY_NGRAM <= size; i++) {
      int len = COPY_NGRAM;
      if (hanBefore[i + COPY_NGRAM] - hanBefore[i] == COPY_NGRAM) {
        len = 2 * COPY_NGRAM;
        if (i + len > size) {
          continue;
        }
      }
      long h = len;
      for (int k = i; k < i + len; k++) {
        h = h * 0x9E3779B97F4A7C15L + word[k];
      }
      out[n++] = mix(h);
    }
    return Arrays.copyOf(out, n);
  }

  /** FNV-1a over the word's chars, mixed. */
  private static long hash(String word) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < word.length(); i++) {
      h = (h ^ word.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** MurmurHash3's 64-bit finaliser. */
  private static long mix(long h) {
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb93fe53a87ebL;
    return h ^ (h >>> 33);
  }

  private static boolean han(String word) {
    return word.codePointCount(0, word.length()) == 1
        && Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.HAN;
  }
}
