package dev.tracegen.report;

import com.google.common.base.CharMatcher;
import com.google.common.html.HtmlEscapers;
import dev.tracegen.export.ExportFiles;
import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.LlmStepCounts;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.facts.RunWaste;
import dev.tracegen.facts.Waste;
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
import java.util.function.DoubleFunction;

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
  static final String[] PALETTE = {"#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2",
      "#97bbf5", "#9c6b4e", "#9498a0"};
  private static final int WIDTH = 1100;
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

  private static void kpi(Html h, String label, String value, String note) {
    h.open("div", "class", "kpi").open("div", "class", "label").text(label).close("div")
        .open("div", "class", "value").text(value).close("div")
        .open("div", "class", "note").text(note).close("div").close("div");
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

  /** Horizontal bars: one row per label, one bar per series, scaled to the largest value. */
  private static void bars(Html h, List<String> labels, List<String> series, List<String> colors, double[][] values,
      long[][] counts, DoubleFunction<String> fmt) {
    int labelW = 260;
    int valueW = 90;
    int barH = series.size() > 2 ? 10 : series.size() == 2 ? 12 : 16;
    int rowH = series.size() * barH + (series.size() > 1 ? 8 : 4);
    int top = series.size() > 1 ? 30 : 8;
    int height = top + labels.size() * rowH + 8;
    double max = 0;
    for (double[] row : values) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    double area = WIDTH - labelW - valueW;
    Svg svg = new Svg(WIDTH, height, String.join(", ", series));
    if (series.size() > 1) {
      legend(svg, series, colors, labelW, 14);
    }
    for (int r = 0; r < labels.size(); r++) {
      double y = top + r * rowH;
      svg.text(labelW - 8, y + rowH / 2.0 + 2, labels.get(r), "end", "label");
      for (int s = 0; s < series.size(); s++) {
        double w = max == 0 ? 0 : area * values[r][s] / max;
        double by = y + 3 + s * barH;
        svg.rect(labelW, by, w, barH - 2, colors.get(s),
            labels.get(r) + " · " + series.get(s) + ": " + Report.count(counts[r][s]));
        svg.text(labelW + w + 4, by + barH - 3, fmt.apply(values[r][s]), "start", "val");
      }
    }
    h.raw(svg.toString());
  }

  private static void legend(Svg svg, List<String> names, List<String> colors, double x, double y) {
    double at = x;
    for (int i = 0; i < names.size(); i++) {
      svg.rect(at, y - 10, 12, 12, colors.get(i), names.get(i));
      svg.text(at + 16, y, names.get(i), "start", "legend");
      at += 28 + 7.2 * names.get(i).length();
    }
  }

  private static List<String> paletteList(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PALETTE[i % PALETTE.length]);
    }
    return out;
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

  // ---- XML writing -----------------------------------------------------------------------------

  private static final CharMatcher CONTROL = CharMatcher.inRange('\u0000', '\u001f').and(CharMatcher.noneOf("\n\t"));

  static String escape(String s) {
    // Only characters XML 1.0 allows: a control character would make the page unparsable.
    return HtmlEscapers.htmlEscaper().escape(CONTROL.removeFrom(s));
  }

  /** A minimal well-formed XHTML writer: attributes and text are always escaped. */
  private static final class Html {
    private final StringBuilder b = new StringBuilder(64 * 1024);

    Html open(String tag, String... attrs) {
      b.append('<').append(tag);
      for (int i = 0; i + 1 < attrs.length; i += 2) {
        b.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
      }
      b.append('>');
      return this;
    }

    Html close(String tag) {
      b.append("</").append(tag).append('>');
      return this;
    }

    Html text(String t) {
      b.append(escape(t));
      return this;
    }

    Html raw(String s) {
      b.append(s);
      return this;
    }

    @Override
    public String toString() {
      return b.toString();
    }
  }

  /** An inline SVG with a title (for screen readers) and tooltips on every mark. */
  private static final class Svg {
    private final StringBuilder b = new StringBuilder();

    Svg(int w, int h, String title) {
      b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ').append(h)
          .append("\" width=\"100%\" role=\"img\"><title>").append(escape(title)).append("</title>\n");
    }

    void rect(double x, double y, double w, double h, String fill, String tip) {
      b.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(Math.max(0, w)))
          .append("\" height=\"").append(f(Math.max(0, h))).append("\" fill=\"").append(fill).append("\"><title>")
          .append(escape(tip)).append("</title></rect>\n");
    }

    void line(double x1, double y1, double x2, double y2, String cls) {
      b.append("<line class=\"").append(cls).append("\" x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1))
          .append("\" x2=\"").append(f(x2)).append("\" y2=\"").append(f(y2)).append("\"/>\n");
    }

    void text(double x, double y, String t, String anchor, String cls) {
      b.append("<text class=\"").append(cls).append("\" x=\"").append(f(x)).append("\" y=\"").append(f(y))
          .append("\" text-anchor=\"").append(anchor).append("\">").append(escape(t)).append("</text>\n");
    }

    private static String f(double v) {
      return String.format(Locale.ROOT, "%.1f", v);
    }

    @Override
    public String toString() {
      return b.append("</svg>\n").toString();
    }
  }

  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;",
      "  margin:0 auto;max-width:1180px;padding:24px 32px;color:#1d2330;background:#fafbfc}",
      "header h1{margin:0 0 4px;font-size:28px}",
      "header .sub{color:#5b6475;font-weight:400}",
      "p.meta{color:#5b6475;margin:0 0 16px;font-size:14px}",
      "section.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0;padding:0;background:none;border:none}",
      ".kpi{background:#fff;border:1px solid #e3e6ec;border-radius:8px;padding:8px 14px;flex:1 1 140px}",
      ".kpi .label{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5b6475}",
      ".kpi .value{font-size:26px;font-weight:600}",
      ".kpi .note{font-size:12px;color:#5b6475}",
      "section{background:#fff;border:1px solid #e3e6ec;border-radius:8px;padding:12px 20px;margin:16px 0}",
      "section h2{margin:4px 0 2px;font-size:20px}",
      "section h3{margin:10px 0 2px;font-size:15px;color:#3a4252}",
      "p.note{margin:0 0 8px;color:#5b6475;font-size:13px}",
      "svg{display:block;max-width:100%;height:auto}",
      "svg text{font-family:inherit;fill:#1d2330}",
      "svg .tick{font-size:12px;fill:#5b6475}",
      "svg .label{font-size:13px}",
      "svg .legend{font-size:13px}",
      "svg .val{font-size:10px;fill:#3a4252}",
      "svg .inbar{font-size:12px;fill:#fff;font-weight:600}",
      "svg .grid{stroke:#e3e6ec;stroke-width:1}",
      "svg .axis{stroke:#5b6475;stroke-width:1}",
      "table{border-collapse:collapse;margin:8px 0;font-size:13px}",
      "th,td{border-bottom:1px solid #e3e6ec;padding:3px 10px;text-align:left}",
      "td.n{text-align:right;font-variant-numeric:tabular-nums}",
      "footer{color:#5b6475;font-size:12px;margin-top:20px}");
}
