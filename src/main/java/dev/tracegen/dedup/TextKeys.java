package dev.tracegen.dedup;

import com.google.common.hash.Hashing;
import dev.tracegen.text.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Normalised text and its hash: what "the same instruction" means for exact dedup. */
public final class TextKeys {
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private TextKeys() {}

  /**
   * {@link Tokens#fold Folded} (NFKC, lower case), every run of characters other than letters and
   * numbers collapsed to one space. Numbers of every kind are kept, where {@link Tokens#isWordChar}
   * keeps decimal digits only: changing either would move dedup or decontamination decisions.
   */
  public static String normalise(String text) {
    return NON_WORD.matcher(Tokens.fold(text)).replaceAll(" ").strip();
  }

  public static String exactKey(String text) {
    return Hashing.sha256().hashString(normalise(text), StandardCharsets.UTF_8).toString();
  }
}
