package dev.tracegen;

import dev.tracegen.decontaminate.ReferenceFiles;
import dev.tracegen.dedup.DedupReport;
import dev.tracegen.export.CorpusStats;
import dev.tracegen.export.DatasetCard;
import dev.tracegen.export.ExportFiles;
import dev.tracegen.export.OutputDirectory;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.RunResources;
import dev.tracegen.model.Json;
import dev.tracegen.report.Funnel;
import dev.tracegen.report.ProgressReporter;
import dev.tracegen.report.ReferenceSet;
import dev.tracegen.report.ReportHtml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * {@code tracegen run}: validates the configuration, runs the pipeline into a staging directory,
 * checks the exact targets, writes statistics, the dataset card and run.json, then publishes the
 * output atomically. A run that fails or falls short publishes nothing and keeps its reports in
 * {@code <output>.failed/}; the output itself is refused up front when a run must not replace it.
 */
public final class TraceRun {
  private TraceRun() {}

  /** What a finished run produced. */
  public record Outcome(Path output, Map<String, Object> run, List<String> shortfalls) {}

  public static Outcome run(TraceOptions o) throws IOException {
    if (o.getOutput().isBlank()) {
      throw new IllegalArgumentException("--output is required (the directory the corpus is written to)");
    }
    // Refuse an output that must not be replaced before any work is done.
    OutputDirectory.checkOutput(o.getOutput(), o.getOverwrite());
    // Every input problem at once, before anything is built or called (the same check as validate).
    InputValidation.requireRunnable(o);
    RunConfig cfg = RunConfig.from(o);
    Map<String, Long> referenceDocs = ReferenceFiles.check(cfg.decontamination());
    if (o.getRunner().getSimpleName().equals("DirectRunner")) {
      // Our records are immutable and coded deterministically; the Direct runner's defensive
      // copies would only cost time at full scale.
      DirectOptions d = o.as(DirectOptions.class);
      d.setEnforceImmutability(false);
      d.setEnforceEncodability(false);
      // run() returns at once, so that progress lines can poll the running pipeline's metrics.
      d.setBlockOnRun(false);
    }
    ReferenceSet reference = o.getReference().isBlank() ? null
        : ReferenceSet.load(Path.of(o.getReference()), cfg.taxonomy().labelsZh());
    long planned = Funnel.planned(cfg.profile());
    OutputDirectory out = OutputDirectory.prepare(o.getOutput(), o.getOverwrite(),
        notice -> System.err.println("tracegen: " + notice));
    long started = System.nanoTime();
    long targets = TracePipeline.targets(cfg).values().stream().mapToLong(Number::longValue).sum();
    ProgressReporter progress = ProgressReporter.start(System.err, o.getQuiet() ? 0 : o.getProgressSeconds(), planned,
        targets);
    try {
      Pipeline p = Pipeline.create(o);
      TracePipeline.build(p, cfg, out.staging());
      PipelineResult.State state;
      PipelineResult result;
      // The run's LLM state in this JVM (clients, breakers, budget, cache segment) lives while the
      // pipeline runs, however often a runner sets DoFns up and tears them down, and no longer.
      try (RunResources resources = RunResources.open(cfg.generator().runId())) {
        result = p.run();
        out.beforeExitCleanup(() -> cancel(result));
        progress.attach(result);
        state = result.waitUntilFinish();
      }
      progress.finishing("writing statistics, dataset card and report");
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended in state " + state + " instead of DONE; nothing was published");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<String, Map<String, Long>> counters = RunMetrics.counters(result);
      List<String> shortfalls = shortfalls(cfg, counters.getOrDefault("select", Map.of()));
      Path staging = Path.of(out.staging());
      Map<String, Object> stats = CorpusStats.compute(staging);
      Map<String, Long> funnel = Funnel.of(planned, stats);
      checkNothingLost(funnel, stats);
      stats.put("funnel", funnel);
      CorpusStats.write(staging.resolve("stats.json"), stats);
      Map<String, Object> run = runReport(o, cfg, counters, shortfalls, seconds);
      run.put("status", shortfalls.isEmpty() ? "complete" : o.getAllowShortfall() ? "short_published" : "short");
      run.put("planned", planned);
      if (!referenceDocs.isEmpty()) {
        run.put("decontaminate_documents", referenceDocs);
      }
      run.put("funnel", funnel);
      run.put("stages", counters.getOrDefault("stage", Map.of()));
      run.put("dedup", DedupReport.counters(counters));
      if (!cfg.profile().dimensionWeights().isEmpty()) {
        run.put("dimension_weights", cfg.profile().dimensionWeights());
      }
      writeRunJson(staging, run);
      ExportFiles.writeString(staging.resolve("README.md"), DatasetCard.render(stats, run));
      ReportHtml.write(staging, stats, run, reference);
      progress.close();
      if (!shortfalls.isEmpty() && !o.getAllowShortfall()) {
        throw new ShortfallException(shortfalls, out.keepDiagnostics());
      }
      out.publish();
      return new Outcome(Path.of(o.getOutput()), run, shortfalls);
    } catch (ShortfallException e) {
      throw e;
    } catch (RuntimeException | IOException e) {
      progress.close();
      keepFailureDiagnostics(out, o, cfg, e, (System.nanoTime() - started) / 1e9);
      throw e;
    } finally {
      progress.close();
      out.abort(); // a no-op unless an error escaped before the output was published or kept
    }
  }

