package dev.tracegen.report;

import static dev.tracegen.report.HtmlCharts.CSS;
import static dev.tracegen.report.HtmlCharts.PALETTE;
import static dev.tracegen.report.HtmlCharts.WIDTH;
import static dev.tracegen.report.HtmlCharts.bars;
import static dev.tracegen.report.HtmlCharts.kpi;
import static dev.tracegen.report.HtmlCharts.legend;
import static dev.tracegen.report.HtmlCharts.paletteList;

import dev.tracegen.export.ExportFiles;
import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.LlmStepCounts;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.facts.RunWaste;
import dev.tracegen.facts.Waste;
import dev.tracegen.report.HtmlCharts.Html;
import dev.tracegen.report.HtmlCharts.Svg;
import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: a self-contained page (inline CSS and SVG, no script, no external URL, no
 * font or image to fetch) with the build's charts: constraint-count histogram (train vs eval vs a
 * reference eval set), dimension and type mix, per-stage funnel, rejection reasons, and LLM calls
 * and tokens per step. It is well-formed XHTML, so XML tools can read it.
 *
 * <p>Everything comes from {@code stats.json} (deterministic) and {@code run.json} (which holds
 * run-specific numbers such as wall time, calls per second and LLM calls, which differ between a
 * fresh run and a cached rerun); the report is therefore, like {@code run.json}, not byte-identical
 * across reruns.
 */
public final class ReportHtml {
  public static final String FILE = "report.html";

  static final String TRAIN_COLOR = "#4269d0";
  static final String EVAL_COLOR = "#efb118";
  static final String REFERENCE_COLOR = "#3ca951";
  static final String UNMAPPED = "(labels of no dimension)";

  private ReportHtml() {}

  /** The report of a run of the flow {@code flow}: stages in its order, by its titles. */
  public static String render(Stages flow, CorpusStats statsIn, RunFacts runIn, ReferenceSet reference) {
    CorpusStats stats = statsIn == null ? CorpusStats.EMPTY : statsIn;
    RunFacts run = runIn == null ? RunFacts.NONE : runIn;
    Html h = new Html();
    String profile = or(run.profile(), "corpus");
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .open("title").text("tracegen report: " + profile).close("title").raw("\n")
        .open("style").raw(CSS).close("style").raw("\n</head>\n<body>\n");

    h.open("header").open("h1").text("tracegen report").open("span", "class", "sub").text(" " + profile).close("span")
        .close("h1");
    h.open("p", "class", "meta").text("generator " + or(run.generator(), "unknown") + " · judge "
        + or(run.judge(), "unknown") + " · taxonomy " + or(run.taxonomyVersion(), "unknown")
        + " · run seed " + run.runSeed() + " · tracegen " + or(run.version(), "?"))
        .close("p").close("header").raw("\n");

    kpis(h, stats, run, reference);
    histogram(h, stats, reference);
    types(h, stats);
    dimensions(h, stats, reference);
    funnel(h, flow, run);
    rejections(h, flow, stats);
    judge(h, stats);
    llm(h, flow, run);
    waste(h, flow, stats, run);

    h.open("footer").open("p").text("Written by tracegen run next to the corpus. All numbers except the LLM work and the"
        + " timings come from the corpus files and are the same on every rerun; LLM calls, cache hits and wall time"
        + " describe this run (a cached rerun makes no calls), like run.json.").close("p").close("footer");
    h.raw("\n</body>\n</html>\n");
    return h.toString();
  }

  // ---- sections --------------------------------------------------------------------------------

