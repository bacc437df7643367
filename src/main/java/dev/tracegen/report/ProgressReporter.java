package dev.tracegen.report;

import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * Progress lines on stderr while a pipeline runs, every few seconds, from a daemon thread that
 * polls the running {@link PipelineResult}'s Beam metrics (attempted values, so bundles still in
 * flight count):
 *
 * <pre>
 * tracegen 0:42 | expand 644 › structure 644 › quality 610 › y1 590 › judge 580 › perturb 560 › y2 540 › judge 530 › cross 512 | rejected 38 | LLM 5,210 calls 124/s, cache 0, fail 0, tokens 3.41M in 0.55M out | 85% ETA 0:07
 * </pre>
 *
 * Stage counts are candidates that left each LLM stage ({@code stage} namespace, {@code
 * <step>.out}); the ETA compares the stage passes done with those the planned candidates need (a
 * candidate passes every LLM stage, one rejected on the way counts as done with the rest), at the
 * rate so far: it reaches 100% when every planned candidate passed the last stage or was rejected.
 * Counters advance as bundles finish, so the granularity is the runner's bundle. A runner that cannot
 * report metrics while it runs (or runs synchronously inside {@code run()}) gets elapsed time only.
 */
public final class ProgressReporter implements AutoCloseable {
  /** Beam namespace of the seed reader's counters ({@code ReadSeeds.class}). */
  private static final String SEEDS_NAMESPACE = "dev.tracegen.io.ReadSeeds";

  private final PrintStream out;
  private final Stages stages;
  private final long intervalMillis;
  private volatile long planned;
  private final long targets;
  private volatile String phase;
  private volatile double phaseStart;
  private final long startNanos;
  private final AtomicReference<PipelineResult> result = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile String finishing;
  private volatile long lastCalls;
  private double lastSeconds;
  private volatile double postStart = -1;

  private ProgressReporter(PrintStream out, Stages stages, int seconds, long planned, long targets) {
    this.out = out;
    this.stages = stages;
    this.intervalMillis = seconds * 1000L;
    this.planned = planned;
    this.targets = targets;
    this.startNanos = System.nanoTime();
    this.thread = new Thread(this::loop, "tracegen-progress");
    this.thread.setDaemon(true);
  }

  /**
   * Starts reporting to {@code out} every {@code seconds} (no thread at all when {@code seconds <=
   * 0}); call {@link #attach} once the pipeline runs and {@link #close} when it finished.
   */
  public static ProgressReporter start(PrintStream out, int seconds, long planned) {
    return start(out, seconds, planned, 0);
  }

  /** As above, with the number of records the run selects (for the writing phase's progress). */
  public static ProgressReporter start(PrintStream out, int seconds, long planned, long targets) {
    return start(out, Stages.TRACE, seconds, planned, targets);
  }

  /** As above, for the flow {@code stages}. */
  public static ProgressReporter start(PrintStream out, Stages stages, int seconds, long planned, long targets) {
    ProgressReporter r = new ProgressReporter(out, stages, seconds, planned, targets);
    if (seconds > 0) {
      r.thread.start();
    }
    return r;
  }

  /** The running pipeline to poll. */
  public void attach(PipelineResult running) {
    result.set(running);
  }

  /**
   * The running pipeline of one phase of a run made of several pipelines (a wave of {@code planned}
   * plans, or with 0 the finishing pipeline), named at the head of each line.
   */
  public void attach(PipelineResult running, String phase, long planned) {
    this.planned = planned;
    this.phase = phase;
    this.phaseStart = elapsed();
    this.postStart = -1;
    this.lastCalls = 0;
    result.set(running);
  }

