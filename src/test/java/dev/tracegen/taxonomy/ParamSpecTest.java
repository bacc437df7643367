package dev.tracegen.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule a param is held to against its constraint's sentence. */
class ParamSpecTest {
  static final ParamSpec MIN = new ParamSpec("min", ParamSpec.Kind.NUMBER, 1, 100, null, null, null);
  static final ParamSpec KEYWORD = new ParamSpec("keyword", ParamSpec.Kind.TEXT, 0, 0, null, null, null);
  static final ParamSpec PATTERN = new ParamSpec("pattern", ParamSpec.Kind.ENUM, 0, 0,
      List.of("bold_keyword", "no_bold"), Map.of("bold_keyword", List.of("bold"), "no_bold", List.of("bold")),
      Set.of("no_bold"));

  @Test
  void aNumberMustBeStatedAsDigitsOrAsAWord() {
    assertEquals(Optional.empty(), MIN.problem(12, "Write at least 12 complete sentences."));
    assertEquals(Optional.empty(), MIN.problem("12", "Write at least twelve complete sentences."));
    assertEquals(Optional.empty(), MIN.problem(25, "Use at least twenty-five words."));
    assertEquals(Optional.of("min = 10 but the constraint's text does not state 10"),
        MIN.problem(10, "Write at least 12 complete sentences."));
    // Part of a longer number or a decimal is not the number.
    assertTrue(MIN.problem(12, "Write at least 120 words.").isPresent());
    assertTrue(MIN.problem(20, "Between 120 and 200 words.").isPresent());
    assertTrue(MIN.problem(2, "Keep it to 2.5 pages.").isPresent());
    assertTrue(MIN.problem(1, "one-sided and someone").isPresent());
    // A citation mark is not a count: "at least 2 ... such as [1]" does not state 1.
    assertTrue(MIN.problem(1, "Support the answer with at least 2 numbered citations such as [1].").isPresent());
    assertEquals(Optional.empty(), MIN.problem(2, "Support the answer with at least 2 numbered citations such as [1]."));
  }

  @Test
  void aNumberMustBeWholeAndInRange() {
    assertEquals(Optional.of("min must be a whole number, got \"twelve\""), MIN.problem("twelve", "twelve"));
    assertEquals(Optional.of("min = 0 is outside the valid range 1-100"), MIN.problem(0, "0 sentences"));
    assertEquals(Optional.of("min = 500 is outside the valid range 1-100"), MIN.problem(500, "500 sentences"));
  }

  @Test
  void textMustAppearInTheSentence() {
    assertEquals(Optional.empty(), KEYWORD.problem("Feedback Loop", "Mention the term \u201cfeedback loop\u201d."));
    assertEquals(Optional.of("keyword \"baseline\" does not appear in the constraint's text"),
        KEYWORD.problem("baseline", "Make sure the answer mentions the term \"benchmark\"."));
  }

  @Test
  void anEnumValueMustBeKnownShowItsCueAndAgreeWithNegation() {
    assertEquals(Optional.empty(), PATTERN.problem("bold_keyword", "Put the phrase \"next step\" in bold at least once."));
    assertEquals(Optional.empty(), PATTERN.problem("no_bold", "Do not use bold text anywhere."));
    // A quoted keyword is content, not wording: "avoid" in quotes forbids nothing.
    assertEquals(Optional.empty(), PATTERN.problem("bold_keyword", "Put the phrase \"avoid\" in bold at least once."));
    assertTrue(PATTERN.problem("no_bold", "Put the phrase \u201cnever\u201d in bold.").isPresent());
    assertEquals(Optional.empty(), PATTERN.problem("no_bold", "Never put anything in bold."));
    assertEquals(Optional.empty(), PATTERN.problem("no_bold", "Leave bold formatting out of the answer entirely."));
    assertEquals(Optional.empty(), PATTERN.problem("no_bold", "Keep the answer free of bold text."));
    assertEquals(Optional.empty(), PATTERN.problem("no_bold", "Refrain from bold text."));
    assertEquals(Optional.of("pattern \"italic\" is not one of bold_keyword, no_bold"), PATTERN.problem("italic", "Use italics."));
    assertTrue(PATTERN.problem("bold_keyword", "Underline the phrase \"next step\".").orElseThrow().contains("mentions none of bold"));
    assertTrue(PATTERN.problem("bold_keyword", "Do not use bold text anywhere.").orElseThrow().contains("is a prohibition"));
    assertTrue(PATTERN.problem("no_bold", "Put \"next step\" in bold.").orElseThrow().contains("forbids nothing"));
  }

  @Test
  void boundsOnANumberAreNotProhibitions() {
    ParamSpec metric = new ParamSpec("style", ParamSpec.Kind.ENUM, 0, 0, List.of("numeric", "none"),
        Map.of(), Set.of("none"));
    assertFalse(metric.problem("numeric", "Give no fewer than 2 citations and not more than 4.").isPresent());
    assertFalse(metric.problem("none", "Do not include citations.").isPresent());
  }

  @Test
  void labelsAreNotChecked() {
    ParamSpec label = new ParamSpec("format_name", ParamSpec.Kind.LABEL, 0, 0, null, null, null);
    assertEquals(Optional.empty(), label.problem("a single valid JSON object", "Reply in JSON."));
  }

  @Test
  void numberWords() {
    assertEquals("seven", ParamSpec.word(7));
    assertEquals("forty", ParamSpec.word(40));
    assertEquals("ninety-nine", ParamSpec.word(99));
    assertEquals(null, ParamSpec.word(100));
  }
}
