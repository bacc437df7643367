package dev.tracegen.report;

import dev.tracegen.facts.RunFacts;
import dev.tracegen.facts.WaveFacts;
import dev.tracegen.facts.RunWaste;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-of-run summary {@code tracegen run} prints on stderr: the per-stage funnel (in, kept,
 * rejected, share kept), the waste (LLM work spent on candidates that did not ship, and where they
 * were lost) and the LLM work per step, from the run report ({@code run.json}).
 */
public final class RunSummary {
  private RunSummary() {}

  public static String format(RunFacts run) {
    return format(Stages.TRACE, run);
  }

  /** As above, for the flow {@code flow}. */
  public static String format(Stages flow, RunFacts run) {
    StringBuilder sb = new StringBuilder();
    if (run.waves() != null && !run.waves().waves().isEmpty()) {
      sb.append(waves(run.waves())).append('\n');
    }
    List<Funnel.Row> rows = Funnel.rows(flow, run.funnel() == null ? Map.of() : run.funnel());
    if (!rows.isEmpty()) {
      List<String[]> table = new ArrayList<>();
      table.add(new String[] {"stage", "in", "kept", "rejected", "kept %"});
      for (Funnel.Row r : rows) {
        table.add(new String[] {r.stage(), Report.count(r.in()), Report.count(r.kept()), Report.count(r.rejected()),
            r.in() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * r.kept() / r.in())});
      }
      sb.append(table(table));
    }
    if (run.waste() != null) {
      sb.append('\n').append(waste(flow, run.waste()));
    }
    if (!run.llm().isEmpty()) {
      sb.append('\n').append(LlmSummary.format(run.llm(), run.waste()));
    }
    return sb.toString();
  }

  /** One line: how many plans each wave made and what they yielded, e.g. {@code waves (adaptive): eval 40 > 37, ...}. */
  static String waves(WaveFacts waves) {
    List<String> parts = new ArrayList<>();
    for (WaveFacts.Wave w : waves.waves()) {
      parts.add(w.phase() + " " + Report.count(w.plans()) + " plans > " + Report.count(w.candidates()));
    }
    return "waves (" + waves.planning() + "): " + String.join(", ", parts);
  }

  /**
   * Two lines: the part of the LLM work spent on candidates that did not ship (every request, as in
   * {@code stats.json}, and what this run sent), then where it was lost, per stage of loss.
   */
  static String waste(Stages flow, RunWaste w) {
    StringBuilder sb = new StringBuilder("waste: ");
    if (w.spentNotShippedShare() != null) {
      sb.append(percent(w.spentNotShippedShare().requests())).append(" of LLM requests (")
          .append(percent(w.spentNotShippedShare().tokens())).append(" of tokens) went to candidates that did not ship; ");
    }
    long sent = w.shipped().sent() + w.notShipped().sent();
    sb.append(sent == 0 ? "this run sent no request (all answered from the response cache)"
        : "this run sent " + Report.count(sent) + " requests, " + Report.count(w.notShipped().sent()) + " of them ("
            + percent(w.notShippedShare().requests()) + ") for candidates that did not ship");
    sb.append('\n');
    if (!w.byStage().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (String stage : inOrder(flow, w.byStage().keySet())) {
        parts.add(stage + " " + percent(w.byStage().get(stage).share().requests()));
      }
      sb.append("lost at (share of requests): ").append(String.join(", ", parts)).append('\n');
    }
    return sb.toString();
  }

  /** {@code present} in pipeline order ({@code run.json} sorts its keys), unknown ids before dedup. */
  static List<String> inOrder(Stages flow, java.util.Collection<String> present) {
    List<String> out = new ArrayList<>();
    for (String id : Funnel.stages(flow, present)) {
      if (present.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100.0 * share);
  }

  /** Left-aligned first column, right-aligned others, a rule under the header. */
  public static String table(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int n = 0; n < rows.size(); n++) {
      String[] r = rows.get(n);
      for (int i = 0; i < r.length; i++) {
        sb.append(i == 0 ? String.format("%-" + width[0] + "s", r[0]) : "  " + String.format("%" + width[i] + "s", r[i]));
      }
      sb.append('\n');
      if (n == 0) {
        int total = 0;
        for (int w : width) {
          total += w;
        }
        sb.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
      }
    }
    return sb.toString();
  }
}
