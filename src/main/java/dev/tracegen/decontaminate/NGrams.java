package dev.tracegen.decontaminate;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.tracegen.text.Tokens;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The long n-grams that decontamination compares, line by line so that no n-gram spans two lines
 * (two constraint lines of a rendered instruction are separate items).
 *
 * <p>Each line is folded ({@link Tokens#fold}: NFKC, lower case), a leading list marker ({@code
 * "3."}, {@code "3)"}, {@code "3、"}) is dropped, and the rest is cut into {@link Tokens#tokens}:
 * words (maximal runs of letters and digits outside the CJK scripts) and single CJK characters;
 * everything else separates tokens. Maximal runs of words give {@code wordN}-word n-grams; maximal
 * runs of CJK characters give {@code charN}-character n-grams (a CJK run is broken only by a word,
 * not by punctuation). Mixed text therefore yields both kinds, e.g. a Chinese passage quoted in an
 * English instruction.
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
      String norm = LIST_MARKER.matcher(Tokens.fold(line)).replaceFirst("");
      List<String> run = new ArrayList<>();
      boolean cjkRun = false;
      for (Tokens.Token token : Tokens.tokens(norm)) {
        if (!run.isEmpty() && token.cjk() != cjkRun) {
          flush(out, run, cjkRun);
        }
        run.add(token.text());
        cjkRun = token.cjk();
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

  private void flush(Map<String, Long> out, List<String> run, boolean cjk) {
    int n = cjk ? charN : wordN;
    for (int i = 0; i + n <= run.size(); i++) {
      String gram = String.join(cjk ? "" : " ", run.subList(i, i + n));
      out.computeIfAbsent(gram, g -> HASH.hashString((cjk ? "c:" : "w:") + g, StandardCharsets.UTF_8).asLong());
    }
    run.clear();
  }
}