  private static void kpis(Html h, CorpusStats s, RunFacts run, ReferenceSet ref) {
    LlmStepCounts llm = run.llmTotal();
    long calls = llm.calls();
    double wall = run.wallSeconds();
    h.open("section", "class", "kpis");
    kpi(h, "train records", Report.count(s.records().getOrDefault("train", 0L)),
        "mean " + decimal(s.constraintsMean().get("train")) + " constraints");
    kpi(h, "eval records", Report.count(s.records().getOrDefault("eval", 0L)),
        "mean " + decimal(s.constraintsMean().get("eval")) + " constraints");
    if (ref != null) {
      kpi(h, "reference", Report.count(ref.records()), "mean " + String.format(Locale.ROOT, "%.2f", ref.mean())
          + " constraints · " + ref.name());
    }
    kpi(h, "rejected", Report.count(s.rejections().total()), "candidates and seed lines");
    kpi(h, "LLM calls", Report.count(calls), Report.count(llm.cacheHits()) + " from cache · "
        + Report.human(llm.tokensIn() + llm.tokensOut()) + " tokens");
    kpi(h, "wall time", Report.clock(wall), wall > 0 ? String.format(Locale.ROOT, "%.1f calls/s", calls / wall) : "");
    h.close("section").raw("\n");
  }

  private static void histogram(Html h, CorpusStats s, ReferenceSet ref) {
    List<String> series = new ArrayList<>();
    List<String> colors = new ArrayList<>();
    List<Map<String, Long>> data = new ArrayList<>();
    for (String split : List.of("train", "eval")) {
      Map<String, Long> m = s.constraintsHistogram().getOrDefault(split, Map.of());
      series.add(split + " (n=" + Report.count(sum(m)) + ")");
      colors.add(split.equals("train") ? TRAIN_COLOR : EVAL_COLOR);
      data.add(m);
    }
    if (ref != null) {
      series.add(ref.name() + " (n=" + Report.count(ref.records()) + ")");
      colors.add(REFERENCE_COLOR);
      data.add(ref.histogram());
    }
    List<String> ks = new ArrayList<>();
    for (int k = 1; k <= 15; k++) {
      ks.add(String.valueOf(k));
    }
    double[][] share = new double[series.size()][ks.size()];
    long[][] counts = new long[series.size()][ks.size()];
    for (int si = 0; si < series.size(); si++) {
      long total = sum(data.get(si));
      for (int ki = 0; ki < ks.size(); ki++) {
        counts[si][ki] = data.get(si).getOrDefault(ks.get(ki), 0L);
        share[si][ki] = total == 0 ? 0 : 100.0 * counts[si][ki] / total;
      }
    }
    section(h, "histogram", "Constraints per instruction",
        "Share of each split's records by number of constraints (x1)"
            + (ref == null ? "; pass --reference=FILE (or name one in the profile as reference) to compare with a reference eval set." : ", against " + ref.name() + "."));
    columns(h, ks, series, colors, share, counts, "constraints per instruction");
    h.close("section").raw("\n");
  }

  private static void dimensions(Html h, CorpusStats s, ReferenceSet ref) {
    List<String> series = new ArrayList<>(List.of("train", "eval"));
    List<String> colors = new ArrayList<>(List.of(TRAIN_COLOR, EVAL_COLOR));
    List<Map<String, Long>> data = new ArrayList<>();
    for (String split : List.of("train", "eval")) {
      data.add(s.dimensions().getOrDefault(split, Map.of()));
    }
    if (ref != null) {
      series.add(ref.name());
      colors.add(REFERENCE_COLOR);
      // Reference labels that name no dimension of ours (stray labels) are pooled in one row.
      Set<String> ours = new java.util.HashSet<>(data.get(0).keySet());
      ours.addAll(data.get(1).keySet());
      Map<String, Long> m = new LinkedHashMap<>();
      ref.dimensions().forEach((k, v) -> m.merge(ref.known().contains(k) || ours.contains(k) ? k : UNMAPPED, v, Long::sum));
      data.add(m);
    }
    Map<String, Long> order = new LinkedHashMap<>();
    for (Map<String, Long> m : data) {
      long total = sum(m);
      m.forEach((k, v) -> order.merge(k, total == 0 ? 0 : v * 1_000_000 / total, Long::sum));
    }
    List<String> rows = new ArrayList<>(order.keySet());
    rows.sort(Comparator.comparing((String k) -> -order.get(k)).thenComparing(k -> k));
    double[][] values = new double[rows.size()][series.size()];
    long[][] counts = new long[rows.size()][series.size()];
    for (int si = 0; si < series.size(); si++) {
      long total = sum(data.get(si));
      for (int r = 0; r < rows.size(); r++) {
        counts[r][si] = data.get(si).getOrDefault(rows.get(r), 0L);
        values[r][si] = total == 0 ? 0 : 100.0 * counts[r][si] / total;
      }
    }
    section(h, "dimensions", "Dimension mix",
        "Share of each split's constraints (x1) by taxonomy dimension" + (ref == null ? "." : "; the reference's levels2 labels"
            + " are mapped to dimensions through label_zh."));
    bars(h, rows, series, colors, values, counts,
        v -> v > 0 && v < 0.05 ? "<0.1%" : String.format(Locale.ROOT, "%.1f%%", v));
    h.close("section").raw("\n");
  }

