package dev.tracegen.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void publishMovesStagingToOutput(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("corpus");
    OutputDirectory dir = OutputDirectory.prepare(out.toString());
    Path staging = Path.of(dir.staging());
    assertEquals(tmp, staging.getParent(), "staging sits next to the output");
    assertTrue(staging.getFileName().toString().startsWith(".corpus.staging-"));
    assertFalse(Files.exists(out), "nothing at the output until publish");
    Files.writeString(staging.resolve("train-00000-of-00001.jsonl.gz"), "x");

    dir.publish();
    assertEquals(Set.of("_SUCCESS", "train-00000-of-00001.jsonl.gz"), names(out));
    assertEquals(Set.of("corpus"), names(tmp));
    assertThrows(IllegalStateException.class, dir::publish);
  }

  @Test
  void publishReplacesExistingOutput(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(out.resolve("stale.txt"), "old");
    Files.createDirectories(out.resolve("rejections"));
    Files.writeString(out.resolve("rejections/old.jsonl"), "old");

    OutputDirectory dir = OutputDirectory.prepare(out.toString());
    Files.writeString(Path.of(dir.staging()).resolve("new.txt"), "new");
    dir.publish();

    assertEquals(Set.of("_SUCCESS", "new.txt"), names(out));
    assertEquals(Set.of("corpus"), names(tmp), "no staging or old copy left behind");
  }

  @Test
  void abortLeavesNothing(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("corpus");
    OutputDirectory dir = OutputDirectory.prepare(out.toString());
    Files.createDirectories(Path.of(dir.staging()).resolve("rejections"));
    Files.writeString(Path.of(dir.staging()).resolve("rejections/a.jsonl"), "x");
    dir.abort();
    assertEquals(Set.of(), names(tmp));
    dir.abort(); // idempotent
  }

  @Test
  void closeWithoutPublishAbortsAndKeepsOldOutput(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(out.resolve("kept.txt"), "old");
    try (OutputDirectory dir = OutputDirectory.prepare(out.toString())) {
      Files.writeString(Path.of(dir.staging()).resolve("partial.txt"), "x");
      // a crash here: no publish
    }
    assertEquals(Set.of("corpus"), names(tmp));
    assertEquals(Set.of("kept.txt"), names(out));
  }

  @Test
  void stagingDirectoriesAreFresh(@TempDir Path tmp) {
    OutputDirectory a = OutputDirectory.prepare(tmp.resolve("c").toString());
    OutputDirectory b = OutputDirectory.prepare(tmp.resolve("c").toString());
    assertFalse(a.staging().equals(b.staging()));
    a.abort();
    b.abort();
  }

  @Test
  void fileUrisAreLocalAndObjectStoresAreNot(@TempDir Path tmp) throws IOException {
    assertNull(OutputDirectory.localPath("gs://bucket/corpus"));
    assertNull(OutputDirectory.localPath("s3://bucket/corpus"));
    Path out = tmp.resolve("viauri");
    OutputDirectory dir = OutputDirectory.prepare(out.toUri().toString());
    assertTrue(dir.isLocal());
    dir.publish();
    assertEquals(Set.of("_SUCCESS"), names(out));
  }
}
