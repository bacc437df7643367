package dev.tracegen.facts;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The languages a text is written in, told by script, for the dataset card's {@code language}
 * list. Latin script is reported as English: the prompts and seeds of a tracegen build are English
 * unless the user changed them, and script alone cannot tell Latin-script languages apart.
 */
final class RecordLanguages {
  /** Letters of one script a text needs before that script's language counts as present. */
  static final int MIN_LETTERS = 2;

  private static final Map<Character.UnicodeScript, String> BY_SCRIPT = new EnumMap<>(Character.UnicodeScript.class);

  static {
    BY_SCRIPT.put(Character.UnicodeScript.LATIN, "en");
    BY_SCRIPT.put(Character.UnicodeScript.HAN, "zh");
    BY_SCRIPT.put(Character.UnicodeScript.HIRAGANA, "ja");
    BY_SCRIPT.put(Character.UnicodeScript.KATAKANA, "ja");
    BY_SCRIPT.put(Character.UnicodeScript.HANGUL, "ko");
    BY_SCRIPT.put(Character.UnicodeScript.CYRILLIC, "ru");
    BY_SCRIPT.put(Character.UnicodeScript.ARABIC, "ar");
    BY_SCRIPT.put(Character.UnicodeScript.DEVANAGARI, "hi");
    BY_SCRIPT.put(Character.UnicodeScript.GREEK, "el");
    BY_SCRIPT.put(Character.UnicodeScript.HEBREW, "he");
    BY_SCRIPT.put(Character.UnicodeScript.THAI, "th");
  }

  private static final int LATIN = Character.UnicodeScript.LATIN.ordinal();

  private RecordLanguages() {}

  /** ISO 639-1 codes of the languages present in {@code texts}; kana makes Han Japanese unless Han letters outnumber kana three to one. */
  static TreeSet<String> of(String... texts) {
    // Counted per script in an array, ASCII letters without a script lookup: the statistics read
    // every record of the corpus through here, on one thread, after the pipeline.
    int[] byScript = new int[Character.UnicodeScript.values().length];
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        if (cp < 0x80) {
          int lower = cp | 0x20;
          if (lower >= 'a' && lower <= 'z') {
            byScript[LATIN]++;
          }
        } else if (Character.isLetter(cp)) {
          byScript[Character.UnicodeScript.of(cp).ordinal()]++;
        }
      }
    }
    Map<String, Integer> letters = new HashMap<>();
    BY_SCRIPT.forEach((script, lang) -> {
      if (byScript[script.ordinal()] > 0) {
        letters.merge(lang, byScript[script.ordinal()], Integer::sum);
      }
    });
    TreeSet<String> out = new TreeSet<>();
    letters.forEach((lang, n) -> {
      if (n >= MIN_LETTERS) {
        out.add(lang);
      }
    });
    // Japanese writes kanji (Han) among its kana; a Chinese text with a Japanese sentence has far
    // fewer kana than Han letters, and stays Chinese too.
    if (out.contains("ja") && letters.getOrDefault("ja", 0) * 3 >= letters.getOrDefault("zh", 0)) {
      out.remove("zh");
    }
    return out;
  }
}
