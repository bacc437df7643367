package dev.tracegen.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes a run's reports next to its corpus: {@code stats.json}, {@code run.json}, the dataset
 * card ({@code README.md}) and {@code report.html}. The text comes from the renderers; this class
 * only fixes the names and the JSON layout.
 */
public final class ReportFiles {
  public static final String STATS = "stats.json";
  public static final String RUN = "run.json";
  public static final String CARD = "README.md";
  public static final String REPORT = "report.html";

  private ReportFiles() {}

  /** All four reports into {@code dir}. */
  public static void write(Path dir, CorpusStats stats, RunFacts run, String card, String reportHtml) throws IOException {
    writeStats(dir, stats);
    writeRun(dir, run);
    ExportFiles.writeString(dir.resolve(CARD), card);
    writeReport(dir, reportHtml);
  }

  /** {@code stats.json} as {@link #statsJson} gives it. */
  public static Path writeStats(Path dir, CorpusStats stats) throws IOException {
    Path file = dir.resolve(STATS);
    ExportFiles.writeString(file, statsJson(stats));
    return file;
  }

  /** {@code run.json}: pretty, keys sorted. */
  public static void writeRun(Path dir, RunFacts run) throws IOException {
    ExportFiles.writeString(dir.resolve(RUN), Json.PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(run) + "\n");
  }

  public static Path writeReport(Path dir, String reportHtml) throws IOException {
    Path file = dir.resolve(REPORT);
    ExportFiles.writeString(file, reportHtml);
    return file;
  }

  /**
   * {@code stats.json}'s text: pretty JSON with {@code "\n"} line ends and the fields in the order
   * {@link CorpusStats} declares them, so equal statistics give equal bytes on every OS.
   */
  public static String statsJson(CorpusStats stats) {
    try {
      return ExportFiles.pretty(ExportFiles.ORDERED).writeValueAsString(stats) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
