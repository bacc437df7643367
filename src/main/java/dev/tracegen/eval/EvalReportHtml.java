package dev.tracegen.eval;

import static dev.tracegen.report.HtmlCharts.CSS;
import static dev.tracegen.report.HtmlCharts.bars;
import static dev.tracegen.report.HtmlCharts.kpi;
import static dev.tracegen.report.HtmlCharts.paletteList;

import dev.tracegen.TraceGen;
import dev.tracegen.report.HtmlCharts.Html;
import dev.tracegen.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * {@code report.html} of an evaluation: a self-contained page (inline CSS and SVG, nothing to
 * fetch) with IF-S and IF-M as mean score and as the share of instructions with every constraint
 * met, then the scores by constraint type, dimension, constraint count and category, and a table of
 * the figures with their bootstrap intervals. With {@code --compare}, every chart shows each
 * evaluation as its own series, this one first.
 */
public final class EvalReportHtml {
  public static final String FILE = "report.html";

  private EvalReportHtml() {}

  /** One evaluation on the page, under {@code name}. */
  public record Entry(String name, EvalRun.Results results) {}

  public static String render(List<Entry> entries) {
    EvalRun.Results first = entries.get(0).results();
    List<String> names = entries.stream().map(Entry::name).toList();
    List<String> colors = paletteList(entries.size());
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .open("title").text("tracegen eval: " + first.model()).close("title").raw("\n")
        .open("style").raw(CSS).close("style").raw("\n</head>\n<body>\n");
    h.open("header").open("h1").text("tracegen eval").open("span", "class", "sub").text(" " + first.model())
        .close("span").close("h1");
    h.open("p", "class", "meta").text("data " + first.data() + " · " + first.language() + " · judge " + first.judge()
        + " · scoring " + first.scoring() + " · " + Report.count(first.scores().items()) + " instructions · "
        + Report.clock(first.seconds()) + " · tracegen " + TraceGen.VERSION).close("p").close("header").raw("\n");

    EvalScores s = first.scores();
    h.open("section", "class", "kpis");
    kpi(h, "IF-S mean score", score(s.ifS().meanScore()), share(s.ifS().allFull()) + " all constraints met");
    kpi(h, "IF-M mean score", score(s.ifM().meanScore()), share(s.ifM().allFull()) + " all constraints met");
    kpi(h, "parse failures", Report.count(s.parseFailures()), share(s.parseFailureRate()) + " of the judgements");
    JudgeCheckerAgreement a = first.agreement();
    kpi(h, "judge = checkers", a.rate() == null ? "–" : share(a.rate()),
        Report.count(a.constraints()) + " rule-checkable constraints");
    h.close("section").raw("\n");

    section(h, "IF-S and IF-M", "Mean overall score (0-10) of the instructions with one constraint (IF-S), with more "
        + "(IF-M) and of all; parse failures are left out, unanswered instructions score 0.");
    List<String> groups = List.of("IF-S", "IF-M", "all");
    bars(h, groups, names, colors, values(entries, groups, (e, g) -> group(e.scores(), g).meanScore()),
        counts(entries, groups, (e, g) -> group(e.scores(), g).scored()), EvalReportHtml::score);
    h.open("h3").text("Share of instructions with every constraint met (10/10)").close("h3");
    bars(h, groups, names, colors, values(entries, groups, (e, g) -> percent(group(e.scores(), g).allFull())),
        counts(entries, groups, (e, g) -> group(e.scores(), g).scored()),
        v -> String.format(Locale.ROOT, "%.1f%%", v));
    h.close("section").raw("\n");

    breakdown(h, entries, "By constraint type", "Mean score of the constraints of each type.", EvalScores::byType,
        EvalScores.ConstraintGroup::meanScore, EvalScores.ConstraintGroup::constraints);
    breakdown(h, entries, "By dimension", "Mean score of the constraints of each dimension (levels2 label).",
        EvalScores::byDimension, EvalScores.ConstraintGroup::meanScore, EvalScores.ConstraintGroup::constraints);
    breakdown(h, entries, "By constraint count", "Mean overall score of the instructions with that many constraints.",
        EvalScores::byCount, EvalScores.ItemGroup::meanScore, EvalScores.ItemGroup::scored);
    breakdown(h, entries, "By category", "Mean overall score per category of the eval file.", EvalScores::byCategory,
        EvalScores.ItemGroup::meanScore, EvalScores.ItemGroup::scored);
    table(h, entries);
    h.open("footer").open("p").text("Written by tracegen eval next to results.json (the same figures) and items.jsonl "
        + "(every answer and judgement). Intervals are 95 % bootstrap intervals over the scored instructions.")
        .close("p").close("footer");
    h.raw("\n</body>\n</html>\n");
    return h.toString();
  }

