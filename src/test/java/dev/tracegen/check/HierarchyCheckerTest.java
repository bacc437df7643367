package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HierarchyCheckerTest {
  private final Checker checker = new HierarchyChecker();

  @Test
  void exactCount() {
    String response = "# One\n\ntext\n\n## Two\n\nmore\n\n```\n# not a heading\n```\n";
    CheckResult result = checker.check(constraint("hierarchy", "count", 2), response);
    assertTrue(result.pass());
    assertEquals("2 headings, needs exactly 2", result.reason());
    assertFalse(checker.check(constraint("hierarchy", "count", 3), response).pass());
  }

  @Test
  void htmlHeadings() {
    assertTrue(
        checker
            .check(
                constraint("hierarchy", "count", 2),
                "<html><body><h1>A</h1><p>text</p><h3>B</h3><ul><li>x</li></ul></body></html>")
            .pass());
    assertFalse(
        checker
            .check(
                constraint("hierarchy", "count", 2),
                "<html><body><h1>A</h1><h3>B</h3><p>text</p></body></html>")
            .pass());
  }

  @Test
  void everyHeadingNeedsContentOfItsOwn() {
    CheckResult stacked =
        checker.check(
            constraint("hierarchy", "count", 3),
            "## Overview\n## Key Points\n## Details\n\nAll the text.");
    assertFalse(stacked.pass());
    assertEquals("3 headings, needs exactly 3; nothing under heading [1, 2]", stacked.reason());
    assertFalse(
        checker.check(constraint("hierarchy", "count", 2), "# A\n\ntext\n\n## B\n\n---\n").pass(),
        "a rule is not content");
    assertFalse(
        checker.check(constraint("hierarchy", "count", 2), "# A\n\n## B\n\ntext").pass(),
        "a sub-heading is not content");
    assertTrue(
        checker
            .check(
                constraint("hierarchy", "count", 2),
                "Intro before the headings.\n\n# A\n- a list\n\n## B\n```\ncode\n```\n")
            .pass());
  }

  @Test
  void rangeInsteadOfCount() {
    assertTrue(
        checker.check(constraint("hierarchy", "min", 1, "max", 3), "# A\na\n## B\nb").pass());
    assertFalse(checker.check(constraint("hierarchy", "min", 3), "# A\na\n## B\nb").pass());
  }

  @Test
  void failsClosedOnBadParams() {
    assertEquals(
        "missing param 'min' or 'max'", checker.check(constraint("hierarchy"), "# A").reason());
    assertFalse(checker.check(constraint("hierarchy", "count", "two"), "# A\n# B").pass());
  }
}
