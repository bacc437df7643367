package dev.tracegen.taxonomy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.Checkers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A taxonomy travels inside every DoFn: it serialises to the bytes of its contents and reads back
 * as one instance per distinct content in a JVM, equal in every respect to the one written.
 */
class TaxonomyWireTest {
  static final Checkers CHECKERS = Checkers.load();

  static Taxonomy load(Path dir) {
    return TaxonomyLoader.load(dir, id -> CHECKERS.get(id).isPresent());
  }

  @Test
  void aTaxonomyReadsBackWhole(@TempDir Path tmp) throws Exception {
    Taxonomy t = load(Path.of("taxonomy"));
    Taxonomy back = SerializableUtils.clone(t);
    assertEquals(t.version(), back.version());
    assertEquals(List.copyOf(t.dimensions()), List.copyOf(back.dimensions()));
    assertEquals(t.labelsZh(), back.labelsZh());
    for (Dimension d : t.dimensions()) {
      for (Phrasing p : d.phrasings()) {
        if (!p.options().isEmpty()) {
          String text = Phrasing.fill(p.text(), p.options().get(0));
          assertEquals(t.match(text), back.match(text), text);
        }
      }
    }
    // Read twice from the same bytes: the same instance, whose phrasing index is built once.
    assertSame(back, SerializableUtils.clone(t));
    assertSame(back, SerializableUtils.clone(back));

    // Another content is another instance.
    Path copy = Files.createDirectories(tmp.resolve("taxonomy"));
    try (var files = Files.list(Path.of("taxonomy"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    Path any = Files.list(copy).filter(f -> f.toString().endsWith(".yaml")).sorted().findFirst().orElseThrow();
    Files.writeString(any, Files.readString(any) + "\n# an edit\n");
    Taxonomy edited = load(copy);
    assertTrue(!edited.version().equals(t.version()));
    Taxonomy editedBack = SerializableUtils.clone(edited);
    assertNotSame(back, editedBack);
    assertEquals(edited.version(), editedBack.version());
    assertEquals(List.copyOf(t.labelsZh().keySet()), List.copyOf(editedBack.labelsZh().keySet()));
  }
}
