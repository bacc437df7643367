package dev.tracegen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Records read from JSON share their equal short strings, so that many in memory stay small. */
class CompactTest {
  @Test
  void equalShortStringsReadFromJsonAreOneInstance() {
    Constraint a = Json.read("{\"id\":\"c1\",\"type\":\"content\",\"dimension\":\"inclusion\",\"text\":\"Mention the moon.\"}", Constraint.class);
    Constraint b = Json.read("{\"id\":\"c2\",\"type\":\"content\",\"dimension\":\"inclusion\",\"text\":\"Mention the sun.\"}", Constraint.class);
    assertSame(a.dimension(), b.dimension());
    assertSame(a.type(), b.type());
  }

  @Test
  void longStringsAreLeftAlone() {
    String longText = "x".repeat(Compact.SHARED_STRING_LENGTH + 1);
    String first = Compact.string(new String(longText));
    String second = Compact.string(new String(longText));
    assertEquals(first, second);
    assertNotSame(first, second);
  }

  @Test
  void aShortStringInUseIsGivenBackAsTheFirstInstance() {
    String first = Compact.string(new String("judge_y1"));
    for (int i = 0; i < 1000; i++) {
      Compact.string("other-" + i);
    }
    assertSame(first, Compact.string(new String("judge_y1")));
  }
}
