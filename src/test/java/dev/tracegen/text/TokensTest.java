package dev.tracegen.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.decontaminate.NGrams;
import dev.tracegen.dedup.Shingles;
import dev.tracegen.dedup.TextKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {
  private final Shingles shingles = new Shingles(3, 5);
  private final NGrams ngrams = new NGrams(3, 5);

  /** Tokens as {@code "w:word"} or {@code "c:字"}. */
  private static List<String> tokens(String text) {
    return Tokens.tokens(Tokens.fold(text)).stream().map(t -> (t.cjk() ? "c:" : "w:") + t.text()).toList();
  }

  private static List<String> windows(String text, int n) {
    List<Tokens.Token> tokens = Tokens.tokens(Tokens.fold(text));
    List<String> out = new ArrayList<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      List<String> window = tokens.subList(i, i + n).stream().map(Tokens.Token::text).toList();
      out.add(String.join(tokens.get(i).cjk() ? "" : " ", window));
    }
    return out;
  }

  @Test
  void foldingIsNfkcThenLowerCase() {
    assertEquals("write,poem12 fi xii", Tokens.fold("Ｗｒｉｔｅ，ＰＯＥＭ１２\u3000ﬁ Ⅻ"));
    assertEquals("カタカナ", Tokens.fold("ｶﾀｶﾅ"));
  }

  @Test
  void englishIsWordsOfLettersAndDigitsWhateverTheCaseAndPunctuation() {
    assertEquals(List.of("w:write", "w:a", "w:short", "w:poem", "w:about", "w:rain", "w:in", "w:3", "w:lines"),
        tokens("Write a SHORT poem -- about \"rain\", in 3 lines!"));
    assertEquals(List.of("w:don", "w:t", "w:e", "w:mail"), tokens("Don't e-mail"));
  }

  @Test
  void cjkIsOneTokenPerCharacterAndPunctuationIsDropped() {
    assertEquals(List.of("c:为", "c:一", "c:首", "c:歌", "c:曲", "c:写", "c:一", "c:个"), tokens("为一首歌曲，写一个。"));
    assertEquals(List.of("c:ひ", "c:ら", "c:カ", "c:タ"), tokens("ひら「カタ」"));
    assertEquals(List.of("w:안녕하세요", "w:세계"), tokens("안녕하세요, 세계"), "Hangul is a word script");
  }

  @Test
  void mixedChineseAndEnglishSplitsCjkCharactersFromWords() {
    assertEquals(List.of("c:用", "w:python", "c:写", "c:一", "c:个", "c:函", "c:数"), tokens("用Python写一个函数"));
  }

  @Test
  void fullWidthFormsAreTheirPlainForms() {
    assertEquals(tokens("GPT-4 write a poem"), tokens("ＧＰＴ－４\u3000ＷＲＩＴＥ　ａ　ＰＯＥＭ"));
    assertEquals(List.of("w:gpt", "w:4", "c:で", "c:詩", "c:カ", "c:ナ"), tokens("ＧＰＴ－４で詩（ｶﾅ）"));
  }

  @Test
  void cjkShareCountsLettersAndDigitsOnly() {
    assertEquals(0.0, Tokens.cjkShare("... !"));
    assertEquals(0.5, Tokens.cjkShare("ab，写诗"));
    assertTrue(Tokens.isWordChar('7') && Tokens.isWordChar('é') && !Tokens.isWordChar('-'));
  }

  @Test
  void shinglesAndNGramsSeeTheSameTokensInOneScript() {
    String english = "Write a SHORT poem, about the rain in SPRING!";
    assertEquals(windows(english, 3), shingles.shingles(english));
    assertEquals(windows(english, 3), List.copyOf(ngrams.grams(english).keySet()));

    String fullWidth = "ＷＲＩＴＥ　Ａ　ＳＨＯＲＴ　ＰＯＥＭ，ＡＢＯＵＴ　ＲＡＩＮ";
    assertEquals(shingles.shingles("write a short poem about rain"), shingles.shingles(fullWidth));
    assertEquals(windows(fullWidth, 3), List.copyOf(ngrams.grams(fullWidth).keySet()));

    String chinese = "为一首歌曲，写一个简短的描述。";
    assertEquals(windows(chinese, 5), shingles.shingles(chinese));
    assertEquals(windows(chinese, 5), List.copyOf(ngrams.grams(chinese).keySet()));
  }

  @Test
  void mixedScriptsAndLetterLikeNumbersAreWhereDedupStillDiffers() {
    // Character shingles take Latin letters as characters; n-grams keep "python" a word that breaks the CJK run.
    String code = "用Python写一个简短的函数";
    assertTrue(shingles.shingles(code).contains("thon写"));
    assertEquals(List.of("写一个简短", "一个简短的", "个简短的函", "简短的函数"), List.copyOf(ngrams.grams(code).keySet()));
    // Word shingles keep CJK characters next to each other in one word.
    assertEquals(List.of("translate 你好 into", "你好 into english"), shingles.shingles("Translate 你好 into English"));
    assertTrue(ngrams.grams("Translate 你好 into English").isEmpty());
    // 〇 is a number but not a digit: dedup's normalised text keeps it, tokens skip it.
    assertEquals("二〇二四年", TextKeys.normalise("二〇二四年"));
    assertEquals(List.of("c:二", "c:二", "c:四", "c:年"), tokens("二〇二四年"));
    assertFalse(Tokens.isWordChar('〇'));
    // The Katakana middle dot lies in the Katakana block: a CJK token, where dedup drops it.
    assertEquals(List.of("c:ジ", "c:ョ", "c:ン", "c:・", "c:ス", "c:ミ", "c:ス"), tokens("ジョン・スミス"));
    assertEquals("ジョン スミス", TextKeys.normalise("ジョン・スミス"));
  }
}
