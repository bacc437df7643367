package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Json;
import dev.tracegen.report.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wave cut into several pipelines ({@code --maxPlansPerPipeline}) builds the same corpus. */
class WavePartsTest {
  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), com.google.common.hash.Hashing.sha256()
            .hashBytes(Files.readAllBytes(f)).toString());
      }
    }
    out.remove("run.json");
    out.remove("report.html");
    return out;
  }

  static int pipelines(Path out) throws IOException {
    return Json.PLAIN.readTree(out.resolve("run.json").toFile()).path("waves").path("pipelines").asInt();
  }

  @Test
  void aWaveInPartsGivesTheSameRecords(@TempDir Path tmp) throws IOException {
    String tiny = "--profile=src/test/resources/profiles/tiny.yaml";
    Cli.Result whole = Cli.execute("run", tiny, "--output=" + tmp.resolve("whole"), "--quiet");
    assertEquals(0, whole.code(), whole.err());
    Cli.Result parts = Cli.execute("run", tiny, "--output=" + tmp.resolve("parts"), "--maxPlansPerPipeline=20",
        "--quiet");
    assertEquals(0, parts.code(), parts.err());
    assertEquals(files(tmp.resolve("whole")), files(tmp.resolve("parts")));
    assertTrue(pipelines(tmp.resolve("parts")) > pipelines(tmp.resolve("whole")),
        pipelines(tmp.resolve("whole")) + " pipelines whole, " + pipelines(tmp.resolve("parts")) + " in parts");
  }
}
