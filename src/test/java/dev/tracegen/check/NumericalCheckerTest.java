package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Constraint;
import org.junit.jupiter.api.Test;

class NumericalCheckerTest {
  private final Checker checker = new NumericalChecker();

  private static String words(int n) {
    return "word ".repeat(n).strip();
  }

  @Test
  void wordsWithinRange() {
    CheckResult result =
        checker.check(constraint("numerical", "metric", "words", "min", 3, "max", 5), words(4));
    assertTrue(result.pass());
    assertEquals("4 words, needs 3-5", result.reason());
  }

  @Test
  void rangeIsInclusive() {
    assertTrue(
        checker
            .check(constraint("numerical", "metric", "words", "min", 3, "max", 5), words(3))
            .pass());
    assertTrue(
        checker
            .check(constraint("numerical", "metric", "words", "min", 3, "max", 5), words(5))
            .pass());
    CheckResult tooLong =
        checker.check(constraint("numerical", "metric", "words", "min", 3, "max", 5), words(6));
    assertFalse(tooLong.pass());
    assertEquals("6 words, needs 3-5", tooLong.reason());
    assertFalse(
        checker
            .check(constraint("numerical", "metric", "words", "min", 3, "max", 5), words(2))
            .pass());
  }

  @Test
  void openEnded() {
    CheckResult atLeast =
        checker.check(constraint("numerical", "metric", "sentences", "min", 2), "One. Two.");
    assertTrue(atLeast.pass());
    assertEquals("2 sentences, needs at least 2", atLeast.reason());
    CheckResult atMost =
        checker.check(constraint("numerical", "metric", "sentences", "max", 1), "One. Two.");
    assertFalse(atMost.pass());
    assertEquals("2 sentences, needs at most 1", atMost.reason());
  }

  @Test
  void closingSentencesInOtherScriptsAreCounted() {
    String eight = "One. Two. Three. Four. Five. Six. Seven. Eight.";
    CheckResult result =
        checker.check(
            constraint("numerical", "metric", "sentences", "max", 8),
            eight + " यह एक संक्षिप्त सारांश है।");
    assertFalse(result.pass());
    assertEquals("9 sentences, needs at most 8", result.reason());
    assertFalse(
        checker
            .check(
                constraint("numerical", "metric", "sentences", "max", 8), eight + " هذا ملخص قصير؟")
            .pass());
    assertTrue(
        checker
            .check(
                constraint("numerical", "metric", "sentences", "max", 9),
                eight + " 这是一个简短的总结。")
            .pass());
  }

  @Test
  void paramsMayBeStrings() {
    assertTrue(
        checker
            .check(constraint("numerical", "metric", "words", "min", "2", "max", " 2 "), "a b")
            .pass());
  }

  @Test
  void paragraphsExactly() {
    CheckResult result =
        checker.check(
            constraint("numerical", "metric", "paragraphs", "min", 2, "max", 2),
            "# Title\n\nFirst paragraph.\n\n- a list\n\nSecond paragraph.");
    assertTrue(result.pass(), result.reason());
    assertEquals("2 paragraphs, needs exactly 2", result.reason());
  }

  @Test
  void itemsCountBothKindsButNotTableSeparators() {
    String response = "| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two\n- three";
    assertTrue(
        checker
            .check(constraint("numerical", "metric", "items", "min", 3, "max", 3), response)
            .pass());
  }

  @Test
  void measuresTheJsonProjection() {
    String json = "{\"answer\": \"one two three\", \"note\": \"four\"}";
    assertTrue(
        checker.check(constraint("numerical", "metric", "words", "min", 4, "max", 4), json).pass());
  }

  @Test
  void measuresTheHtmlProjection() {
    String html = "<html><body><ul><li>a</li><li>b</li></ul><p>Text.</p></body></html>";
    assertTrue(
        checker.check(constraint("numerical", "metric", "items", "min", 2, "max", 2), html).pass());
    assertTrue(
        checker
            .check(constraint("numerical", "metric", "paragraphs", "min", 1, "max", 1), html)
            .pass());
  }

  @Test
  void failsClosedOnBadParams() {
    assertFails(constraint("numerical", "min", 1), "missing param 'metric'");
    assertFails(constraint("numerical", "metric", "words"), "missing param 'min' or 'max'");
    assertFails(constraint("numerical", "metric", "letters", "min", 1), "param 'metric' must be");
    assertFails(
        constraint("numerical", "metric", "words", "min", "many"),
        "param 'min' must be a non-negative integer");
    assertFails(
        constraint("numerical", "metric", "words", "min", -1),
        "param 'min' must be a non-negative integer");
    assertFails(
        constraint("numerical", "metric", "words", "min", 2.5),
        "param 'min' must be a non-negative integer");
    assertFails(
        constraint("numerical", "metric", "words", "min", 5, "max", 3),
        "param 'min' 5 exceeds 'max' 3");
  }

  @Test
  void failsClosedOnMissingResponse() {
    CheckResult result = checker.check(constraint("numerical", "metric", "words", "max", 10), null);
    assertFalse(result.pass());
    assertEquals("no response", result.reason());
  }

  private void assertFails(Constraint constraint, String reasonStart) {
    CheckResult result = checker.check(constraint, "some words here.");
    assertFalse(result.pass());
    assertTrue(result.reason().startsWith(reasonStart), result.reason());
  }
}