  private static void section(Html h, String title, String note) {
    h.open("section").open("h2").text(title).close("h2").open("p", "class", "note").text(note).close("p");
  }

  /** One chart of a breakdown: a row per key of any evaluation, the mean score of each evaluation's group there. */
  private static <T> void breakdown(Html h, List<Entry> entries, String title, String note,
      Function<EvalScores, Map<String, T>> by, Function<T, Double> mean, ToLongFunction<T> count) {
    List<String> rows = keys(entries, r -> by.apply(r.scores()).keySet());
    if (rows.isEmpty()) {
      return;
    }
    section(h, title, note);
    bars(h, rows, names(entries), paletteList(entries.size()),
        values(entries, rows, (e, k) -> {
          T g = by.apply(e.scores()).get(k);
          return g == null ? null : mean.apply(g);
        }),
        counts(entries, rows, (e, k) -> {
          T g = by.apply(e.scores()).get(k);
          return g == null ? 0 : count.applyAsLong(g);
        }),
        EvalReportHtml::score);
    h.close("section").raw("\n");
  }

  private static void table(Html h, List<Entry> entries) {
    section(h, "Figures", "Mean score and share of instructions with every constraint met, with 95 % intervals.");
    h.open("table").open("tr");
    for (String c : List.of("evaluation", "model", "judge", "IF-S mean", "IF-S all met", "IF-M mean", "IF-M all met",
        "parse failures", "judge = checkers")) {
      h.open("th").text(c).close("th");
    }
    h.close("tr");
    for (Entry e : entries) {
      EvalScores s = e.results().scores();
      JudgeCheckerAgreement a = e.results().agreement();
      h.open("tr");
      cell(h, e.name(), false);
      cell(h, e.results().model(), false);
      cell(h, e.results().judge(), false);
      cell(h, withInterval(s.ifS().meanScore(), s.ifS().meanScoreCi(), false), true);
      cell(h, withInterval(s.ifS().allFull(), s.ifS().allFullCi(), true), true);
      cell(h, withInterval(s.ifM().meanScore(), s.ifM().meanScoreCi(), false), true);
      cell(h, withInterval(s.ifM().allFull(), s.ifM().allFullCi(), true), true);
      cell(h, Report.count(s.parseFailures()) + " (" + share(s.parseFailureRate()) + ")", true);
      cell(h, a.rate() == null ? "–" : share(a.rate()) + " of " + Report.count(a.constraints()), true);
      h.close("tr");
    }
    h.close("table").close("section").raw("\n");
  }

  private static void cell(Html h, String text, boolean number) {
    (number ? h.open("td", "class", "n") : h.open("td")).text(text).close("td");
  }

  private static EvalScores.ItemGroup group(EvalScores s, String name) {
    return switch (name) {
      case "IF-S" -> s.ifS();
      case "IF-M" -> s.ifM();
      default -> s.all();
    };
  }

  private interface Value {
    Double of(EvalRun.Results results, String row);
  }

  private interface Count {
    long of(EvalRun.Results results, String row);
  }

  private static double[][] values(List<Entry> entries, List<String> rows, Value value) {
    double[][] out = new double[rows.size()][entries.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int e = 0; e < entries.size(); e++) {
        Double v = value.of(entries.get(e).results(), rows.get(r));
        out[r][e] = v == null ? 0 : v;
      }
    }
    return out;
  }

  private static long[][] counts(List<Entry> entries, List<String> rows, Count count) {
    long[][] out = new long[rows.size()][entries.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int e = 0; e < entries.size(); e++) {
        out[r][e] = count.of(entries.get(e).results(), rows.get(r));
      }
    }
    return out;
  }

  /** Every entry's keys, in the first entry's order, then new ones in the order they appear. */
  private static List<String> keys(List<Entry> entries, Function<EvalRun.Results, Set<String>> of) {
    Set<String> all = new LinkedHashSet<>();
    entries.forEach(e -> all.addAll(of.apply(e.results())));
    return new ArrayList<>(all);
  }

  private static List<String> names(List<Entry> entries) {
    return entries.stream().map(Entry::name).toList();
  }

  private static Double percent(Double share) {
    return share == null ? null : 100 * share;
  }

  private static String score(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String score(Double v) {
    return v == null ? "–" : score(v.doubleValue());
  }

  private static String share(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
  }

  private static String withInterval(Double v, List<Double> ci, boolean asShare) {
    if (v == null) {
      return "–";
    }
    if (asShare) {
      return String.format(Locale.ROOT, "%.1f %% [%.1f, %.1f]", 100 * v, 100 * ci.get(0), 100 * ci.get(1));
    }
    return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", v, ci.get(0), ci.get(1));
  }
}
