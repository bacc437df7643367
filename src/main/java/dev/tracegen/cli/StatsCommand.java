package dev.tracegen.cli;

import static dev.tracegen.cli.OptionTable.row;

import dev.tracegen.cli.OptionTable.Group;
import dev.tracegen.export.ReportFiles;
import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.facts.RunOptions;
import dev.tracegen.io.Locations;
import dev.tracegen.io.ObjectStores;
import dev.tracegen.report.CorpusDir;
import dev.tracegen.report.Funnel;
import dev.tracegen.report.ReferenceSet;
import dev.tracegen.report.Report;
import dev.tracegen.report.ReportHtml;
import dev.tracegen.report.RunSummary;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * {@code tracegen stats DIR}: recomputes the statistics of a built corpus from its shards and
 * rejection files ({@link CorpusStats#compute}, the same code {@code run} uses), prints them and
 * compares them with the corpus's {@code stats.json}; optionally rewrites {@code stats.json} and
 * {@code report.html}. No LLM call and no pipeline.
 */
public final class StatsCommand {
  private static final Group OPTIONS_GROUP = new Group("Options");

  /** Where every StatsOptions option shows in {@code stats --help}; CorpusCommandsHelpTest checks that none is missing. */
  static final OptionTable OPTIONS = new OptionTable(List.of(StatsOptions.class), List.of(
      row("json", OPTIONS_GROUP),
      row("write", OPTIONS_GROUP),
      row("check", OPTIONS_GROUP),
      row("report", OPTIONS_GROUP),
      row("reference", OPTIONS_GROUP, "FILE"),
      row("taxonomy", OPTIONS_GROUP, "DIR")));

  private StatsCommand() {}

  /** StatsOptions' options only: stats takes none of Beam's. */
  static OptionCatalog catalog() {
    List<Class<? extends PipelineOptions>> interfaces = new ArrayList<>(List.of(StatsOptions.class));
    interfaces.addAll(ObjectStores.OPTIONS);
    return OptionCatalog.of("stats", interfaces).withoutPipelineOptions();
  }

  public static String help() {
    return "usage: tracegen stats DIR [--json] [--write] [--check] [--report [--reference=FILE] [--taxonomy=DIR]]\n"
        + Help.paragraph("Recomputes the statistics of the corpus in DIR from its shards and rejections/ with the "
            + "code a run uses (no LLM call, no pipeline), prints a summary and says whether DIR/stats.json holds "
            + "the same numbers.")
        + OPTIONS.render(catalog(), false)
        + Help.examples(
            "tracegen stats out/smoke",
            "tracegen stats out/smoke --check",
            "tracegen stats out/trace --report --reference=src/test/resources/reference/trace/trace_eval_official.jsonl")
        + Help.exitStatus(
            ExitStatus.OK.code() + "  done (with --check: stats.json is up to date)",
            ExitStatus.FAILED.code() + "  --check: stats.json is stale or missing",
            ExitStatus.USAGE.code() + "  bad options, or DIR is not a corpus");
  }

  public static int execute(String[] argv) throws IOException {
    CommandLine<StatsOptions> line = CommandLine.parse(catalog(), argv, List.of("DIR"), StatsOptions.class);
    StatsOptions args = line.options();
    String dir = CorpusDir.require("stats", line.positional().get(0));
    CorpusStats stats = CorpusStats.compute(dir);
    RunFacts run = CorpusDir.run(dir);
    if (run.planned() != null) {
      // The funnel starts at the plans the profile asked for, which only run.json records.
      stats = stats.withFunnel(Funnel.of(Stages.TRACE, run.planned(), stats));
    }
    byte[] json = ReportFiles.statsJson(stats).getBytes(StandardCharsets.UTF_8);
    String existing = Locations.file(dir, ReportFiles.STATS);
    boolean present = Locations.isFile(existing);
    boolean same = present && Arrays.equals(Locations.readString(existing).getBytes(StandardCharsets.UTF_8), json);
    PrintStream out = System.out;
    if (args.getJson()) {
      out.write(json);
      out.flush();
    } else {
      out.print(summary(stats));
      out.println(present
          ? "stats.json: " + (same ? "identical to the recomputed statistics" : "DIFFERS from the recomputed statistics")
          : "stats.json: missing");
    }
    if (args.getWrite()) {
      ReportFiles.writeStats(dir, stats);
      System.err.println("tracegen stats: wrote " + existing);
    }
    if (args.getReport()) {
      RunOptions options = run.options();
      String reference = CorpusDir.option(line.given("reference"), options == null ? null : options.reference(), "");
      ReferenceSet ref = reference.isBlank() ? null : ReferenceSet.load(Path.of(reference), CorpusDir.labels(
          Path.of(CorpusDir.option(line.given("taxonomy"), options == null ? null : options.taxonomy(), "taxonomy"))));
      if (run.funnel() == null && stats.funnel() != null) {
        run = run.withFunnel(stats.funnel());
      }
      System.err.println("tracegen stats: wrote "
          + ReportFiles.writeReport(dir, ReportHtml.render(Stages.TRACE, stats, run, ref)));
    }
    return args.getCheck() && !same ? ExitStatus.FAILED.code() : ExitStatus.OK.code();
  }

  /** A plain-text summary: records, constraint counts, dimensions, types, perturbations, rejections. */
  static String summary(CorpusStats s) {
    StringBuilder b = new StringBuilder();
    List<String> splits = new ArrayList<>(s.records().keySet());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"split", "records", "shards", "mean k", "words y1", "words y2"});
    for (String split : splits) {
      CorpusStats.Words w = s.wordsMean().getOrDefault(split, new CorpusStats.Words(0, 0));
      rows.add(new String[] {split, Report.count(s.records().get(split)),
          Report.count(s.shards().getOrDefault(split, 0L)), dec(s.constraintsMean().get(split)), dec(w.y1()),
          dec(w.y2())});
    }
    b.append(RunSummary.table(rows)).append('\n');

    List<String[]> hist = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("k"));
    header.addAll(splits);
    hist.add(header.toArray(String[]::new));
    Map<String, Map<String, Long>> h = s.constraintsHistogram();
    java.util.LinkedHashSet<String> ks = new java.util.LinkedHashSet<>();
    splits.forEach(sp -> ks.addAll(h.getOrDefault(sp, Map.of()).keySet()));
    for (String k : ks) {
      List<String> row = new ArrayList<>(List.of(k));
      splits.forEach(sp -> row.add(Report.count(h.getOrDefault(sp, Map.of()).getOrDefault(k, 0L))));
      hist.add(row.toArray(String[]::new));
    }
    b.append(RunSummary.table(hist)).append('\n');

    b.append(ranked("dimensions", splits, s.dimensions())).append('\n');
    b.append(ranked("types", splits, s.types())).append('\n');
    b.append(ranked("perturbation_ops", splits, s.perturbationOps())).append('\n');
    CorpusStats.Rejections rej = s.rejections();
    List<String[]> rr = new ArrayList<>();
    rr.add(new String[] {"rejected at", "reason", "count"});
    rej.byStageReason().forEach((stage, reasons) -> reasons
        .forEach((reason, n) -> rr.add(new String[] {stage, reason, Report.count(n)})));
    rr.add(new String[] {"total", "", Report.count(rej.total())});
    b.append(RunSummary.table(rr));
    return b.toString();
  }

  private static String ranked(String what, List<String> splits, Map<String, Map<String, Long>> bySplit) {
    java.util.Map<String, Long> total = new java.util.TreeMap<>();
    splits.forEach(sp -> bySplit.getOrDefault(sp, Map.of()).forEach((k, v) -> total.merge(k, v, Long::sum)));
    List<String> keys = new ArrayList<>(total.keySet());
    keys.sort(Comparator.comparing((String k) -> -total.get(k)).thenComparing(k -> k));
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of(what));
    header.addAll(splits);
    rows.add(header.toArray(String[]::new));
    for (String k : keys) {
      List<String> row = new ArrayList<>(List.of(k));
      splits.forEach(sp -> row.add(Report.count(bySplit.getOrDefault(sp, Map.of()).getOrDefault(k, 0L))));
      rows.add(row.toArray(String[]::new));
    }
    return RunSummary.table(rows);
  }

  private static String dec(Double d) {
    return String.format(Locale.ROOT, "%.2f", d == null ? 0.0 : d);
  }
}
