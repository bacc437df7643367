package dev.tracegen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Params are written and read exactly as the plain JSON object of a constraint's params. */
class ParamsTest {
  static final Params AT_MOST_8 = Params.of("metric", "sentences", "max", 8);

  @Test
  void namesAreSortedAndWrittenAsAPlainObject() throws Exception {
    assertEquals(List.of("max", "metric"), List.copyOf(AT_MOST_8.names()));
    assertEquals("{\"max\":8,\"metric\":\"sentences\"}", Json.PLAIN.writeValueAsString(AT_MOST_8));
    assertEquals("{\"max\":8,\"metric\":\"sentences\"}", Json.write(AT_MOST_8));
    assertEquals("{max=8, metric=sentences}", AT_MOST_8.toString());
  }

  @Test
  void readingKeepsTheJsonTypesOfValues() {
    Params read = Json.read("{\"min\":12,\"keyword\":\"moon\",\"ratio\":0.5,\"strict\":true,\"none\":null}", Params.class);
    assertEquals(12, read.get("min"));
    assertEquals("moon", read.get("keyword"));
    assertEquals(0.5, read.get("ratio"));
    assertEquals(true, read.get("strict"));
    assertTrue(read.has("none"));
    assertNull(read.get("none"));
    assertEquals("", read.text("none"));
    assertEquals(AT_MOST_8, Json.read(Json.write(AT_MOST_8), Params.class));
  }

  @Test
  void aConstraintRoundTripsWithItsParams() {
    Constraint c = new Constraint("c1", "content", "numerical", "Use no more than 8 sentences in total.", AT_MOST_8);
    String json = Json.write(c);
    assertTrue(json.contains("\"params\":{\"max\":8,\"metric\":\"sentences\"}"), json);
    assertEquals(c, Json.read(json, Constraint.class));
    assertEquals(Params.EMPTY, new Constraint("c1", "t", "d", "x", null).params());
  }

  @Test
  void changesMakeNewParams() {
    Params widened = AT_MOST_8.with("max", 10).with("min", 2);
    assertEquals(8, AT_MOST_8.get("max"));
    assertEquals(2, AT_MOST_8.size());
    assertEquals("10", widened.text("max"));
    assertEquals(Params.of("max", 10, "min", 2), widened.without(List.of("metric")));
    assertEquals(Params.of("max", 8, "metric", "words"), AT_MOST_8.withAll(Params.of("metric", "words")));
    assertEquals("", AT_MOST_8.text("keyword"));
    assertFalse(AT_MOST_8.has("keyword"));
    assertTrue(Params.EMPTY.isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> AT_MOST_8.names().remove("max"));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(AT_MOST_8);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(AT_MOST_8, in.readObject());
    }
  }
}
