package dev.tracegen.dedup;

/**
 * Which characters belong to scripts written without spaces between words (Han, Hiragana,
 * Katakana; "CJK" here). Their text is compared by character n-grams, everything else by words.
 * Hangul is written with spaces and counts as a word script. The ranges are listed explicitly so
 * that an independent checker can use the same definition.
 */
public final class Scripts {
  private Scripts() {}

  /** True for a Han, Hiragana or Katakana code point (including CJK extensions and compatibility ideographs). */
  public static boolean isCjk(int cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) // Hiragana, Katakana
        || (cp >= 0x31F0 && cp <= 0x31FF) // Katakana phonetic extensions
        || (cp >= 0x3400 && cp <= 0x4DBF) // CJK extension A
        || (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified ideographs
        || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility ideographs
        || (cp >= 0xFF66 && cp <= 0xFF9F) // half-width Katakana
        || (cp >= 0x20000 && cp <= 0x3134F); // CJK extensions B-G
  }

  /** Letters or digits, the characters that make up words and character n-grams. */
  public static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp);
  }

  /** Share of CJK code points among the letters and digits of {@code text} (0 when it has none). */
  public static double cjkShare(String text) {
    int letters = 0;
    int cjk = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isWordChar(cp)) {
        letters++;
        if (isCjk(cp)) {
          cjk++;
        }
      }
    }
    return letters == 0 ? 0.0 : (double) cjk / letters;
  }
}
