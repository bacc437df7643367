package dev.tracegen.report;

import dev.tracegen.export.ReportFiles;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.model.Json;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** {@code run.json} of the corpus, or {@link RunFacts#NONE} when there is none. */
  public static RunFacts run(Path dir) {
    Path file = dir.resolve(ReportFiles.RUN);
    if (!Files.isRegularFile(file)) {
      return RunFacts.NONE;
    }
    try {
      return Json.PLAIN.readValue(file.toFile(), RunFacts.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** {@code given} unless it is unset or blank, else the run's value {@code fromRun} (run.json), else {@code fallback}. */
  public static String option(String given, String fromRun, String fallback) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    return fromRun != null && !fromRun.isBlank() ? fromRun : fallback;
  }

  /** Dimension id to {@code label_zh} of a taxonomy directory; checker ids are not checked here. */
  public static Map<String, String> labels(Path taxonomy) {
    return TaxonomyLoader.load(taxonomy, id -> true).labelsZh();
  }
}