  /** Stops a pipeline that is still running when the JVM is told to stop. */
  private static void cancel(PipelineResult result) {
    try {
      if (!result.getState().isTerminal()) {
        result.cancel();
      }
    } catch (IOException | RuntimeException e) {
      // the JVM is stopping anyway; deleting staging is what matters
    }
  }

  private static void writeRunJson(Path dir, Map<String, Object> run) throws IOException {
    ExportFiles.writeString(dir.resolve("run.json"), Json.PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(run) + "\n");
  }

  /**
   * A failed run keeps what says why: a {@code run.json} with the error (unless the run got as far
   * as writing its own) and whatever reports exist, in {@code OUT.failed/}. Never masks the error.
   */
  private static void keepFailureDiagnostics(OutputDirectory out, TraceOptions o, RunConfig cfg, Exception error,
      double seconds) {
    try {
      if (out.isLocal()) {
        Path staging = Path.of(out.staging());
        if (!Files.exists(staging.resolve("run.json"))) {
          Map<String, Object> run = runReport(o, cfg, Map.of(), List.of(), seconds);
          run.put("status", "failed");
          run.put("error", TraceGen.rootMessage(error));
          writeRunJson(staging, run);
        }
      }
      String kept = out.keepDiagnostics();
      System.err.println("tracegen: nothing was published at " + out.output() + "; the failed run's diagnostics"
          + " (run.json, and stats.json, report.html, rejections/ where it got that far) are in " + kept);
    } catch (IOException | RuntimeException e) {
      out.abort();
    }
  }

  /**
   * Every plan is either written or rejected with its stage: a difference means a worker lost
   * candidates (e.g. a runner that kept going after an out-of-memory error), and such a corpus
   * must not be published as if it were short.
   */
  static void checkNothingLost(Map<String, Long> funnel, Map<String, Object> stats) {
    long left = new ArrayList<>(funnel.values()).get(funnel.size() - 1);
    long written = 0;
    for (Object n : ((Map<?, ?>) stats.get("records")).values()) {
      written += ((Number) n).longValue();
    }
    if (left != written) {
      throw new IllegalStateException(String.format("records lost: %,d plans less %,d rejections leave %,d, but %,d"
          + " records were written; a pipeline worker failed (out of memory?). Nothing was published.",
          funnel.get("planned"), funnel.get("planned") - left, left, written));
    }
  }

  /** One line per stratum that has fewer records than its target. */
  static List<String> shortfalls(RunConfig cfg, Map<String, Long> select) {
    List<String> out = new ArrayList<>();
    TracePipeline.targets(cfg).forEach((stratum, target) -> {
      long selected = select.getOrDefault("selected." + stratum, 0L);
      if (selected < target) {
        String[] parts = stratum.split("\\.");
        out.add(String.format("%s k=%s: %d of %d (short by %d)", parts[0], parts[1], selected, target, target - selected));
      }
    });
    return out;
  }

