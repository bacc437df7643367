package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InclusionExclusionCheckerTest {
  private final Checker inclusion = new InclusionChecker();
  private final Checker exclusion = new ExclusionChecker();

  @Test
  void inclusionFindsWholeWords() {
    CheckResult result =
        inclusion.check(constraint("inclusion", "keyword", "resilience"), "Resilience matters.");
    assertTrue(result.pass());
    assertEquals("mentions 'resilience'", result.reason());
    assertTrue(
        inclusion.check(constraint("inclusion", "keyword", "trade-off"), "All trade-offs.").pass());
    assertTrue(
        inclusion
            .check(constraint("inclusion", "keyword", "feedback loop"), "a Feedback Loop")
            .pass());
  }

  @Test
  void inclusionIgnoresLongerWords() {
    CheckResult result =
        inclusion.check(constraint("inclusion", "keyword", "robust"), "Robustness is key.");
    assertFalse(result.pass());
    assertEquals("does not mention 'robust'", result.reason());
  }

  @Test
  void inclusionReadsJsonValuesAndHtmlText() {
    assertTrue(
        inclusion
            .check(
                constraint("inclusion", "keyword", "milestone"),
                "{\"plan\": \"Each milestone counts.\"}")
            .pass());
    assertTrue(
        inclusion
            .check(
                constraint("inclusion", "keyword", "R&D"),
                "<html><body><p>R&amp;D budget</p></body></html>")
            .pass());
  }

  @Test
  void exclusionPassesWhenAbsent() {
    CheckResult result =
        exclusion.check(constraint("exclusion", "keyword", "robust"), "Robustness is fine here.");
    assertTrue(result.pass());
    assertEquals("avoids 'robust'", result.reason());
  }

  @Test
  void exclusionFailsWhenPresent() {
    CheckResult result =
        exclusion.check(constraint("exclusion", "keyword", "literally"), "It is Literally true.");
    assertFalse(result.pass());
    assertEquals("uses 'literally'", result.reason());
    assertFalse(
        exclusion.check(constraint("exclusion", "keyword", "journey"), "Our journeys.").pass());
  }

  @Test
  void exclusionForbidsEveryFormOfTheWord() {
    String[][] used = {
      {"leverage", "We leveraged it."}, {"leverage", "Leveraging data."},
      {"utilize", "They utilized tools."}, {"utilize", "Utilizing tools."},
      {"delve", "We delved deeper."}, {"synergy", "Team synergies."},
      {"robust", "It is robustly built."}, {"journey", "She journeyed home."},
      {"seamless", "It works seamlessly."}
    };
    for (String[] c : used) {
      assertFalse(exclusion.check(constraint("exclusion", "keyword", c[0]), c[1]).pass(), c[1]);
    }
    String[][] avoided = {
      {"robust", "Robustness matters."}, {"journey", "A journeyman."},
      {"delve", "Delvers?"}, {"paradigm", "Paradigmatic."}
    };
    for (String[] c : avoided) {
      assertTrue(exclusion.check(constraint("exclusion", "keyword", c[0]), c[1]).pass(), c[1]);
    }
  }

  @Test
  void exclusionAlsoReadsJsonKeys() {
    assertFalse(
        exclusion
            .check(constraint("exclusion", "keyword", "synergy"), "{\"synergy\": \"none\"}")
            .pass());
  }

  @Test
  void failClosedWithoutKeyword() {
    assertEquals(
        "missing param 'keyword'", inclusion.check(constraint("inclusion"), "text").reason());
    assertFalse(exclusion.check(constraint("exclusion", "keyword", " "), "text").pass());
    assertFalse(exclusion.check(constraint("exclusion", "keyword", "x"), null).pass());
  }
}
