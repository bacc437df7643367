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

  /** The seed bank's first {@code lines} lines, gzipped, cut off in the middle of the stream. */
  static Path truncatedGz(Path dir, int lines) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write(String.join("\n", Files.readAllLines(Path.of("pipeline/seeds/seeds.jsonl")).subList(0, lines))
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path gz = dir.resolve("seeds.jsonl.gz");
    Files.write(gz, java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
    return gz;
  }

  @Test
  void aTruncatedGzIsReadToItsEndUpFrontAndNamesTheFileAndLine() throws IOException {
    Path gz = truncatedGz(dir, 2000);
    SeedFiles.Check check = SeedFiles.check(List.of(gz.toString()), SeedFormat.AUTO);
    assertEquals(1, check.errors().size(), check.errors().toString());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(gz.toString())
        + ":(\\d+): cannot read the seed file after line (\\d+): unexpected end of data; the file is truncated or its compressed data is corrupt").matcher(check.errors().get(0));
    assertTrue(m.matches(), check.errors().get(0));
    long reached = Long.parseLong(m.group(2));
    assertTrue(reached > 100 && reached < 2000, check.errors().get(0));
    assertEquals(reached + 1, Long.parseLong(m.group(1)));
  }

  @Test
  void aSeedSetWithoutAnyUsableLineIsOneProblemNamingTheFiles() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    Path blank = Files.writeString(dir.resolve("blank.txt"), "\n  \n");
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\": \"x\"}\n");
    SeedFiles.Check check = SeedFiles.check(List.of(empty.toString(), blank.toString(), bad.toString()), SeedFormat.AUTO);
    assertEquals(List.of("no usable seeds in " + bad + ", " + blank + ", " + empty + ": every line is blank or was rejected"),
        check.errors());
    assertEquals(List.of(bad + ":1: no \"instruction\" field"), check.rejectedLines());
    assertEquals(0, check.seeds());
  }

  @Test
  void anEmptyFileAmongGoodOnesIsNamed() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    SeedFiles.Check check = SeedFiles.check(List.of("pipeline/seeds/seeds.jsonl", empty.toString()), SeedFormat.AUTO);
    assertEquals(List.of(empty + ": no usable seed in this file (every line is blank or was rejected)"), check.errors());
  }

  @Test
  void theSeedBankIsReadWholeWithoutProblems() {
    SeedFiles.Check check = SeedFiles.check(List.of("pipeline/seeds/seeds.jsonl"), SeedFormat.AUTO);
    assertEquals(List.of(), check.errors());
    assertEquals(List.of(), check.rejectedLines());
    assertEquals(4179, check.seeds());
  }

  @Test
  void everyMissingPatternIsListed() {
    String a = dir.resolve("a.jsonl").toString();
    String b = dir.resolve("*.txt").toString();
    assertEquals(List.of(a + ": seed file not found", b + ": seed file not found"),
        SeedFiles.check(List.of(a, b), SeedFormat.AUTO).errors());
  }

  @Test
  void ioErrorsAreDescribedNeverByTheirClassNameAlone() {
    assertEquals("No space left on device",
        IoErrors.describe(new java.nio.file.FileSystemException("/data/seeds.jsonl", null, "No space left on device")));
    assertEquals("I/O error without detail (IOException)", IoErrors.describe(new IOException()));
    assertEquals("unexpected end of data; the file is truncated or its compressed data is corrupt",
        IoErrors.describe(new java.io.EOFException()));
  }
}
