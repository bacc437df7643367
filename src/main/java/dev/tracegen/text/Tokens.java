package dev.tracegen.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How dedup (exact keys and near-duplicate shingles) and decontamination (n-grams) read text, so
 * that "the same words" means the same to both. scripts/check-corpus.py re-implements these rules
 * independently and must follow them.
 *
 * <p>Shared:
 *
 * <ul>
 *   <li>{@link #fold}: NFKC, then lower case in the root locale. NFKC turns full-width and other
 *       compatibility forms ({@code ＡＢＣ１２３}, {@code ，}, {@code ①}, half-width Katakana) into
 *       their plain forms, so they compare equal to them.
 *   <li>{@link #isCjk}: Han, Hiragana and Katakana, the scripts written without spaces between
 *       words, so each of their characters is a token of its own. Hangul is written with spaces and
 *       is a word script. The ranges are explicit so that an independent checker can use them.
 *   <li>{@link #isWordChar}: tokens are made of letters and decimal digits; punctuation, symbols and
 *       whitespace only separate them.
 *   <li>{@link #cjkShare}: the share of CJK among those characters.
 * </ul>
 *
 * <p>{@link #tokens} applies them: words (runs of word characters outside CJK) and single CJK
 * characters. For text in word scripts only, or in CJK only, word shingles and word n-grams, or
 * character shingles and character n-grams, are windows over this same sequence.
 *
 * <p>Different on purpose:
 *
 * <ul>
 *   <li>Length: shingles are 3 words or 5 characters by default, because they measure how much of
 *       two whole instructions is the same; n-grams are 13 words or 26 characters, because sharing
 *       one with an eval text must mean copied text, not common phrasing.
 *   <li>Scope: n-grams are cut line by line after dropping a leading list marker, so that none spans
 *       two constraint lines; shingles run over the whole rendered instruction.
 *   <li>Kind: all shingles of a text are of one kind, characters when at least half its word
 *       characters are CJK and words otherwise, so that two texts are compared as one set; n-grams
 *       follow each run of tokens of one kind (a CJK run is broken by a word, not by punctuation), so
 *       that a Chinese passage quoted in English text is still found.
 *   <li>Short texts: a text shorter than one shingle is a single shingle, so short near-identical
 *       instructions still meet; a text shorter than an n-gram has none, too little to show copying.
 * </ul>
 *
 * <p>Different only because aligning them would change dedup or decontamination decisions, and with
 * them the corpus; kept as they were:
 *
 * <ul>
 *   <li>Dedup's normalised text ({@code TextKeys.normalise}) keeps every Unicode number, also the
 *       letter-like ones NFKC leaves alone, such as {@code 〇} in {@code 二〇二四}; tokens keep
 *       decimal digits only and treat those as separators.
 *   <li>Dedup's words are runs of letters and numbers in any script: word shingles keep CJK
 *       characters inside the word they are part of ({@code 你好} is one word), and character
 *       shingles take every letter and number as a character, Latin ones included. Tokens always
 *       split CJK characters from words and from each other.
 *   <li>{@link #isCjk} takes whole Unicode blocks, so the few marks in them (the Katakana middle
 *       dot {@code ・}, U+30A0 and the combining sound marks) are CJK tokens; dedup's normalised
 *       text drops them with the other punctuation.
 * </ul>
 */
public final class Tokens {
  private Tokens() {}

  /** A word or a single CJK character. */
  public record Token(String text, boolean cjk) {}

  /** NFKC, then lower case (root locale). */
  public static String fold(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

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

  /** Letters and decimal digits, the characters tokens are made of. */
  public static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp);
  }

  /** Share of CJK code points among the word characters of {@code text} (0 when it has none). */
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

  /** The tokens of {@link #fold folded} text in order: words outside CJK and single CJK characters. */
  public static List<Token> tokens(String folded) {
    List<Token> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        endWord(out, word);
        out.add(new Token(new String(Character.toChars(cp)), true));
      } else if (isWordChar(cp)) {
        word.appendCodePoint(cp);
      } else {
        endWord(out, word);
      }
    }
    endWord(out, word);
    return out;
  }

  private static void endWord(List<Token> out, StringBuilder word) {
    if (word.length() > 0) {
      out.add(new Token(word.toString(), false));
      word.setLength(0);
    }
  }
}
