package dev.tracegen.report;

import dev.tracegen.config.Profile;
import dev.tracegen.facts.CorpusStats;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The per-stage funnel of a build: how many candidates were planned and how many were left after
 * each stage. It is derived from files only (the profile's planned counts and the rejections that
 * {@code stats.json} tallies per stage), so it is the same on every rerun and every runner; every
 * candidate that leaves the pipeline is a rejection with its stage, so the last entry equals the
 * number of records written.
 */
public final class Funnel {
  private Funnel() {}

  /** Plans the profile asks for: every stratum's target times its over-generation. */
  public static long planned(Profile profile) {
    long n = 0;
    for (String split : List.of("train", "eval")) {
      if (profile.targets() != null && profile.targets().containsKey(split)) {
        for (Map.Entry<Integer, Integer> e : profile.stratumTargets(split).entrySet()) {
          n += profile.plannedCount(e.getKey(), e.getValue());
        }
      }
    }
    return n;
  }

  /**
   * {@code "planned"} then one entry per stage (pipeline order; stages unknown to this class are
   * placed before {@code dedup}, alphabetically): candidates left after it.
   */
  public static Map<String, Long> of(Stages flow, long planned, CorpusStats stats) {
    Map<String, Long> rejected = stats.rejections().byStage();
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("planned", planned);
    long left = planned;
    for (String stage : stages(flow, rejected.keySet())) {
      left -= rejected.getOrDefault(stage, 0L);
      out.put(stage, left);
    }
    return out;
  }

  /** The known stages in order, with any other rejection stage (except seed reading) inserted before dedup. */
  static List<String> stages(Stages flow, Iterable<String> seen) {
    List<String> out = new ArrayList<>(flow.funnelIds());
    TreeSet<String> extra = new TreeSet<>();
    for (String s : seen) {
      if (!out.contains(s) && !Stages.READ_SEEDS.id().equals(s) && !"planned".equals(s)) {
        extra.add(s);
      }
    }
    int dedup = out.indexOf(Stages.DEDUP.id());
    out.addAll(dedup < 0 ? out.size() : dedup, extra);
    return out;
  }

  /**
   * The funnel in pipeline order, whatever order the map has ({@code run.json} is written with
   * sorted keys).
   */
  public static Map<String, Long> ordered(Stages flow, Map<String, Long> funnel) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (funnel.containsKey("planned")) {
      out.put("planned", funnel.get("planned"));
    }
    for (String stage : stages(flow, funnel.keySet())) {
      if (funnel.containsKey(stage)) {
        out.put(stage, funnel.get(stage));
      }
    }
    return out;
  }

  /** Rows of a funnel map (as {@link #of} makes it), in pipeline order. */
  public static List<Row> rows(Stages flow, Map<String, Long> funnel) {
    List<Row> rows = new ArrayList<>();
    Long previous = null;
    for (Map.Entry<String, Long> e : ordered(flow, funnel).entrySet()) {
      long n = e.getValue();
      if (previous != null) {
        rows.add(new Row(e.getKey(), previous, n));
      }
      previous = n;
    }
    return rows;
  }

  /** One stage of the funnel: candidates that reached it and those it kept. */
  public record Row(String stage, long in, long kept) {
    public long rejected() {
      return in - kept;
    }
  }
}
