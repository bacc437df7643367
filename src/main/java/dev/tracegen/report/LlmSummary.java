package dev.tracegen.report;

import dev.tracegen.facts.LlmStepCounts;
import dev.tracegen.facts.RunWaste;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The end-of-run table of LLM work per step, printed to stderr by {@code tracegen run}. */
public final class LlmSummary {
  private static final String[] COLUMNS = {"calls", "cache hits", "sent", "retries", "failures", "repairs",
      "tokens in", "tokens out"};

  private LlmSummary() {}

  /**
   * Formats the LLM work per step (its {@code llm.<step>} Beam counters). {@code calls}
   * counts every answer a step used, {@code cache hits} those read from the response cache and
   * {@code sent} = calls − cache hits (requests that reached the model, retries not included).
   */
  public static String format(Map<String, LlmStepCounts> llm) {
    return format(llm, null);
  }

  /**
   * As above, with a last column when {@code waste} is known: the part of the requests the step
   * sent this run that went to candidates that did not ship.
   */
  public static String format(Map<String, LlmStepCounts> llm, RunWaste waste) {
    int columns = COLUMNS.length + (waste == null ? 0 : 1);
    List<String[]> rows = new ArrayList<>();
    long[] total = new long[COLUMNS.length];
    llm.forEach((step, c) -> {
      long[] v = {c.calls(), c.cacheHits(), c.sent(), c.retries(), c.failures(), c.repairs(), c.tokensIn(),
          c.tokensOut()};
      String[] row = new String[columns + 1];
      row[0] = step;
      for (int i = 0; i < v.length; i++) {
        row[i + 1] = Long.toString(v[i]);
        total[i] += v[i];
      }
      if (waste != null) {
        RunWaste.Part p = waste.byStep().get(step);
        row[columns] = p == null || p.shipped().sent() + p.notShipped().sent() == 0 ? "-"
            : RunSummary.percent(p.notShippedShare().requests());
      }
      rows.add(row);
    });
    String[] totalRow = new String[columns + 1];
    totalRow[0] = "total";
    for (int i = 0; i < total.length; i++) {
      totalRow[i + 1] = Long.toString(total[i]);
    }
    if (waste != null) {
      totalRow[columns] = waste.shipped().sent() + waste.notShipped().sent() == 0 ? "-"
          : RunSummary.percent(waste.notShippedShare().requests());
    }
    String[] header = new String[columns + 1];
    header[0] = "LLM step";
    System.arraycopy(COLUMNS, 0, header, 1, COLUMNS.length);
    if (waste != null) {
      header[columns] = "not shipped";
    }
    int[] width = new int[header.length];
    List<String[]> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    all.add(totalRow);
    for (String[] r : all) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : all) {
      if (r == totalRow) {
        sb.append("-".repeat(sum(width) + 2 * (width.length - 1))).append('\n');
      }
      for (int i = 0; i < r.length; i++) {
        if (i == 0) {
          sb.append(String.format("%-" + width[0] + "s", r[0]));
        } else {
          sb.append("  ").append(String.format("%" + width[i] + "s", r[i]));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static int sum(int[] w) {
    int s = 0;
    for (int x : w) {
      s += x;
    }
    return s;
  }
}
