package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Constraint;
import dev.tracegen.model.Params;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultilingualCheckerTest {
  private static final Constraint HAN = constraint("multilingual", "language", "Chinese", "script", "han");

  private final Checker checker = new MultilingualChecker();

  private CheckResult check(String script, String response) {
    return checker.check(constraint("multilingual", "script", script), response);
  }

  @Test
  void passesWithAClosingSentenceInTheScript() {
    CheckResult result = checker.check(HAN, "Sleep matters. Rest well.\n\n这是一个简短的总结。");
    assertTrue(result.pass(), result.reason());
    assertEquals("closes with one sentence in han (9 of 9 letters han, 9 words)", result.reason());
    assertTrue(check("cyrillic", "Bye for now. До свидания, друзья.").pass());
    assertTrue(check("hangul", "That is all. 이것은 짧은 요약입니다.").pass());
    assertTrue(check("devanagari", "That is all. यह एक संक्षिप्त सारांश है।").pass());
    assertTrue(check("greek", "That is all. Τι είναι αυτό;").pass(), "Greek question mark");
    assertTrue(check("hiragana", "Done. 東京はとても大きいです。").pass(), "kana with kanji");
    assertTrue(check("han", "Done. 我们应该谨慎使用AI工具。").pass(), "a Latin name may stay");
  }

  @Test
  void aTrailingReferenceListMayFollow() {
    String response = "A claim [1].\n\n这是一个简短的总结。\n\nReferences:\n[1] Walker, 2017.\n";
    assertTrue(checker.check(HAN, response).pass());
    assertTrue(checker.check(HAN, "A claim.\n\n这是一个简短的总结。\n\n## Sources\n- Walker").pass());
  }

  @Test
  void nothingElseMayComeAfterIt() {
    assertEquals(
        "ends with a list item, not a closing sentence",
        checker.check(HAN, "Intro. 这是一个简短的总结。\n\n- one\n- two").reason());
    assertFalse(checker.check(HAN, "这是一个简短的总结。\n\nAnd one more English sentence.").pass());
    assertFalse(checker.check(HAN, "Intro. 这是一个简短的总结。 And more English.").pass());
    assertFalse(checker.check(HAN, "这是一个简短的总结。\n\n## Next").pass());
    assertEquals(
        "the last sentence has no end mark",
        checker.check(HAN, "这是一个简短的总结。 And then some").reason());
  }

  @Test
  void twoStrayCharactersAreNotASentence() {
    assertFalse(checker.check(HAN, "The word 谢谢 means thanks.").pass());
    assertFalse(checker.check(HAN, "Thanks. 谢谢。").pass(), "too short to be a sentence");
    assertFalse(check("greek", "Only English here.").pass());
    assertFalse(check("greek", "The letter π is a constant.").pass());
    assertFalse(check("han", "Done. こんにちは、元気ですか。").pass(), "Japanese is not Chinese");
    assertFalse(check("hangul", "Done. 감사합니다.").pass(), "one word");
  }

  @Test
  void exactlyOneSentence() {
    CheckResult two = checker.check(HAN, "Intro.\n\n这是第一句话。这是第二句话。");
    assertFalse(two.pass());
    assertEquals("more than one closing sentence in han", two.reason());
    assertFalse(checker.check(HAN, "Intro.\n\n这是第一句话。\n\n这是第二句话。").pass());
  }

  @Test
  void readsJsonHtmlAndTables() {
    assertTrue(
        check("arabic", "{\"answer\": \"Done.\", \"closing\": \"\\u0647\\u0630\\u0627 \\u0645\\u0644\\u062e\\u0635 \\u0642\\u0635\\u064a\\u0631.\"}")
            .pass());
    assertTrue(
        checker.check(HAN, "<html><body><p>Done.</p><p>这是一个简短的总结。</p></body></html>").pass());
    assertTrue(
        checker.check(HAN, "| # | Point |\n|---|---|\n| 1 | Done. |\n| 2 | 这是一个简短的总结。 |").pass());
    assertFalse(
        checker.check(HAN, "| # | Point |\n|---|---|\n| 1 | 这是一个简短的总结。 |\n| 2 | Done. |").pass());
  }

  @Test
  void latinAndUnknownScriptsAreParamProblems() {
    assertEquals(
        List.of(
            "param 'script' must be a non-Latin script, one of han, hiragana, katakana, hangul,"
                + " cyrillic, greek, arabic, hebrew, devanagari, bengali, ethiopic, armenian,"
                + " georgian, got 'latin'"),
        checker.paramProblems(Params.of("language", "English", "script", "latin")));
    assertFalse(check("latin", "Any English answer. This is a short summary.").pass());
    assertFalse(checker.paramProblems(Params.of("script", "common")).isEmpty());
    assertFalse(checker.paramProblems(Params.of("script", "elvish")).isEmpty());
    assertEquals(List.of(), checker.paramProblems(Params.of("script", "han")));
  }

  @Test
  void failsClosedOnBadParams() {
    assertEquals(
        "missing param 'script'",
        checker.check(constraint("multilingual", "language", "Chinese"), "谢谢").reason());
    CheckResult unknown = check("elvish", "text");
    assertFalse(unknown.pass());
    assertTrue(unknown.reason().contains("'elvish'"), unknown.reason());
  }
}
