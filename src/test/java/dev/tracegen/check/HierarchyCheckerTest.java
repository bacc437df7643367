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
                "<html><body><h1>A</h1><h3>B</h3></body></html>")
            .pass());
  }

  @Test
  void rangeInsteadOfCount() {
    assertTrue(checker.check(constraint("hierarchy", "min", 1, "max", 3), "# A\n## B").pass());
    assertFalse(checker.check(constraint("hierarchy", "min", 3), "# A\n## B").pass());
  }

  @Test
  void failsClosedOnBadParams() {
    assertEquals(
        "missing param 'min' or 'max'", checker.check(constraint("hierarchy"), "# A").reason());
    assertFalse(checker.check(constraint("hierarchy", "count", "two"), "# A\n# B").pass());
  }
}