  /** The pipeline is done; the lines that follow name what the driver does now. */
  public void finishing(String what) {
    finishing = what;
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (!stopped) {
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        return;
      }
      if (stopped) {
        return;
      }
      try {
        out.println(line());
      } catch (RuntimeException e) {
        // A progress line is never worth failing a run for.
        out.println("tracegen " + Report.clock(elapsed()) + " | running");
      }
    }
  }

  private double elapsed() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The current line. */
  String line() {
    double seconds = elapsed();
    PipelineResult r = result.get();
    if (finishing != null) {
      return "tracegen " + Report.clock(seconds) + " | pipeline done | " + finishing;
    }
    if (r == null) {
      // Runners whose run() blocks until the end (FlinkRunner) give no live counters.
      return "tracegen " + Report.clock(seconds) + " | "
          + (seconds < 2.5 * intervalMillis / 1000.0 ? "starting the pipeline" : "running (no live counters from this runner)");
    }
    Map<String, Map<String, Long>> counters = attempted(r);
    String current = phase;
    if (current != null && planned == 0) {
      String after = afterLlm(stages, counters, targets, seconds - phaseStart);
      return "tracegen " + Report.clock(seconds) + " | " + current + " | "
          + (after == null ? "starting" : after.replaceFirst("^100% LLM \\| ", ""));
    }
    if (postStart < 0 && fractionDone(stages, counters.getOrDefault("stage", Map.of()), planned) >= 1) {
      postStart = seconds;
    }
    String text = format(stages, counters, planned, targets, seconds, seconds - lastSeconds, lastCalls, postStart);
    lastCalls = totalLlm(counters, "calls");
    lastSeconds = seconds;
    return current == null ? text : text.replaceFirst(" \\| ", " | " + current + " | ");
  }

  /**
   * Formats one progress line from {@code namespace -> name -> value} counters; {@code window} is
   * the time since the previous line and {@code previousCalls} the LLM calls then (for calls/s).
   */
  static String format(Map<String, Map<String, Long>> counters, long planned, double seconds, double window,
      long previousCalls) {
    return format(Stages.TRACE, counters, planned, 0, seconds, window, previousCalls, -1);
  }

  /**
   * As above, with the records the run selects in all ({@code targets}) and the time the LLM part
   * reached 100% ({@code postStart}, negative while it has not), for the phases after it.
   */
  static String format(Stages flow, Map<String, Map<String, Long>> counters, long planned, long targets,
      double seconds, double window, long previousCalls, double postStart) {
    Map<String, Long> stage = counters.getOrDefault("stage", Map.of());
    List<String> parts = new ArrayList<>();
    parts.add("tracegen " + Report.clock(seconds));
    if (stage.isEmpty() && totalLlm(counters, "calls") == 0) {
      if (flow.byId(Stages.READ_SEEDS.id()).isEmpty()) {
        parts.add("starting, 0 of " + Report.count(planned));
        return String.join(" | ", parts);
      }
      long seeds = counters.getOrDefault(SEEDS_NAMESPACE, Map.of()).getOrDefault("seeds_parsed", 0L);
      parts.add(seeds == 0 ? "reading seeds" : Report.count(seeds) + " seeds read, planning " + Report.count(planned)
          + " candidates");
      return String.join(" | ", parts);
    }
    List<String> stages = new ArrayList<>();
    long rejected = 0;
    for (Stage s : flow.candidateStages()) {
      stages.add(s.label() + " " + Report.count(stage.getOrDefault(s.id() + ".out", 0L)));
      rejected += stage.getOrDefault(s.id() + ".rejected", 0L);
    }
    parts.add(String.join(" › ", stages));
    parts.add("rejected " + Report.count(rejected));
    long calls = totalLlm(counters, "calls");
    double rate = window > 0 ? Math.max(0, calls - previousCalls) / window : 0;
    parts.add(String.format(Locale.ROOT, "LLM %s calls %s/s, cache %s, fail %s, tokens %s in %s out", Report.count(calls),
        rate >= 100 ? String.format(Locale.ROOT, "%.0f", rate) : String.format(Locale.ROOT, "%.1f", rate),
        Report.count(totalLlm(counters, "cache_hits")), Report.count(totalLlm(counters, "failures")),
        Report.human(totalLlm(counters, "tokens_in")), Report.human(totalLlm(counters, "tokens_out"))));
    double f = fractionDone(flow, stage, planned);
    String after = afterLlm(flow, counters, targets, f >= 1 && postStart >= 0 ? seconds - postStart : -1);
    if (after != null) {
      parts.add(after);
    } else if (planned > 0 && f > 0) {
      parts.add(String.format(Locale.ROOT, "%.0f%% ETA %s", 100 * f, Report.clock(seconds * (1 - f) / f)));
    } else {
      parts.add("0% of " + Report.count(planned));
    }
    return String.join(" | ", parts);
  }

  /**
   * The phase after the LLM stages (dedup, split, decontaminate, select, write) with its counts and
   * an ETA from the share of those phases done in {@code postSeconds} (unknown while only clustering
   * counters move); null while the LLM stages still run.
   */
  static String afterLlm(Stages flow, Map<String, Map<String, Long>> counters, long targets, double postSeconds) {
    if (flow.byId(Stages.DEDUP.id()).isEmpty()) {
      return null; // a flow that ends with its LLM stages (tracegen eval)
    }
    Map<String, Long> stage = counters.getOrDefault("stage", Map.of());
    Map<String, Long> dedup = counters.getOrDefault(Stages.DEDUP.id(), Map.of());
    Map<String, Long> decontaminate = counters.getOrDefault(Stages.DECONTAMINATE.id(), Map.of());
    List<Stage> llm = flow.candidateStages();
    long built = llm.isEmpty() ? 0 : stage.getOrDefault(llm.get(llm.size() - 1).id() + ".out", 0L);
    long dedupIn = dedup.getOrDefault("input", 0L);
    long dedupKept = dedup.getOrDefault("kept", 0L);
    long split = sum(counters.getOrDefault(Stages.SPLIT.id(), Map.of()), "");
    long splitTrain = counters.getOrDefault(Stages.SPLIT.id(), Map.of()).getOrDefault("train", 0L);
    long checked = decontaminate.getOrDefault("input", 0L);
    long selected = sum(counters.getOrDefault(Stages.SELECT.id(), Map.of()), "selected.");
    long written = counters.getOrDefault("export", Map.of()).getOrDefault("records", 0L);
    if (postSeconds < 0 && dedupIn == 0 && selected == 0 && written == 0) {
      return null;
    }
    String phase;
    if (written > 0) {
      phase = "writing " + of(written, targets);
    } else if (selected > 0) {
      phase = "selected " + of(selected, targets) + ", writing";
    } else if (checked > 0) {
      phase = "decontaminating " + of(checked, splitTrain);
    } else if (split > 0) {
      phase = "split " + of(split, dedupKept);
    } else if (dedupIn > 0) {
      phase = "dedup " + of(dedupIn, built);
    } else {
      long pairs = 0;
      long collisions = 0;
      for (Map.Entry<String, Long> e : dedup.entrySet()) {
        pairs += e.getKey().endsWith(".candidate_pairs") ? e.getValue() : 0;
        collisions += e.getKey().endsWith(".band_collisions") ? e.getValue() : 0;
      }
      long fingerprints = dedup.getOrDefault("fingerprints", 0L);
      long embedded = dedup.getOrDefault("semantic.embedded", 0L);
      // A finishing pipeline has no LLM stage counters: what reached dedup is known only at its end.
      String records = built > 0 ? Report.count(built) + " records" : "records";
      if (collisions == 0 && pairs == 0 && fingerprints > 0) {
        phase = (embedded > 0 ? "dedup: embedding " : "dedup: fingerprinting ") + of(fingerprints, built) + " records";
      } else {
        phase = "dedup: clustering " + records + " (" + Report.count(collisions) + " band collisions, "
            + Report.count(pairs) + " candidate pairs)";
      }
    }
    // Rough weights from the full build: dedup and writing dominate the time after the LLM stages.
    double done = 0.45 * share(dedupIn, built) + 0.1 * share(split, dedupKept) + 0.1 * share(checked, splitTrain)
        + 0.1 * share(selected, targets) + 0.25 * share(written, targets);
    String eta = done > 0.02 && postSeconds > 0
        ? "ETA " + Report.clock(postSeconds * (1 - done) / done) : "ETA after clustering";
    return "100% LLM | " + phase + " | " + String.format(Locale.ROOT, "%.0f%% ", 100 * done) + eta;
  }

  private static String of(long n, long total) {
    return total > 0 ? Report.count(n) + " of " + Report.count(total) : Report.count(n);
  }

  private static double share(long n, long total) {
    return total <= 0 ? 0 : Math.min(1.0, n / (double) total);
  }

  private static long sum(Map<String, Long> counters, String prefix) {
    return counters.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * Share of the LLM work done: every planned candidate passes {@code n} LLM stages, one rejected at
   * stage i has the rest behind it too. 1 when every candidate passed the last stage or was
   * rejected (the ETA of a pipelined run, where all stages progress at once).
   */
  static double fractionDone(Stages flow, Map<String, Long> stage, long planned) {
    if (planned <= 0) {
      return 0;
    }
    List<String> steps = flow.candidateStages().stream().map(Stage::id).toList();
    double done = 0;
    for (int i = 0; i < steps.size(); i++) {
      long out = stage.getOrDefault(steps.get(i) + ".out", 0L);
      long rejected = stage.getOrDefault(steps.get(i) + ".rejected", 0L);
      done += out + rejected * (double) (steps.size() - i);
    }
    return Math.min(1.0, done / ((double) planned * steps.size()));
  }

  private static long totalLlm(Map<String, Map<String, Long>> counters, String name) {
    long n = 0;
    for (Map.Entry<String, Map<String, Long>> e : counters.entrySet()) {
      if (e.getKey().startsWith("llm.")) {
        n += e.getValue().getOrDefault(name, 0L);
      }
    }
    return n;
  }

  /** Attempted counter values (committed ones may lag a whole bundle behind). */
  static Map<String, Map<String, Long>> attempted(PipelineResult result) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder().build());
    for (MetricResult<Long> c : q.getCounters()) {
      Long v = c.getAttempted();
      if (v != null) {
        out.computeIfAbsent(c.getName().getNamespace(), k -> new TreeMap<>()).merge(c.getName().getName(), v, Long::sum);
      }
    }
    return out;
  }
}
