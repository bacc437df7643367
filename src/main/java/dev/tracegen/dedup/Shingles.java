package dev.tracegen.dedup;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.tracegen.text.Tokens;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shingle set of a text for near-duplicate detection, as sorted distinct 64-bit hashes.
 *
 * <p>The text is normalised first ({@link TextKeys#normalise}: NFKC, lower case, runs of anything
 * but letters and numbers become one space). When at least {@link #CJK_SHARE} of its letters and
 * digits are CJK ({@link Tokens#cjkShare}), the shingles are the runs of {@code charSize}
 * consecutive characters (spaces dropped); otherwise they are runs of {@code wordSize} consecutive
 * words. A text shorter than one shingle has its whole normalised content as its single shingle,
 * and an empty text has none. {@link Tokens} says which of these rules n-grams share and why the
 * others differ.
 */
public final class Shingles implements Serializable {
  private static final long serialVersionUID = 1L;
  /** From this share of CJK letters on, a text is shingled by characters. */
  public static final double CJK_SHARE = 0.5;
  private static final HashFunction HASH = Hashing.murmur3_128(0x5eed);

  private final int wordSize;
  private final int charSize;

  public Shingles(int wordSize, int charSize) {
    if (wordSize < 1 || charSize < 1) {
      throw new IllegalArgumentException("shingle sizes must be at least 1 (words " + wordSize + ", chars " + charSize + ")");
    }
    this.wordSize = wordSize;
    this.charSize = charSize;
  }

  public int wordSize() {
    return wordSize;
  }

  public int charSize() {
    return charSize;
  }

  /** The shingles as text (for tests and explanations). */
  public List<String> shingles(String text) {
    String norm = TextKeys.normalise(text);
    List<String> out = new ArrayList<>();
    if (norm.isEmpty()) {
      return out;
    }
    if (Tokens.cjkShare(norm) >= CJK_SHARE) {
      int[] cps = norm.replace(" ", "").codePoints().toArray();
      if (cps.length <= charSize) {
        out.add(new String(cps, 0, cps.length));
      } else {
        for (int i = 0; i + charSize <= cps.length; i++) {
          out.add(new String(cps, i, charSize));
        }
      }
    } else {
      String[] words = norm.split(" ");
      if (words.length <= wordSize) {
        out.add(String.join(" ", words));
      } else {
        for (int i = 0; i + wordSize <= words.length; i++) {
          out.add(String.join(" ", Arrays.asList(words).subList(i, i + wordSize)));
        }
      }
    }
    return out;
  }

  /** Sorted distinct hashes of {@link #shingles}. */
  public long[] hashes(String text) {
    List<String> s = shingles(text);
    long[] h = new long[s.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = HASH.hashString(s.get(i), StandardCharsets.UTF_8).asLong();
    }
    Arrays.sort(h);
    return distinct(h);
  }

  static long[] distinct(long[] sorted) {
    if (sorted.length < 2) {
      return sorted;
    }
    int n = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  /** Exact Jaccard similarity of two sorted distinct sets; two empty sets are identical (1.0). */
  public static double jaccard(int[] a, int[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1.0;
    }
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) common / (a.length + b.length - common);
  }

  /** Jaccard similarity of two shingle-hash sets as dedup compares them: of their 32-bit folds. */
  public static double jaccard(long[] a, long[] b) {
    return jaccard(Fingerprint.fold(a), Fingerprint.fold(b));
  }
}
