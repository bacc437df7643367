package dev.tracegen.check;

import static dev.tracegen.check.TestConstraints.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Constraint;
import org.junit.jupiter.api.Test;

class OutputFormatCheckerTest {
  private static final Constraint JSON = constraint("output_format", "format", "json");
  private static final Constraint TABLE = constraint("output_format", "format", "markdown_table");
  private static final Constraint HTML = constraint("output_format", "format", "html");

  private final Checker checker = new OutputFormatChecker();

  @Test
  void jsonObject() {
    assertTrue(checker.check(JSON, "{\"a\": 1}").pass());
    CheckResult array = checker.check(JSON, "  [{\"a\": 1}, {\"a\": 2}]\n");
    assertFalse(array.pass(), "the phrasing asks for a single JSON object");
    assertEquals("valid JSON array", array.reason());
    assertTrue(checker.check(JSON, "```json\n{\"a\": {\"b\": [true]}}\n```").pass());
    assertEquals("valid JSON object", checker.check(JSON, "{}").reason());
  }

  @Test
  void jsonRejectsAnythingElse() {
    assertFalse(checker.check(JSON, "Here is the JSON: {\"a\": 1}").pass());
    assertFalse(checker.check(JSON, "{\"a\": 1}\nHope this helps!").pass());
    assertFalse(checker.check(JSON, "{\"a\": 1,}").pass());
    assertFalse(checker.check(JSON, "\"just a string\"").pass());
    assertFalse(checker.check(JSON, "42").pass());
    assertFalse(checker.check(JSON, "```python\n{\"a\": 1}\n```").pass());
    assertFalse(checker.check(JSON, "").pass());
  }

  @Test
  void markdownTable() {
    String table = "| Name | Score |\n|:-----|------:|\n| Ann | 3 |\n| Bob | 4 |\n";
    assertTrue(checker.check(TABLE, table).pass());
    assertTrue(
        checker.check(TABLE, "| a | b\n| --- | --- \n| 1 | 2").pass(), "closing pipes optional");
    assertTrue(
        checker.check(TABLE, "| a |\n|---|\n| x \\| y |").pass(),
        "escaped pipe is not a cell break");
    CheckResult two = checker.check(TABLE, table + "\n" + table);
    assertFalse(two.pass(), "the answer is to be a table, not two");
    assertEquals("2 well-formed table(s), needs exactly 1", two.reason());
  }

  @Test
  void markdownTableRejectsMalformedOrProse() {
    assertEquals(
        "line 1 is not a table row",
        checker.check(TABLE, "Here is the table:\n| a | b |\n|---|---|\n| 1 | 2 |").reason());
    assertFalse(checker.check(TABLE, "| a | b |\n|---|---|\n| 1 | 2 |\n\nThat is all.").pass());
    assertFalse(checker.check(TABLE, "| a | b |\n| 1 | 2 |\n| 3 | 4 |").pass(), "no separator");
    assertFalse(checker.check(TABLE, "| a | b |\n|---|---|").pass(), "no data row");
    assertEquals(
        "table 1: row 3 has 3 cells, header has 2",
        checker.check(TABLE, "| a | b |\n|---|---|\n| 1 | 2 | 3 |").reason());
    assertFalse(checker.check(TABLE, "").pass());
    assertFalse(checker.check(TABLE, "- a\n- b").pass());
  }

  @Test
  void htmlDocument() {
    String html =
        "<!DOCTYPE html>\n"
            + "<html lang=\"en\">\n"
            + "<head><meta charset=\"utf-8\"><title>T</title><link rel=\"stylesheet\""
            + " href=\"s.css\"/></head>\n"
            + "<body>\n"
            + "<!-- <div> in a comment -->\n"
            + "<p>Text<br>more<img src=\"a.png\" alt='a > b'></p><hr/>\n"
            + "<script>if (a < b && c > d) {}</script>\n"
            + "</BODY>\n"
            + "</html>\n";
    CheckResult result = checker.check(HTML, html);
    assertTrue(result.pass(), result.reason());
    assertTrue(
        checker.check(HTML, "<HTML><Body><P>x</p></body></html>").pass(), "case-insensitive");
  }

  @Test
  void htmlRejectsFragmentsAndUnbalancedTags() {
    assertFalse(checker.check(HTML, "<p>Just a fragment</p>").pass());
    assertFalse(checker.check(HTML, "Intro\n<html><body></body></html>").pass());
    assertFalse(checker.check(HTML, "<html><body></body></html>\nThanks!").pass());
    assertEquals(
        "unexpected </div>, expected </p>",
        checker.check(HTML, "<html><body><div><p>x</div></p></body></html>").reason());
    assertEquals("unclosed <html>", checker.check(HTML, "<html><html><p>x</p></html>").reason());
    assertFalse(checker.check(HTML, "<html><body><ul><li>a<li>b</ul></body></html>").pass());
  }

  @Test
  void failsClosedOnBadParams() {
    assertEquals(
        "missing param 'format'", checker.check(constraint("output_format"), "{}").reason());
    CheckResult latex = checker.check(constraint("output_format", "format", "latex"), "{}");
    assertFalse(latex.pass());
    assertTrue(latex.reason().contains("'latex'"), latex.reason());
  }
}
