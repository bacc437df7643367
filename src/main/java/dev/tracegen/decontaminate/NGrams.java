package dev.tracegen.decontaminate;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.tracegen.dedup.Scripts;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The long n-grams that decontamination compares, line by line so that no n-gram spans two lines
 * (two constraint lines of a rendered instruction are separate items).
 *
 * <p>Each line is NFKC-normalised and lower-cased, and a leading list marker ({@code "3."},
 * {@code "3)"}, {@code "3、"}) is dropped. Its tokens are words (maximal runs of letters and
 * digits outside the CJK scripts) and single CJK characters ({@link Scripts#isCjk}); everything
 * else separates tokens. Maximal runs of words give {@code wordN}-word n-grams; maximal runs of
 * CJK characters give {@code charN}-character n-grams (a CJK run is broken only by a word, not by
 * punctuation). Mixed text therefore yields both kinds, e.g. a Chinese passage quoted in an English
 * instruction.
 */
public final class NGrams implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final HashFunction HASH = Hashing.murmur3_128(0xdec0);
  private static final Pattern LIST_MARKER = Pattern.compile("^\\s*\\d{1,3}\\s*[.)\u3001\uff0e]\\s*");

  private final int wordN;
  private final int charN;

  public NGrams(int wordN, int charN) {
    if (wordN < 1 || charN < 1) {
      throw new IllegalArgumentException("n-gram lengths must be at least 1 (words " + wordN + ", chars " + charN + ")");
    }
    this.wordN = wordN;
    this.charN = charN;
  }

  public int wordN() {
    return wordN;
  }

  public int charN() {
    return charN;
  }

  /** The n-grams of {@code text} in order of appearance, without repeats: text to hash. */
  public Map<String, Long> grams(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      String norm = LIST_MARKER.matcher(Normalizer.normalize(line, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
          .replaceFirst("");
      List<String> run = new ArrayList<>();
      boolean cjkRun = false;
      StringBuilder word = new StringBuilder();
      for (int i = 0; i < norm.length(); ) {
        int cp = norm.codePointAt(i);
        i += Character.charCount(cp);
        if (Scripts.isCjk(cp)) {
          if (word.length() > 0) {
            cjkRun = add(out, run, cjkRun, false, word.toString());
            word.setLength(0);
          }
          cjkRun = add(out, run, cjkRun, true, new String(Character.toChars(cp)));
        } else if (Scripts.isWordChar(cp)) {
          word.appendCodePoint(cp);
        } else if (word.length() > 0) {
          cjkRun = add(out, run, cjkRun, false, word.toString());
          word.setLength(0);
        }
      }
      if (word.length() > 0) {
        cjkRun = add(out, run, cjkRun, false, word.toString());
      }
      flush(out, run, cjkRun);
    }
    return out;
  }

  /** Distinct n-gram hashes of {@code text}, sorted. */
  public long[] hashes(String text) {
    long[] h = grams(text).values().stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(h);
    return h;
  }

  /** Appends a token to the current run; a token of the other kind first flushes the run. */
  private boolean add(Map<String, Long> out, List<String> run, boolean runIsCjk, boolean tokenIsCjk, String token) {
    if (!run.isEmpty() && runIsCjk != tokenIsCjk) {
      flush(out, run, runIsCjk);
    }
    run.add(token);
    return tokenIsCjk;
  }

  private void flush(Map<String, Long> out, List<String> run, boolean cjk) {
    int n = cjk ? charN : wordN;
    for (int i = 0; i + n <= run.size(); i++) {
      String gram = String.join(cjk ? "" : " ", run.subList(i, i + n));
      out.computeIfAbsent(gram, g -> HASH.hashString((cjk ? "c:" : "w:") + g, StandardCharsets.UTF_8).asLong());
    }
    run.clear();
  }
}
