package dev.tracegen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How the embedded judge cuts an answer into words and tells copied sentences from its own. */
class AnswerTextTest {
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** The definition: split the lower-cased text on runs of non-letters and non-digits, then cut Han characters out. */
  private static List<String> byRegex(String text) {
    List<String> out = new ArrayList<>();
    for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
      StringBuilder run = new StringBuilder();
      for (int i = 0; i < w.length(); ) {
        int cp = w.codePointAt(i);
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
          if (run.length() > 0) {
            out.add(run.toString());
            run.setLength(0);
          }
          out.add(new String(Character.toChars(cp)));
        } else {
          run.appendCodePoint(cp);
        }
        i += Character.charCount(cp);
      }
      if (run.length() > 0) {
        out.add(run.toString());
      }
    }
    return out;
  }

  @Test
  void wordsAreWhatTheRegexDefinitionGives() {
    List<String> texts = new ArrayList<>(List.of(
        "", "   ", "Hello, World!", "ÉTÉ déjà-vu naïve café", "cafe\u0301 x", "Ⅻ chapters, ½ cup, ２０２４年",
        "为城市写一首诗，不少于200字", "mixed 中文 and English词语", "emoji 😀 end", "𠀀𠀁 rare han", "under_score snake_case",
        "İstanbul ΣΊΣΥΦΟΣ", "tab\tnew\nline", "x"));
    // Random strings from a pool of the kinds of characters answers have.
    String pool = "aZ09 ,.;!?-_'\"éÉßΣσ中文字词。，！？ーカナ😀\u0301Ⅻ２½\t\n";
    Random random = new Random(7);
    for (int t = 0; t < 2000; t++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(30);
      for (int i = 0; i < len; i++) {
        int at = random.nextInt(pool.codePointCount(0, pool.length()));
        b.appendCodePoint(pool.codePointAt(pool.offsetByCodePoints(0, at)));
      }
      texts.add(b.toString());
    }
    for (String text : texts) {
      assertEquals(byRegex(text), AnswerText.words(text), text);
    }
  }

  @Test
  void aSentenceSharingFiveWordsInARowWithTheInstructionIsACopy() {
    String instruction = "Write a short guide to keeping bees in a city garden for beginners.";
    AnswerText answer = AnswerText.read("Keeping bees in a city garden is possible. Start with one hive. "
        + "Bees in a city need water.", instruction, List.of());
    List<AnswerText.Segment> s = answer.segments();
    assertEquals(3, s.size());
    assertTrue(s.get(0).copied(), "five words in a row: keeping bees in a city");
    assertFalse(s.get(1).copied());
    assertFalse(s.get(2).copied(), "four words in a row are no copy: bees in a city");
  }

  @Test
  void requiredTextIsNotCopying() {
    String instruction = "End with the line: thank you for reading this guide today.";
    AnswerText answer = AnswerText.read("Thank you for reading this guide today.", instruction,
        List.of("thank you for reading this guide today"));
    assertFalse(answer.segments().get(0).copied(), "writing a line the instruction requires is not copying it");
    AnswerText without = AnswerText.read("Thank you for reading this guide today.", instruction, List.of());
    assertTrue(without.segments().get(0).copied());
  }

  @Test
  void hanRunsNeedTwiceAsManyCharacters() {
    String instruction = "介绍一下城市湿地公园的作用";
    assertFalse(AnswerText.read("城市湿地公园的作用很大。", instruction, List.of()).segments().get(0).copied(), "9 characters");
    assertTrue(AnswerText.read("一下城市湿地公园的作用很大。", instruction, List.of()).segments().get(0).copied(), "11 characters");
  }
}