  private static void types(Html h, CorpusStats s) {
    Map<String, Map<String, Long>> types = s.types();
    Set<String> all = new LinkedHashSet<>();
    for (String split : List.of("train", "eval")) {
      all.addAll(new java.util.TreeSet<>(types.getOrDefault(split, Map.of()).keySet()));
    }
    List<String> names = new ArrayList<>(new java.util.TreeSet<>(all));
    section(h, "types", "Constraint types", "Share of each split's constraints (x1) by constraint type.");
    int rowH = 34;
    int left = 70;
    int height = 2 * rowH + 40;
    Svg svg = new Svg(WIDTH, height, "constraint types by split");
    int x0 = left;
    int area = WIDTH - left - 20;
    int y = 10;
    for (String split : List.of("train", "eval")) {
      Map<String, Long> m = types.getOrDefault(split, Map.of());
      long total = sum(m);
      svg.text(left - 8, y + 17, split, "end", "label");
      double x = x0;
      for (int i = 0; i < names.size(); i++) {
        long n = m.getOrDefault(names.get(i), 0L);
        double w = total == 0 ? 0 : area * (double) n / total;
        String tip = split + " · " + names.get(i) + ": " + Report.count(n) + " ("
            + String.format(Locale.ROOT, "%.1f%%", total == 0 ? 0 : 100.0 * n / total) + ")";
        svg.rect(x, y, w, 24, PALETTE[i % PALETTE.length], tip);
        if (w > 60) {
          svg.text(x + w / 2, y + 16, names.get(i) + " " + String.format(Locale.ROOT, "%.0f%%", 100.0 * n / total),
              "middle", "inbar");
        }
        x += w;
      }
      y += rowH;
    }
    legend(svg, names, paletteList(names.size()), left, y + 6);
    h.raw(svg.toString());
    h.close("section").raw("\n");
  }

  /** A stage's title where the flow declares it, else its id (a stage of another tracegen version). */
  private static String title(Stages flow, String id) {
    return flow.byId(id).map(Stage::title).orElse(id);
  }

