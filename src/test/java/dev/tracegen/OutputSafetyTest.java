package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import dev.tracegen.report.Cli;
import dev.tracegen.serve.EmbeddedServer;
import dev.tracegen.cli.ServeCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code tracegen run} does to the user's files, through the command line: it never replaces
 * what it did not write, keeps a failed or short run's diagnostics next to the output, and leaves
 * nothing behind when stopped by a signal.
 */
class OutputSafetyTest {
  static final String TINY = "--profile=src/test/resources/profiles/tiny.yaml";

  static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void aRunNeverEmptiesADirectoryItDidNotWrite(@TempDir Path tmp) throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("precious.txt"), "do not lose");

    Cli.Result refused = Cli.execute("run", TINY, "--output=" + mine, "--quiet");
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("--output=" + mine + " exists and is not empty; pass --overwrite"), refused.err());

    Cli.Result foreign = Cli.execute("run", TINY, "--output=" + mine, "--overwrite", "--quiet");
    assertEquals(2, foreign.code(), foreign.err());
    assertTrue(foreign.err().contains("is not a tracegen output"), foreign.err());
    assertEquals(Set.of("precious.txt"), names(mine));
    assertEquals(Set.of("mine"), names(tmp), "no staging, lock or .failed left");

    Path file = Files.writeString(tmp.resolve("notes.txt"), "keep me");
    Cli.Result onFile = Cli.execute("run", TINY, "--output=" + file, "--overwrite", "--quiet");
    assertEquals(2, onFile.code(), onFile.err());
    assertTrue(onFile.err().contains("is an existing file, not a directory"), onFile.err());
    assertEquals("keep me", Files.readString(file));

    Cli.Result here = Cli.execute("run", TINY, "--output=.", "--overwrite", "--quiet");
    assertEquals(2, here.code(), here.err());
    assertTrue(here.err().contains("--output=. is the working directory"), here.err());
  }

  @Test
  void aRunThatFallsShortKeepsItsDiagnosticsAndPublishesNothing(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("short");
    Cli.Result r = Cli.execute("run", TINY, "--output=" + out, "--overgeneration=1", "--nonCompliance=0.6", "--license=cc-by-4.0", "--quiet");
    assertEquals(3, r.code(), r.err());
    Path failed = tmp.resolve("short.failed");
    assertTrue(r.err().contains("targets not met; nothing was published") && r.err().contains(failed.toString()), r.err());
    assertEquals(Set.of("short.failed"), names(tmp), "nothing at the output, no staging, no lock");
    assertEquals(Set.of("rejections", "report.html", "run.json", "stats.json"), names(failed));
    JsonNode run = Json.PLAIN.readTree(failed.resolve("run.json").toFile());
    assertEquals("short", run.path("status").asText());
    assertEquals("cc-by-4.0", run.path("license").asText());
    assertFalse(run.path("shortfalls").isEmpty());
    // Whatever was dropped is kept (which stages dropped something depends on the taxonomy's draws).
    assertFalse(names(failed.resolve("rejections")).isEmpty());
  }

  /** An endpoint that refuses every request (HTTP 401 without a key) fails the run. */
  @Test
  void aRunThatFailsKeepsRunJsonWithTheError(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("refused");
    try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Config.defaults().withRequiredKey("sk-needed"),
        ServeCommand.model(Path.of("taxonomy"), 0, 0))) {
      Cli.Result r = Cli.execute("run", TINY, "--output=" + out, "--provider=openai", "--baseUrl=" + server.baseUrl(),
          "--model=tracegen-embedded-1", "--cache=false", "--quiet");
      assertEquals(1, r.code(), r.err());
      Path failed = tmp.resolve("refused.failed");
      assertTrue(r.err().contains("diagnostics") && r.err().contains(failed.toString()), r.err());
      assertEquals(Set.of("refused.failed"), names(tmp));
      JsonNode run = Json.PLAIN.readTree(failed.resolve("run.json").toFile());
      assertEquals("failed", run.path("status").asText());
      assertTrue(run.path("error").asText().contains("401"), run.toString());
    }
  }

  /** SIGTERM in the middle of a run, to a real JVM: no staging directory, lock or output is left. */
  @Test
  void sigtermLeavesNoStagingBehind(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("killed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        TraceGen.class.getName(), "run", "--profile=pipeline/smoke.yaml", "--output=" + out, "--quiet"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile())
        .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      Path staging = null;
      while (staging == null && System.nanoTime() < deadline && p.isAlive()) {
        staging = staging(tmp);
        Thread.sleep(100);
      }
      assertTrue(staging != null, "the run never made a staging directory: " + Files.readString(tmp.resolve("log.txt")));
      Thread.sleep(4_000); // into the pipeline, with workers writing
      assertTrue(p.isAlive(), "the run ended before it could be stopped: " + Files.readString(tmp.resolve("log.txt")));
      assertTrue(Files.exists(tmp.resolve(".killed.lock")), "the run holds the lock while it runs");
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run did not stop on SIGTERM");
    } finally {
      p.destroyForcibly();
    }
    String log = Files.readString(tmp.resolve("log.txt"));
    assertEquals(Set.of("log.txt"), names(tmp), "left behind after SIGTERM; log:\n" + log);
    assertTrue(log.contains("stopped; removed the staging directory"), log);
  }

  private static Path staging(Path dir) throws IOException {
    for (String name : names(dir)) {
      if (name.startsWith(".killed.staging-")) {
        return dir.resolve(name);
      }
    }
    return null;
  }

  @Test
  void theTestClasspathIsAUsableJavaClasspath() {
    // The SIGTERM test starts a JVM with the test JVM's class path; guard against a runner that hides it.
    assertTrue(System.getProperty("java.class.path").split(File.pathSeparator).length > 10,
        System.getProperty("java.class.path"));
  }
}
