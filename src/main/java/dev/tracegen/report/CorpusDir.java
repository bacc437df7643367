package dev.tracegen.report;

import dev.tracegen.export.ReportFiles;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.io.Locations;
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

  /**
   * Checks that {@code directory} (a local path or any Beam location, e.g. {@code s3://bucket/out})
   * looks like a tracegen output (shards present) and returns it.
   */
  public static String require(String command, String directory) {
    if (Locations.isLocal(directory) && !Files.isDirectory(Locations.localPath(directory))) {
      throw new IllegalArgumentException(command + ": not a directory: " + directory);
    }
    try {
      if (Locations.files(directory, "*.jsonl.gz").stream().map(f -> f.substring(f.lastIndexOf('/') + 1))
          .noneMatch(name -> name.matches("(train|eval)-\\d{5}-of-\\d{5}\\.jsonl\\.gz"))) {
        throw new IllegalArgumentException(command + ": no train-/eval-NNNNN-of-NNNNN.jsonl.gz shards in " + directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
    return directory;
  }

  /** {@code run.json} of the corpus, or {@link RunFacts#NONE} when there is none. */
  public static RunFacts run(String dir) {
    String file = Locations.file(dir, ReportFiles.RUN);
    try {
      if (!Locations.isFile(file)) {
        return RunFacts.NONE;
      }
      return Json.PLAIN.readValue(Locations.readString(file), RunFacts.class);
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

  /** Dimension id to checker id of a taxonomy directory, for its dimensions with a checker. */
  public static Map<String, String> checkerIds(Path taxonomy) {
    return TaxonomyLoader.load(taxonomy, id -> true).checkerIds();
  }
}
