package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Constraint;
import org.junit.jupiter.api.Test;

class CitationCheckerTest {
  private static final Constraint NUMERIC_2 = constraint("citation", "style", "numeric", "min", 2);
  private static final Constraint NONE = constraint("citation", "style", "none");

  private final Checker checker = new CitationChecker();

  @Test
  void numericWithReferences() {
    String response =
        "Sleep helps memory [1]. Exercise too [2, 3].\n\n"
            + "References:\n"
            + "[1] Walker.\n"
            + "[2] Ratey.\n"
            + "[3] Smith.\n";
    CheckResult result = checker.check(NUMERIC_2, response);
    assertTrue(result.pass(), result.reason());
    assertEquals("3 cited, 3 listed, needs at least 2", result.reason());
  }

  @Test
  void referencesLabelMayBeBoldOrHeading() {
    assertTrue(
        checker.check(NUMERIC_2, "A [1] and B [2].\n\n**References:**\n[1] X.\n[2] Y.").pass());
    assertTrue(
        checker.check(NUMERIC_2, "A [1] and B [2].\n\n## References:\n[1] X.\n[2] Y.").pass());
  }

  @Test
  void tooFewCitations() {
    assertFalse(checker.check(NUMERIC_2, "Only one [1].\n\nReferences:\n[1] X.\n[2] Y.").pass());
    assertFalse(checker.check(NUMERIC_2, "A [1] and B [1].\n\nReferences:\n[1] X.").pass());
  }

  @Test
  void markersWithoutEntriesFail() {
    CheckResult result =
        checker.check(NUMERIC_2, "A [1], B [2], C [3].\n\nReferences:\n[1] X.\n[2] Y.");
    assertFalse(result.pass());
    assertEquals("3 cited, 2 listed, needs at least 2; no entry for [3]", result.reason());
  }

  @Test
  void missingReferencesLineFails() {
    CheckResult result = checker.check(NUMERIC_2, "A [1] and B [2].\n\n[1] X.\n[2] Y.");
    assertFalse(result.pass());
    assertEquals("no 'References:' line", result.reason());
    assertFalse(checker.check(NUMERIC_2, "A [1] and B [2].\n\nSources:\n[1] X.\n[2] Y.").pass());
  }

  @Test
  void markersAfterReferencesDoNotCount() {
    assertFalse(
        checker.check(NUMERIC_2, "No markers here.\n\nReferences:\n[1] X [1].\n[2] Y [2].").pass());
  }

  @Test
  void entriesBelongToTheListAfterTheLabel() {
    String later =
        "A [1] and B [2].\n\nReferences:\n[1] X.\n\n## Appendix\n\n[2] Not in the list.\n";
    CheckResult result = checker.check(NUMERIC_2, later);
    assertFalse(result.pass());
    assertEquals("2 cited, 1 listed, needs at least 2; no entry for [2]", result.reason());
  }

  @Test
  void noneForbidsFootnotesAndOtherReferenceLists() {
    assertFalse(checker.check(NONE, "A claim.[^1]\n\n[^1]: A source.").pass());
    assertFalse(checker.check(NONE, "Text.\n\nSources:\n- A book").pass());
    assertFalse(checker.check(NONE, "Text.\n\n## Works Cited\n- A book").pass());
    assertTrue(checker.check(NONE, "Plain text with no sources named.").pass());
  }

  @Test
  void none() {
    assertTrue(
        checker.check(NONE, "Plain answer with an array a[i] and a [link](http://x).").pass());
    assertFalse(checker.check(NONE, "Claim [1].").pass());
    CheckResult bibliography = checker.check(NONE, "Text.\n\nBibliography\n- Someone, 2020");
    assertFalse(bibliography.pass());
    assertEquals("0 citation markers, has a reference list", bibliography.reason());
    assertFalse(checker.check(NONE, "Text.\n\nReferences:\n- A book").pass());
  }

  @Test
  void failsClosedOnBadParams() {
    assertEquals("missing param 'style'", checker.check(constraint("citation"), "x").reason());
    assertEquals(
        "missing param 'min'",
        checker
            .check(constraint("citation", "style", "numeric"), "A [1].\n\nReferences:\n[1] X.")
            .reason());
    assertFalse(checker.check(constraint("citation", "style", "apa"), "x").pass());
  }
}
