package dev.tracegen.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  void publishReplacesAnEarlierOutputOfOursWithOverwrite(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(out.resolve("_SUCCESS"), "");
    Files.writeString(out.resolve("stale.txt"), "old");
    Files.createDirectories(out.resolve("rejections"));
    Files.writeString(out.resolve("rejections/old.jsonl"), "old");

    OutputDirectory dir = OutputDirectory.prepare(out.toString(), true, m -> {});
    Files.writeString(Path.of(dir.staging()).resolve("new.txt"), "new");
    dir.publish();

    assertEquals(Set.of("_SUCCESS", "new.txt"), names(out));
    assertEquals(Set.of("corpus"), names(tmp), "no staging, old copy or lock left behind");
  }

  @Test
  void aNonEmptyDirectoryIsRefusedAndKept(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(out.resolve("precious.txt"), "do not lose");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputDirectory.prepare(out.toString()));
    assertTrue(e.getMessage().contains("exists and is not empty; pass --overwrite"), e.getMessage());
    assertEquals(Set.of("precious.txt"), names(out));
    assertEquals(Set.of("mine"), names(tmp), "nothing created next to it");
  }

  @Test
  void overwriteRefusesADirectoryThatIsNotATracegenOutput(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(out.resolve("precious.txt"), "do not lose");
    Files.writeString(out.resolve("run.json"), "{\"tool\": \"something-else\"}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OutputDirectory.prepare(out.toString(), true, m -> {}));
    assertTrue(e.getMessage().contains("is not a tracegen output"), e.getMessage());
    assertEquals(Set.of("precious.txt", "run.json"), names(out));

    Files.writeString(out.resolve("run.json"), "{\"tool\": \"tracegen\"}");
    OutputDirectory.prepare(out.toString(), true, m -> {}).abort(); // a run.json of ours is enough
  }

  @Test
  void theWorkingAndHomeDirectoriesTheirParentsAndFilesAreRefused(@TempDir Path tmp) throws IOException {
    for (String refused : List.of(".", "./", System.getProperty("user.dir"), "..", System.getProperty("user.home"), "/")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> OutputDirectory.prepare(refused, true, m -> {}), refused);
      assertTrue(e.getMessage().contains("--output=" + refused + " is "), e.getMessage());
    }
    Path file = Files.writeString(tmp.resolve("notes.txt"), "keep me");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OutputDirectory.prepare(file.toString(), true, m -> {}));
    assertTrue(e.getMessage().contains("is an existing file, not a directory"), e.getMessage());
    assertEquals("keep me", Files.readString(file));
  }

  @Test
  void anEmptyDirectoryIsFine(@TempDir Path tmp) throws IOException {
    Path out = Files.createDirectories(tmp.resolve("empty"));
    OutputDirectory dir = OutputDirectory.prepare(out.toString());
    dir.publish();
    assertEquals(Set.of("_SUCCESS"), names(out));
  }

  @Test
  void keepDiagnosticsMovesReportsToFailedAndPublishesNothing(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("corpus");
    OutputDirectory dir = OutputDirectory.prepare(out.toString());
    Path staging = Path.of(dir.staging());
    for (String f : List.of("run.json", "stats.json", "report.html", "train-00000-of-00001.jsonl.gz", "README.md")) {
      Files.writeString(staging.resolve(f), "{\"tool\": \"tracegen\"}");
    }
    Files.createDirectories(staging.resolve("rejections"));
    Files.writeString(staging.resolve("rejections/judge_y1.jsonl"), "x");

    String kept = dir.keepDiagnostics();
    assertEquals(tmp.resolve("corpus.failed").toString(), kept);
    assertEquals(Set.of("corpus.failed"), names(tmp), "nothing at the output, no staging, no lock");
    assertEquals(Set.of("rejections", "report.html", "run.json", "stats.json"), names(tmp.resolve("corpus.failed")));

    // A second failure replaces our own diagnostics, but never a foreign directory of that name.
    OutputDirectory again = OutputDirectory.prepare(out.toString());
    Files.writeString(Path.of(again.staging()).resolve("run.json"), "{\"tool\": \"tracegen\", \"n\": 2}");
    again.keepDiagnostics();
    assertTrue(Files.readString(tmp.resolve("corpus.failed/run.json")).contains("\"n\": 2"));
    Files.delete(tmp.resolve("corpus.failed/run.json"));
    Files.writeString(tmp.resolve("corpus.failed/precious.txt"), "mine");
    OutputDirectory third = OutputDirectory.prepare(out.toString());
    String thirdKept = third.keepDiagnostics();
    assertTrue(thirdKept.endsWith("corpus.failed-" + ProcessHandle.current().pid()), thirdKept);
    assertEquals("mine", Files.readString(tmp.resolve("corpus.failed/precious.txt")));
  }

  @Test
  void aSecondRunOnTheSameOutputIsRefusedWhileTheFirstHoldsTheLock(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("c");
    OutputDirectory first = OutputDirectory.prepare(out.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputDirectory.prepare(out.toString()));
    assertTrue(e.getMessage().contains("another tracegen run is writing " + out + " (pid " + ProcessHandle.current().pid()
        + " on "), e.getMessage());
    first.abort();
    OutputDirectory.prepare(out.toString()).abort(); // free again once the first run ended
    assertEquals(Set.of(), names(tmp));
  }

  @Test
  void aStaleLockAndStagingOfADeadProcessAreTakenOver(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("c");
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    String host = OutputLock.hostName();
    Files.writeString(tmp.resolve(".c.lock"), dead.pid() + " " + host + " 2026-01-01T00:00:00Z\n");
    Files.createDirectories(tmp.resolve(".c.staging-" + dead.pid() + "-1/rejections"));
    List<String> notices = new ArrayList<>();
    OutputDirectory dir = OutputDirectory.prepare(out.toString(), false, notices::add);
    assertTrue(notices.get(0).contains("took over the lock of " + out + " left by a run that is gone (pid " + dead.pid()),
        notices.toString());
    assertTrue(notices.get(1).contains(".c.staging-" + dead.pid() + "-1, left by a run that is gone"), notices.toString());
    dir.abort();
    assertEquals(Set.of(), names(tmp));

    // A holder on another host cannot be checked from here: refused, with the file to delete.
    Files.writeString(tmp.resolve(".c.lock"), "4242 some-other-host 2026-01-01T00:00:00Z\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputDirectory.prepare(out.toString()));
    assertTrue(e.getMessage().contains("pid 4242 on some-other-host") && e.getMessage().contains("delete " + tmp.resolve(".c.lock")),
        e.getMessage());
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
    Files.writeString(out.resolve("_SUCCESS"), "");
    Files.writeString(out.resolve("kept.txt"), "old");
    try (OutputDirectory dir = OutputDirectory.prepare(out.toString(), true, m -> {})) {
      Files.writeString(Path.of(dir.staging()).resolve("partial.txt"), "x");
      // a crash here: no publish
    }
    assertEquals(Set.of("corpus"), names(tmp));
    assertEquals(Set.of("_SUCCESS", "kept.txt"), names(out));
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

  @Test
  void deletingATreeRemovesLinksNotWhatTheyPointTo(@TempDir Path tmp) throws IOException {
    Path precious = Files.createDirectories(tmp.resolve("precious"));
    Files.writeString(precious.resolve("keep.txt"), "mine");
    Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
    Files.writeString(tree.resolve("a.txt"), "x");
    Files.createSymbolicLink(tree.resolve("link"), precious);
    Path alias = Files.createSymbolicLink(tmp.resolve("alias"), precious);

    OutputDirectory.deleteRecursively(tmp.resolve("tree"));
    OutputDirectory.deleteRecursively(alias);
    OutputDirectory.deleteRecursively(tmp.resolve("missing"));
    assertEquals(Set.of("precious"), names(tmp));
    assertEquals("mine", Files.readString(precious.resolve("keep.txt")));
  }
}
