package dev.tracegen;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Beam counters of a finished (or running) pipeline, summed over steps, as {@code namespace -> name -> value}. */
public final class RunMetrics {
  private RunMetrics() {}

  public static Map<String, Map<String, Long>> counters(PipelineResult result) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder().build());
    for (MetricResult<Long> c : q.getCounters()) {
      Long v = attempted(c);
      if (v == null) {
        continue;
      }
      out.computeIfAbsent(c.getName().getNamespace(), k -> new TreeMap<>())
          .merge(c.getName().getName(), v, Long::sum);
    }
    return out;
  }

  private static Long attempted(MetricResult<Long> c) {
    try {
      return c.getCommitted();
    } catch (UnsupportedOperationException e) {
      return c.getAttempted();
    }
  }

  /** The {@code llm.<step>} namespaces as {@code step -> counter -> value}. */
  public static Map<String, Map<String, Long>> llm(Map<String, Map<String, Long>> counters) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    counters.forEach((ns, values) -> {
      if (ns.startsWith("llm.")) {
        out.put(ns.substring(4), values);
      }
    });
    return out;
  }
}
