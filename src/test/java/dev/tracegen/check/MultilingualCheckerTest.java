package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MultilingualCheckerTest {
  private final Checker checker = new MultilingualChecker();

  @Test
  void passesWithTheScript() {
    CheckResult result =
        checker.check(
            constraint("multilingual", "language", "Chinese", "script", "han"), "Thanks. 谢谢你。");
    assertTrue(result.pass());
    assertEquals("3 han characters, needs at least 2", result.reason());
    assertTrue(
        checker
            .check(constraint("multilingual", "script", "cyrillic"), "Bye. До свидания.")
            .pass());
    assertTrue(checker.check(constraint("multilingual", "script", "hangul"), "감사합니다").pass());
    assertTrue(checker.check(constraint("multilingual", "script", "devanagari"), "धन्यवाद").pass());
  }

  @Test
  void failsWithoutEnoughOfTheScript() {
    assertFalse(
        checker.check(constraint("multilingual", "script", "greek"), "Only English here.").pass());
    assertFalse(
        checker.check(constraint("multilingual", "script", "greek"), "The letter π alone.").pass());
    assertFalse(checker.check(constraint("multilingual", "script", "han"), "こんにちは").pass());
  }

  @Test
  void readsEscapedJson() {
    assertTrue(
        checker
            .check(
                constraint("multilingual", "script", "arabic"),
                "{\"t\": \"\\u0634\\u0643\\u0631\\u0627\"}")
            .pass());
  }

  @Test
  void failsClosedOnBadParams() {
    assertEquals(
        "missing param 'script'",
        checker.check(constraint("multilingual", "language", "Chinese"), "谢谢").reason());
    CheckResult unknown = checker.check(constraint("multilingual", "script", "elvish"), "text");
    assertFalse(unknown.pass());
    assertTrue(unknown.reason().contains("'elvish'"), unknown.reason());
  }
}
