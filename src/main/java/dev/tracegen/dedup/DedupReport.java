package dev.tracegen.dedup;

import dev.tracegen.stage.Stages;
import java.util.Map;
import java.util.TreeMap;

/** The dedup, split and decontamination counters of a run, for {@code run.json} ({@code "dedup"}). */
public final class DedupReport {
  private DedupReport() {}

  /** {@code namespace -> counter -> value} for the namespaces {@code dedup}, {@code split}, {@code decontaminate}. */
  public static Map<String, Map<String, Long>> counters(Map<String, Map<String, Long>> all) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (String ns : new String[] {Stages.DEDUP.id(), Stages.SPLIT.id(), Stages.DECONTAMINATE.id()}) {
      if (all.containsKey(ns)) {
        out.put(ns, new TreeMap<>(all.get(ns)));
      }
    }
    return out;
  }
}
