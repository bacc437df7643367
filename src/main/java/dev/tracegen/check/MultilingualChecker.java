package dev.tracegen.check;

import dev.tracegen.check.TextMetrics.LastBlock;
import dev.tracegen.model.Params;
import java.lang.Character.UnicodeScript;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code multilingual}: "Add one closing sentence written in {language}". The {@code script} param
 * names what can be checked: one of the non-Latin {@link Script}s (the instructions are written in
 * English, so a Latin "other language" could not be told apart from the rest of the answer). The
 * response passes when:
 *
 * <ul>
 *   <li>its last sentence of prose is written in that script: it ends with a sentence mark, has at
 *       least {@value #MIN_WORDS} words and {@value #MIN_LETTERS} letters of the script, and at
 *       least three quarters of its letters are in the script (a name in Latin letters may stay).
 *       In Han and kana, where each character is a word, a run of Latin letters counts as one
 *       letter, so product names in a Chinese sentence ("我们用iPhone和MacBook拍摄。") do not
 *       outweigh it;
 *   <li>nothing but a trailing reference list comes after it (the citation constraint asks for
 *       that list at the end; see {@link TextMetrics#lastBlock}): no list, heading or more prose;
 *   <li>it is one sentence: the sentence before it is not also written in the script.
 * </ul>
 *
 * The {@code language} param only names the language for the reader.
 */
public final class MultilingualChecker extends FailClosedChecker<MultilingualChecker.Script> {
  /** Two characters of a script are a word or a name, not a sentence. */
  static final int MIN_LETTERS = 4;

  static final int MIN_WORDS = 2;

  /**
   * The scripts a closing sentence may be asked in; each is checked by its own letters, and
   * Japanese kana also accept the kanji written with them.
   */
  enum Script {
    HAN(UnicodeScript.HAN),
    HIRAGANA(UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA, UnicodeScript.HAN),
    KATAKANA(UnicodeScript.KATAKANA, UnicodeScript.HIRAGANA, UnicodeScript.HAN),
    HANGUL(UnicodeScript.HANGUL),
    CYRILLIC(UnicodeScript.CYRILLIC),
    GREEK(UnicodeScript.GREEK),
    ARABIC(UnicodeScript.ARABIC),
    HEBREW(UnicodeScript.HEBREW),
    DEVANAGARI(UnicodeScript.DEVANAGARI),
    BENGALI(UnicodeScript.BENGALI),
    ETHIOPIC(UnicodeScript.ETHIOPIC),
    ARMENIAN(UnicodeScript.ARMENIAN),
    GEORGIAN(UnicodeScript.GEORGIAN);

    /** The script itself, whose letters must be there. */
    private final UnicodeScript own;

    /** Letters of these scripts count as written in this one. */
    private final Set<UnicodeScript> family;

    Script(UnicodeScript own, UnicodeScript... alsoWith) {
      this.own = own;
      this.family = EnumSet.of(own, alsoWith);
    }

    /** The param value, as the Unicode script name in lower case. */
    String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static final String ALLOWED =
        Arrays.stream(values()).map(Script::id).collect(Collectors.joining(", "));
  }

  @Override
  public String id() {
    return "multilingual";
  }

  @Override
  Script params(Params params) {
    String script = text(params, "script");
    for (Script s : Script.values()) {
      if (s.id().equalsIgnoreCase(script)) {
        return s;
      }
    }
    throw unknown("script", script, "a non-Latin script, one of " + Script.ALLOWED);
  }

  @Override
  CheckResult verify(Script script, String response) {
    String plain = TextMetrics.plainText(response);
    LastBlock block = TextMetrics.lastBlock(plain);
    if (block.problem() != null) {
      return verdict(false, "ends with " + block.problem() + ", not a closing sentence");
    }
    // The last three sentence ends up to the end of the block: the closing sentence and the one
    // before it.
    int last = -1;
    int second = -1;
    int third = -1;
    for (int i = 0; (i = TextMetrics.nextSentenceEnd(plain, i, block.end())) >= 0; ) {
      third = second;
      second = last;
      last = i;
    }
    if (last < block.start()) {
      return verdict(false, "the last prose has no sentence end mark");
    }
    if (count(plain, last, block.end(), script).all() > 0) {
      return verdict(false, "the last sentence has no end mark");
    }
    int start = Math.max(block.start(), second);
    Letters closing = count(plain, start, last, script);
    int words = TextMetrics.words(plain.substring(start, last));
    String what = closing.own + " of " + closing.all + " letters " + script.id() + ", " + words
        + " words";
    if (closing.own < MIN_LETTERS || words < MIN_WORDS || !closing.mostly()) {
      return verdict(false, "the closing sentence is not written in " + script.id() + " (" + what
          + ")");
    }
    Letters previous = count(plain, Math.max(third, 0), Math.max(second, 0), script);
    if (previous.own >= MIN_LETTERS && previous.mostly()) {
      return verdict(false, "more than one closing sentence in " + script.id());
    }
    return verdict(true, "closes with one sentence in " + script.id() + " (" + what + ")");
  }

  /**
   * Letters in {@code [s, e)} of a particular script: all of them, and those of the script's family
   * and of the script itself.
   */
  private record Letters(int all, int family, int own) {
    /** At least three quarters of the letters belong to the script. */
    boolean mostly() {
      return all > 0 && family * 4 >= all * 3;
    }
  }

  private static Letters count(String text, int s, int e, Script script) {
    int all = 0;
    int family = 0;
    int own = 0;
    boolean inLatinWord = false;
    boolean wordPerCharacter = script.family.contains(UnicodeScript.HAN);
    for (int i = s; i < e; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      UnicodeScript of = Character.isLetter(cp) ? UnicodeScript.of(cp) : UnicodeScript.COMMON;
      // Shared letters (the kana length mark) belong to no language.
      if (of != UnicodeScript.COMMON && of != UnicodeScript.INHERITED) {
        // Only Latin: kana next to kanji are Japanese, not names, and keep their full weight.
        boolean latin = of == UnicodeScript.LATIN;
        if (!(latin && inLatinWord && wordPerCharacter)) {
          all++;
        }
        inLatinWord = latin;
        if (script.family.contains(of)) {
          family++;
        }
        if (of == script.own) {
          own++;
        }
      } else {
        inLatinWord = false;
      }
    }
    return new Letters(all, family, own);
  }
}