  static Map<String, Object> runReport(TraceOptions o, RunConfig cfg, Map<String, Map<String, Long>> counters,
      List<String> shortfalls, double seconds) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", "tracegen");
    run.put("version", TraceGen.VERSION);
    run.put("profile", cfg.profile().name());
    String title = !o.getPrettyName().isBlank() ? o.getPrettyName() : cfg.profile().prettyName();
    if (!title.isBlank()) {
      run.put("name", title);
    }
    String license = !o.getLicense().isBlank() ? o.getLicense() : cfg.profile().license();
    run.put("license", license.isBlank() ? DatasetCard.DEFAULT_LICENSE : license);
    run.put("run_seed", cfg.profile().runSeed());
    run.put("generator", cfg.generator().label());
    run.put("judge", cfg.judge().label());
    run.put("taxonomy_version", cfg.taxonomy().version());
    run.put("prompt_hashes", cfg.prompts().hashes());
    run.put("options", options(o, cfg));
    run.put("versions", libraryVersions());
    run.put("targets", TracePipeline.targets(cfg));
    run.put("select", counters.getOrDefault("select", Map.of()));
    run.put("shortfalls", shortfalls);
    run.put("llm", RunMetrics.llm(counters));
    run.put("wall_seconds", Math.round(seconds * 10) / 10.0);
    return run;
  }

  /** The options that shaped the run. API keys are never options, only the names of variables. */
  private static Map<String, Object> options(TraceOptions o, RunConfig cfg) {
    Map<String, Object> m = new TreeMap<>();
    m.put("profile", o.getProfile());
    m.put("taxonomy", o.getTaxonomy());
    m.put("prompts", o.getPrompts());
    m.put("seeds", cfg.seeds());
    m.put("runner", o.getRunner().getSimpleName());
    m.put("overgeneration", cfg.profile().overgeneration());
    m.put("allow_shortfall", o.getAllowShortfall());
    m.put("dimensions", o.getDimensions());
    m.put("dimension_weights", o.getDimensionWeights());
    m.put("reference", o.getReference());
    m.put("generator", settings(cfg.generator()));
    m.put("judge", settings(cfg.judge()));
    return m;
  }

  private static Map<String, Object> settings(LlmSettings s) {
    Map<String, Object> m = new TreeMap<>();
    m.put("provider", s.provider());
    m.put("model", s.model());
    m.put("base_url", s.baseUrl());
    m.put("api_key_env", s.apiKeyEnv());
    m.put("temperature", s.temperature());
    m.put("max_tokens", s.maxTokens());
    m.put("timeout_seconds", s.timeoutSeconds());
    m.put("max_in_flight", s.maxInFlight());
    if (s.isEmbedded()) {
      m.put("non_compliance", s.nonCompliance());
      m.put("malformed", s.malformed());
      if (!s.persona().faithful()) {
        m.put("persona", s.persona().label());
      }
    }
    if (s.limits() != null) {
      m.put("requests_per_minute", s.limits().requestsPerMinute());
      m.put("tokens_per_minute", s.limits().tokensPerMinute());
      m.put("max_retries", s.limits().maxRetries());
      m.put("max_calls", s.limits().maxCalls());
      m.put("max_total_tokens", s.limits().maxTotalTokens());
    }
    m.put("cache_dir", s.cacheDir() == null ? "" : s.cacheDir());
    return m;
  }

  /** Some stratum has fewer records than its target and {@code --allowShortfall} was not given. */
  public static class ShortfallException extends RuntimeException {
    private final String diagnostics;

    public ShortfallException(List<String> shortfalls, String diagnostics) {
      super("targets not met; nothing was published. The run's run.json, stats.json, report.html and rejections/"
          + " are in " + diagnostics + ". Raise --overgeneration (cached answers are reused) or pass"
          + " --allowShortfall:\n  " + String.join("\n  ", shortfalls));
      this.diagnostics = diagnostics;
    }

    /** Where the short run's reports were kept. */
    public String diagnostics() {
      return diagnostics;
    }
  }

  /** Java, Beam and LangChain4j as loaded by this run (read from their jars, so never out of date). */
  static Map<String, String> libraryVersions() {
    return Map.of("java", System.getProperty("java.version"), "beam", ReleaseInfo.getReleaseInfo().getVersion(),
        "langchain4j", mavenVersion("dev.langchain4j", "langchain4j-core"));
  }

  /** The version in a dependency's {@code pom.properties} (kept by Maven in every jar it builds), or "unknown". */
  static String mavenVersion(String group, String artifact) {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = TraceRun.class.getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
