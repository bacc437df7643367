package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumberingListCheckerTest {
  private final Checker checker = new NumberingListChecker();

  @Test
  void numberedExactly() {
    String response = "Steps:\n\n1. Plan\n2. Build\n3. Ship\n\n- a bullet is not numbered";
    CheckResult result =
        checker.check(constraint("numbering_list", "style", "numbered", "count", 3), response);
    assertTrue(result.pass());
    assertEquals("numbered lists of [3] items, needs one of exactly 3", result.reason());
    assertFalse(
        checker
            .check(constraint("numbering_list", "style", "numbered", "count", 4), response)
            .pass());
  }

  @Test
  void bulletedExactly() {
    String response = "- a\n- b\n* c\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n---\n";
    assertTrue(
        checker
            .check(constraint("numbering_list", "style", "bulleted", "count", 3), response)
            .pass());
    assertFalse(
        checker
            .check(constraint("numbering_list", "style", "bulleted", "count", 4), response)
            .pass());
  }

  @Test
  void itemsSpreadOverListsAreNotOneList() {
    String split = "1. Plan\n2. Build\n\nSome prose between.\n\n1. Ship\n";
    CheckResult result =
        checker.check(constraint("numbering_list", "style", "numbered", "count", 3), split);
    assertFalse(result.pass());
    assertEquals("numbered lists of [2, 1] items, needs one of exactly 3", result.reason());
    assertFalse(
        checker
            .check(
                constraint("numbering_list", "style", "bulleted", "count", 4),
                "- a\n- b\n\n## Next\n\n- c\n- d")
            .pass());
  }

  @Test
  void subItemsAndLooseItemsBelongToTheirList() {
    String nested = "1. Plan\n   - scope\n   - budget\n\n2. Build\n   continued text\n3. Ship\n";
    assertTrue(
        checker
            .check(constraint("numbering_list", "style", "numbered", "count", 3), nested)
            .pass());
    assertTrue(
        checker
            .check(constraint("numbering_list", "style", "bulleted", "count", 2), nested)
            .pass(),
        "a sub-list is a list of its own");
    assertEquals(List.of(3, 2), TextMetrics.listSizes("- a\n- b\n- c\n\nText.\n\n- d\n- e", false));
  }

  @Test
  void htmlListsCount() {
    String html = "<html><body><ol><li>a</li><li>b</li></ol><ul><li>c</li></ul></body></html>";
    assertTrue(
        checker.check(constraint("numbering_list", "style", "numbered", "count", 2), html).pass());
    assertTrue(
        checker.check(constraint("numbering_list", "style", "bulleted", "count", 1), html).pass());
  }

  @Test
  void failsClosedOnBadParams() {
    assertEquals(
        "missing param 'count'",
        checker.check(constraint("numbering_list", "style", "numbered"), "1. a").reason());
    assertEquals(
        "missing param 'style'",
        checker.check(constraint("numbering_list", "count", 1), "1. a").reason());
    assertFalse(
        checker
            .check(constraint("numbering_list", "style", "lettered", "count", 1), "a) x")
            .pass());
  }
}
