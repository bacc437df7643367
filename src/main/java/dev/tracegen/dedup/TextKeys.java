package dev.tracegen.dedup;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normalised text and its hash: what "the same instruction" means for exact dedup. */
public final class TextKeys {
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private TextKeys() {}

  /** NFKC, lower case, punctuation and runs of whitespace collapsed to one space. */
  public static String normalise(String text) {
    String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return NON_WORD.matcher(n).replaceAll(" ").strip();
  }

  public static String exactKey(String text) {
    return Hashing.sha256().hashString(normalise(text), StandardCharsets.UTF_8).toString();
  }
}