  private static void funnel(Html h, Stages flow, RunFacts run) {
    Map<String, Long> funnel = Funnel.ordered(flow, run.funnel() == null ? Map.of() : run.funnel());
    section(h, "funnel", "Per-stage funnel", "Candidates left after each stage, from the planned count down to the"
        + " records selected; the table under it has what each stage rejected.");
    if (funnel.isEmpty()) {
      h.open("p").text("No funnel in run.json.").close("p").close("section");
      return;
    }
    List<String> ids = new ArrayList<>(funnel.keySet());
    List<String> rows = ids.stream().map(id -> title(flow, id)).toList();
    double[][] values = new double[rows.size()][1];
    long[][] counts = new long[rows.size()][1];
    for (int i = 0; i < rows.size(); i++) {
      counts[i][0] = funnel.get(ids.get(i));
      values[i][0] = counts[i][0];
    }
    bars(h, rows, List.of("candidates"), List.of(TRAIN_COLOR), values, counts, v -> Report.count((long) v));
    h.open("table").open("thead").open("tr");
    for (String c : List.of("stage", "in", "kept", "rejected", "kept %")) {
      h.open("th").text(c).close("th");
    }
    h.close("tr").close("thead").open("tbody");
    for (Funnel.Row r : Funnel.rows(flow, funnel)) {
      long in = r.in();
      h.open("tr").open("td").text(title(flow, r.stage())).close("td")
          .open("td", "class", "n").text(Report.count(in)).close("td")
          .open("td", "class", "n").text(Report.count(r.kept())).close("td")
          .open("td", "class", "n").text(Report.count(r.rejected())).close("td")
          .open("td", "class", "n").text(in == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * r.kept() / in))
          .close("td").close("tr");
    }
    h.close("tbody").close("table").close("section").raw("\n");
  }

  private static void rejections(Html h, Stages flow, CorpusStats s) {
    Map<String, Map<String, Long>> byReason = s.rejections().byStageReason();
    section(h, "rejections", "Rejection reasons", "Every dropped candidate (and bad seed line) is in rejections/<stage>.jsonl;"
        + " here by stage and reason.");
    List<String> rows = new ArrayList<>();
    List<Long> n = new ArrayList<>();
    List<String> order = new ArrayList<>(Funnel.stages(flow, byReason.keySet()));
    order.add(0, Stages.READ_SEEDS.id());
    for (String stage : order) {
      for (Map.Entry<String, Long> e : byReason.getOrDefault(stage, Map.of()).entrySet()) {
        rows.add(title(flow, stage) + " · " + e.getKey());
        n.add(e.getValue());
      }
    }
    if (rows.isEmpty()) {
      h.open("p").text("No rejections were recorded.").close("p").close("section").raw("\n");
      return;
    }
    double[][] values = new double[rows.size()][1];
    long[][] counts = new long[rows.size()][1];
    for (int i = 0; i < rows.size(); i++) {
      values[i][0] = n.get(i);
      counts[i][0] = n.get(i);
    }
    bars(h, rows, List.of("rejected"), List.of("#ff725c"), values, counts, v -> Report.count((long) v));
    h.close("section").raw("\n");
  }

  private static void judge(Html h, CorpusStats stats) {
    CorpusStats.JudgeStats judge = stats.judge() == null ? new CorpusStats.JudgeStats(null, null) : stats.judge();
    Map<String, Long> methods = judge.verdictsByMethod();
    CorpusStats.Calibration cal = judge.calibration();
    section(h, "judge", "Verdicts and judge calibration", "Constraint verdicts of the four pairings of every record by"
        + " method; on a sample of checker-decided constraints the LLM judge was asked too (--judgeCalibration), and"
        + " how often it reached the checker's pass/fail says how far its verdicts on the constraints no program can"
        + " check can be trusted with this model.");
    h.open("p").text("checker " + Report.count(methods.getOrDefault("checker", 0L)) + " · LLM judge "
        + Report.count(methods.getOrDefault("llm", 0L)) + " · calibration: judge agreed with the checker on "
        + Report.count(cal.agreed()) + " of " + Report.count(cal.asked())
        + (cal.agreement() == null ? "" : String.format(Locale.ROOT, " (%.1f %%)", 100 * cal.agreement())))
        .close("p");
    Map<String, CorpusStats.Agreement> byDimension = cal.byDimension();
    if (!byDimension.isEmpty()) {
      h.open("table").open("thead").open("tr");
      for (String c : List.of("dimension", "asked", "agreed", "agreement %")) {
        h.open("th").text(c).close("th");
      }
      h.close("tr").close("thead").open("tbody");
      for (Map.Entry<String, CorpusStats.Agreement> e : byDimension.entrySet()) {
        long asked = e.getValue().asked();
        long agreed = e.getValue().agreed();
        h.open("tr").open("td").text(e.getKey()).close("td")
            .open("td", "class", "n").text(Report.count(asked)).close("td")
            .open("td", "class", "n").text(Report.count(agreed)).close("td")
            .open("td", "class", "n").text(asked == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * agreed / asked))
            .close("td").close("tr");
      }
      h.close("tbody").close("table");
    }
    h.close("section").raw("\n");
  }

  private static void llm(Html h, Stages flow, RunFacts run) {
    Map<String, LlmStepCounts> llm = run.llm();
    section(h, "llm", "LLM calls and tokens per step", "Answers used per step (cache hits included) and tokens"
        + " sent and received; these describe this run.");
    if (llm.isEmpty()) {
      h.open("p").text("No LLM counters in run.json.").close("p").close("section").raw("\n");
      return;
    }
    List<String> steps = new ArrayList<>();
    for (Stage stage : flow.all()) {
      if (llm.containsKey(stage.id())) {
        steps.add(stage.id());
      }
    }
    llm.keySet().stream().filter(k -> !steps.contains(k)).sorted().forEach(steps::add);
    double[][] calls = new double[steps.size()][2];
    long[][] callCounts = new long[steps.size()][2];
    double[][] tokens = new double[steps.size()][2];
    long[][] tokenCounts = new long[steps.size()][2];
    for (int i = 0; i < steps.size(); i++) {
      LlmStepCounts c = llm.get(steps.get(i));
      callCounts[i] = new long[] {c.sent(), c.cacheHits()};
      calls[i] = new double[] {c.sent(), c.cacheHits()};
      tokenCounts[i] = new long[] {c.tokensIn(), c.tokensOut()};
      tokens[i] = new double[] {tokenCounts[i][0], tokenCounts[i][1]};
    }
    h.open("h3").text("Calls").close("h3");
    List<String> labels = steps.stream().map(id -> title(flow, id)).toList();
    bars(h, labels, List.of("sent to the model", "from cache"), List.of(TRAIN_COLOR, "#9498a0"), calls, callCounts,
        v -> Report.count((long) v));
    h.open("h3").text("Tokens").close("h3");
    bars(h, labels, List.of("tokens in", "tokens out"), List.of("#6cc5b0", "#a463f2"), tokens, tokenCounts,
        v -> Report.human((long) v));
    h.open("table").open("thead").open("tr");
    for (String c : List.of("step", "calls", "cache hits", "retries", "failures", "repairs", "tokens in", "tokens out")) {
      h.open("th").text(c).close("th");
    }
    h.close("tr").close("thead").open("tbody");
    for (String step : steps) {
      LlmStepCounts c = llm.get(step);
      h.open("tr").open("td").text(step).close("td");
      for (long v : new long[] {c.calls(), c.cacheHits(), c.retries(), c.failures(), c.repairs(), c.tokensIn(),
          c.tokensOut()}) {
        h.open("td", "class", "n").text(Report.count(v)).close("td");
      }
      h.close("tr");
    }
    h.close("tbody").close("table").close("section").raw("\n");
  }

  /**
   * LLM work on published records against candidates that did not ship, per step and per stage of
   * loss, from stats.json (every request, cache hits included); the last column is what this run
   * sent (run.json), when known.
   */
  private static void waste(Html h, Stages flow, CorpusStats stats, RunFacts run) {
    Waste w = stats.waste();
    if (w == null) {
      return;
    }
    section(h, "waste", "Waste: LLM work on candidates that did not ship", "Requests and tokens per step spent on "
        + "the published records and on candidates dropped later, cache hits included (the same on every rerun)"
        + (run.waste() == null ? "." : "; the last column is the part of the requests this run sent that did not ship."));
    h.open("table").open("thead").open("tr");
    List<String> head = new ArrayList<>(List.of("step", "requests shipped", "not shipped", "not shipped %",
        "tokens not shipped %"));
    if (run.waste() != null) {
      head.add("sent this run, not shipped %");
    }
    for (String c : head) {
      h.open("th").text(c).close("th");
    }
    h.close("tr").close("thead").open("tbody");
    Map<String, Waste.Part> steps = new LinkedHashMap<>(w.byStep());
    steps.put("total", Waste.Part.of(w.shipped(), w.notShipped()));
    steps.forEach((step, p) -> {
      h.open("tr").open("td").text(step).close("td");
      cell(h, Report.count(p.shipped().requests()));
      cell(h, Report.count(p.notShipped().requests()));
      cell(h, percent(p.notShippedShare().requests()));
      cell(h, percent(p.notShippedShare().tokens()));
      if (run.waste() != null) {
        RunWaste.Part paid = "total".equals(step)
            ? new RunWaste.Part(run.waste().shipped(), run.waste().notShipped(), run.waste().notShippedShare())
            : run.waste().byStep().get(step);
        cell(h, paid == null || paid.shipped().sent() + paid.notShipped().sent() == 0 ? "-"
            : percent(paid.notShippedShare().requests()));
      }
      h.close("tr");
    });
    h.close("tbody").close("table");
    if (!w.byStage().isEmpty()) {
      h.open("h3").text("Per stage of loss").close("h3");
      h.open("table").open("thead").open("tr");
      for (String c : List.of("stage", "candidates dropped", "requests", "tokens", "share of requests")) {
        h.open("th").text(c).close("th");
      }
      h.close("tr").close("thead").open("tbody");
      for (String stage : RunSummary.inOrder(flow, w.byStage().keySet())) {
        Waste.Loss l = w.byStage().get(stage);
        h.open("tr").open("td").text(title(flow, stage)).close("td");
        cell(h, Report.count(l.records()));
        cell(h, Report.count(l.requests()));
        cell(h, Report.human(l.tokensIn() + l.tokensOut()));
        cell(h, percent(l.share().requests()));
        h.close("tr");
      }
      h.close("tbody").close("table");
    }
    h.close("section").raw("\n");
  }

  private static void cell(Html h, String text) {
    h.open("td", "class", "n").text(text).close("td");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100.0 * share);
  }

  // ---- charts ----------------------------------------------------------------------------------

  private static void section(Html h, String id, String title, String note) {
    h.open("section", "id", id).open("h2").text(title).close("h2").open("p", "class", "note").text(note).close("p");
  }

  /** Grouped vertical columns: one group per category, one column per series; values in percent. */
  private static void columns(Html h, List<String> cats, List<String> series, List<String> colors, double[][] pct,
      long[][] counts, String axis) {
    int height = 340;
    int left = 50;
    int bottom = 44;
    int top = 34;
    int plotH = height - top - bottom;
    int plotW = WIDTH - left - 10;
    double max = 1;
    for (double[] row : pct) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    double step = niceStep(max / 5);
    double ceil = Math.ceil(max / step) * step;
    Svg svg = new Svg(WIDTH, height, axis);
    legend(svg, series, colors, left, 14);
    for (double t = 0; t <= ceil + 1e-9; t += step) {
      double y = top + plotH - plotH * t / ceil;
      svg.line(left, y, left + plotW, y, "grid");
      svg.text(left - 6, y + 4, String.format(Locale.ROOT, "%.0f%%", t), "end", "tick");
    }
    double group = (double) plotW / cats.size();
    double barW = group * 0.8 / series.size();
    for (int c = 0; c < cats.size(); c++) {
      double gx = left + c * group + group * 0.1;
      for (int s = 0; s < series.size(); s++) {
        double hgt = plotH * pct[s][c] / ceil;
        svg.rect(gx + s * barW, top + plotH - hgt, Math.max(barW - 1, 1), hgt, colors.get(s),
            series.get(s) + " · k=" + cats.get(c) + ": " + Report.count(counts[s][c]) + " ("
                + String.format(Locale.ROOT, "%.1f%%", pct[s][c]) + ")");
      }
      svg.text(left + c * group + group / 2, top + plotH + 16, cats.get(c), "middle", "tick");
    }
    svg.line(left, top + plotH, left + plotW, top + plotH, "axis");
    svg.text(left + plotW / 2.0, height - 8, axis, "middle", "label");
    h.raw(svg.toString());
  }

  static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  }

  private static long sum(Map<String, Long> m) {
    long n = 0;
    for (long v : m.values()) {
      n += v;
    }
    return n;
  }

  private static String decimal(Double d) {
    return String.format(Locale.ROOT, "%.2f", d == null ? 0.0 : d);
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }

}
