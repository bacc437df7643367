package dev.tracegen.report;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tracegen.export.CorpusStats;
import dev.tracegen.model.Json;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading a built corpus directory for the {@code stats} and {@code export} commands. */
public final class CorpusDir {
  private CorpusDir() {}

  /** Checks that {@code dir} looks like a tracegen output (shards present). */
  public static Path require(String command, String directory) {
    Path dir = Path.of(directory);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(command + ": not a directory: " + dir);
    }
    try (var files = Files.list(dir)) {
      if (files.noneMatch(f -> f.getFileName().toString().matches("(train|eval)-\\d{5}-of-\\d{5}\\.jsonl\\.gz"))) {
        throw new IllegalArgumentException(command + ": no train-/eval-NNNNN-of-NNNNN.jsonl.gz shards in " + dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** {@code run.json} of the corpus, or an empty map when there is none. */
  public static Map<String, Object> run(Path dir) {
    Path file = dir.resolve("run.json");
    if (!Files.isRegularFile(file)) {
      return new LinkedHashMap<>();
    }
    try {
      return Json.PLAIN.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** {@code given} unless it is unset or blank, else the run's option {@code runKey} (run.json), else {@code fallback}. */
  public static String option(String given, Map<String, Object> run, String runKey, String fallback) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    Object fromRun = Report.map(run.get("options")).get(runKey);
    return fromRun instanceof String s && !s.isBlank() ? s : fallback;
  }

  /** Dimension id to {@code label_zh} of a taxonomy directory; checker ids are not checked here. */
  public static Map<String, String> labels(Path taxonomy) {
    return TaxonomyLoader.load(taxonomy, id -> true).labelsZh();
  }

  /** The bytes {@code stats.json} holds for {@code stats}. */
  public static byte[] statsJson(Map<String, Object> stats) {
    try {
      Path tmp = Files.createTempFile("tracegen-stats", ".json");
      try {
        CorpusStats.write(tmp, stats);
        return Files.readAllBytes(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
