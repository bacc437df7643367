package dev.tracegen.report;

import dev.tracegen.llm.LlmSummary;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-of-run summary {@code tracegen run} prints on stderr: the per-stage funnel (in, kept,
 * rejected, share kept) and the LLM work per step, from the run report ({@code run.json}).
 */
public final class RunSummary {
  private RunSummary() {}

  public static String format(Map<String, Object> run) {
    return format(Stages.TRACE, run);
  }

  /** As above, for the flow {@code flow}. */
  public static String format(Stages flow, Map<String, Object> run) {
    StringBuilder sb = new StringBuilder();
    List<Object[]> rows = Funnel.rows(flow, Report.map(run.get("funnel")));
    if (!rows.isEmpty()) {
      List<String[]> table = new ArrayList<>();
      table.add(new String[] {"stage", "in", "kept", "rejected", "kept %"});
      for (Object[] r : rows) {
        long in = (Long) r[1];
        long kept = (Long) r[2];
        table.add(new String[] {(String) r[0], Report.count(in), Report.count(kept), Report.count((Long) r[3]),
            in == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * kept / in)});
      }
      sb.append(table(table));
    }
    // Values may be Integer when run.json was read back from disk.
    Map<String, Map<String, Long>> llm = new java.util.TreeMap<>();
    Report.map(run.get("llm")).forEach((step, values) -> {
      Map<String, Long> m = new java.util.TreeMap<>();
      Report.map(values).forEach((k, v) -> m.put(k, Report.num(v)));
      llm.put(step, m);
    });
    if (!llm.isEmpty()) {
      sb.append('\n').append(LlmSummary.format(llm));
    }
    return sb.toString();
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
