package dev.tracegen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedFilesTest {
  @TempDir Path dir;

  @Test
  void aMissingFileFailsWithAClearMessage() {
    String missing = dir.resolve("nope.jsonl").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SeedFiles.checkReadable(List.of(missing)));
    assertEquals("seed file not found: " + missing, e.getMessage());
  }

  @Test
  void aGlobMatchingNothingFails() {
    String glob = dir.resolve("*.jsonl").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SeedFiles.checkReadable(List.of(glob)));
    assertEquals("seed file not found: " + glob, e.getMessage());
  }

  @Test
  void everyPatternMustMatch() throws IOException {
    Files.writeString(dir.resolve("a.jsonl"), "{}\n");
    String missing = dir.resolve("b.jsonl").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SeedFiles.checkReadable(List.of(dir.resolve("a.jsonl").toString(), missing)));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
  }

  @Test
  void returnsTheMatchedFilesOnce() throws IOException {
    Files.writeString(dir.resolve("a.jsonl"), "{}\n");
    Files.writeString(dir.resolve("b.jsonl"), "{}\n");
    List<String> files = SeedFiles.checkReadable(
        List.of(dir.resolve("*.jsonl").toString(), dir.resolve("a.jsonl").toString()));
    assertEquals(2, files.size());
    assertTrue(files.get(0).endsWith("a.jsonl"));
    assertTrue(files.get(1).endsWith("b.jsonl"));
  }

  @Test
  void theCommittedSeedBankIsReadableByItsRelativePath() {
    assertEquals(1, SeedFiles.checkReadable(List.of("pipeline/seeds/seeds.jsonl")).size());
  }

  @Test
  void noPatternsIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> SeedFiles.checkReadable(List.of()));
    assertThrows(IllegalArgumentException.class, () -> SeedFiles.checkReadable(List.of(" ")));
  }

  @Test
  void splitsCommaSeparatedPatterns() {
    assertEquals(List.of("a.jsonl", "b/*.jsonl.gz"), SeedFiles.split(" a.jsonl, b/*.jsonl.gz ,"));
    assertEquals(List.of(), SeedFiles.split(null));
  }
}
