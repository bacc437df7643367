package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextPatternCheckerTest {
  private final Checker checker = new TextPatternChecker();

  @Test
  void boldKeyword() {
    assertTrue(
        checker
            .check(
                constraint("text_pattern", "pattern", "bold_keyword", "keyword", "key takeaway"),
                "The **Key takeaway:** rest.")
            .pass());
    assertTrue(
        checker
            .check(
                constraint("text_pattern", "pattern", "bold_keyword", "keyword", "next step"),
                "Then __next steps__ follow.")
            .pass());
    CheckResult notBold =
        checker.check(
            constraint("text_pattern", "pattern", "bold_keyword", "keyword", "bottom line"),
            "The bottom line is **elsewhere**.");
    assertFalse(notBold.pass());
    assertEquals("no bold span mentions 'bottom line' (1 bold spans)", notBold.reason());
  }

  @Test
  void boldKeywordInHtml() {
    String html = "<html><body><p>The <strong>bottom line</strong> is clear.</p></body></html>";
    assertTrue(
        checker
            .check(
                constraint("text_pattern", "pattern", "bold_keyword", "keyword", "bottom line"),
                html)
            .pass());
    assertTrue(
        checker
            .check(
                constraint("text_pattern", "pattern", "bold_keyword", "keyword", "next step"),
                "<p>The <b>next step</b>.</p>")
            .pass());
  }

  @Test
  void noBold() {
    assertTrue(
        checker
            .check(constraint("text_pattern", "pattern", "no_bold"), "Plain *italic* text, 2 * 3.")
            .pass());
    CheckResult bold =
        checker.check(
            constraint("text_pattern", "pattern", "no_bold"), "Some **bold** and <b>more</b>.");
    assertFalse(bold.pass());
    assertEquals("2 bold spans, needs none", bold.reason());
  }

  @Test
  void emoji() {
    assertTrue(
        checker
            .check(constraint("text_pattern", "pattern", "emoji_min", "count", 2), "Go 🚀 team 🎉")
            .pass());
    CheckResult few =
        checker.check(
            constraint("text_pattern", "pattern", "emoji_min", "count", 3), "Go 🚀 team 🎉");
    assertFalse(few.pass());
    assertEquals("2 emoji, needs at least 3", few.reason());
    assertTrue(
        checker.check(constraint("text_pattern", "pattern", "no_emoji"), "No emoji :)").pass());
    assertFalse(checker.check(constraint("text_pattern", "pattern", "no_emoji"), "Sunny ☀").pass());
    assertTrue(
        checker
            .check(
                constraint("text_pattern", "pattern", "emoji_min", "count", 1),
                "{\"t\": \"\\ud83d\\ude80\"}")
            .pass());
  }

  @Test
  void failsClosedOnBadParams() {
    assertEquals(
        "missing param 'pattern'", checker.check(constraint("text_pattern"), "x").reason());
    assertEquals(
        "missing param 'keyword'",
        checker.check(constraint("text_pattern", "pattern", "bold_keyword"), "**x**").reason());
    assertEquals(
        "missing param 'count'",
        checker.check(constraint("text_pattern", "pattern", "emoji_min"), "🚀🚀").reason());
    assertFalse(checker.check(constraint("text_pattern", "pattern", "italic"), "x").pass());
  }
}
