package dev.tracegen.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReferenceTextsTest {
  @Test
  void defaultFieldsInOrder() {
    assertEquals("user text", ReferenceTexts.text(
        "{\"messages\":[{\"role\":\"system\",\"content\":\"sys\"},{\"role\":\"user\",\"content\":\"user text\"}],"
            + "\"instruction\":\"ignored\"}", ""));
    assertEquals("do this", ReferenceTexts.text("{\"instruction\":\"do this\",\"text\":\"no\"}", ""));
    assertEquals("t", ReferenceTexts.text("{\"text\":\"t\"}", null));
    assertEquals("p", ReferenceTexts.text("{\"prompt\":\"p\"}", ""));
    assertEquals("", ReferenceTexts.text("{\"other\":\"x\"}", ""));
  }

  @Test
  void namedPathsAndPlainText() {
    assertEquals("b", ReferenceTexts.text("{\"a\":{\"list\":[\"x\",{\"v\":\"b\"}]}}", "a.list[1].v"));
    assertEquals("b", ReferenceTexts.text("{\"a\":{\"list\":[\"x\",{\"v\":\"b\"}]}}", "a.list[-1].v"));
    assertEquals("", ReferenceTexts.text("{\"a\":[]}", "a[0]"));
    assertEquals("just a line of text", ReferenceTexts.text("  just a line of text ", ""));
    assertEquals("{not json", ReferenceTexts.text("{not json", ""));
  }
}
