package dev.tracegen.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.io.Locations;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a run's reports next to its corpus: {@code stats.json}, {@code run.json}, the dataset
 * card ({@code README.md}) and {@code report.html}. The text comes from the renderers; this class
 * only fixes the names and the JSON layout. {@code dir} may be on any Beam file system.
 */
public final class ReportFiles {
  public static final String STATS = "stats.json";
  public static final String RUN = "run.json";
  public static final String CARD = "README.md";
  public static final String REPORT = "report.html";

  private ReportFiles() {}

  /** All four reports into {@code dir}. */
  public static void write(String dir, CorpusStats stats, RunFacts run, String card, String reportHtml)
      throws IOException {
    writeStats(dir, stats);
    writeRun(dir, run);
    ExportFiles.writeString(Locations.file(dir, CARD), card);
    writeReport(dir, reportHtml);
  }

  /** {@code stats.json} as {@link #statsJson} gives it; returns the file written. */
  public static String writeStats(String dir, CorpusStats stats) throws IOException {
    String file = Locations.file(dir, STATS);
    ExportFiles.writeString(file, statsJson(stats));
    return file;
  }

  /** {@code run.json}: pretty, keys sorted. */
  public static void writeRun(String dir, RunFacts run) throws IOException {
    ExportFiles.writeString(Locations.file(dir, RUN),
        Json.PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(run) + "\n");
  }

  /** {@code report.html}; returns the file written. */
  public static String writeReport(String dir, String reportHtml) throws IOException {
    String file = Locations.file(dir, REPORT);
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
