package dev.tracegen;

import dev.tracegen.decontaminate.ReferenceFiles;
import dev.tracegen.dedup.DedupReport;
import dev.tracegen.export.OutputDirectory;
import dev.tracegen.export.ReportFiles;
import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.LlmStepCounts;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.facts.RunOptions;
import dev.tracegen.facts.ShippedCounters;
import dev.tracegen.io.Locations;
import dev.tracegen.io.ObjectStores;
import dev.tracegen.io.SeedFiles;
import dev.tracegen.llm.LlmLimits;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.RunResources;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.MixCalibration;
import dev.tracegen.report.DatasetCard;
import dev.tracegen.report.Funnel;
import dev.tracegen.report.ProgressReporter;
import dev.tracegen.report.ReferenceSet;
import dev.tracegen.report.ReportHtml;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectTestOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
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
  public record Outcome(String output, RunFacts run, List<String> shortfalls) {}

  public static Outcome run(TraceOptions o) throws IOException {
    if (o.getOutput().isBlank()) {
      throw new IllegalArgumentException("--output is required (the directory the corpus is written to)");
    }
    // Paths may be s3:// (or any scheme Beam knows) from here on, in the driver as in the workers.
    ObjectStores.register(o, false);
    // Refuse an output that must not be replaced before any work is done.
    OutputDirectory.checkOutput(o.getOutput(), o.getOverwrite());
    // Every input problem at once, before anything is built or called (the same check as validate).
    InputValidation.requireRunnable(o);
    RunConfig cfg = calibrated(RunConfig.from(o), o.getQuiet());
    Map<String, Long> referenceDocs = ReferenceFiles.check(cfg.decontamination());
    runnerDefaults(o);
    String referenceFile = referenceFile(o, cfg);
    ReferenceSet reference = referenceFile.isBlank() ? null
        : ReferenceSet.load(Path.of(referenceFile), cfg.taxonomy().labelsZh());
    OutputDirectory out = OutputDirectory.prepare(o.getOutput(), o.getOverwrite(),
        notice -> System.err.println("tracegen: " + notice));
    long started = System.nanoTime();
    long targets = TracePipeline.targets(cfg).values().stream().mapToLong(Number::longValue).sum();
    ProgressReporter progress = ProgressReporter.start(System.err, o.getQuiet() ? 0 : o.getProgressSeconds(), 0,
        targets);
    try {
      WaveRunner.Result waves;
      // The run's LLM state in this JVM (clients, breakers, budget, cache segment) lives while the
      // pipelines run, however often a runner sets DoFns up and tears them down, and no longer.
      try (RunResources resources = RunResources.open(cfg.generator().runId())) {
        waves = new WaveRunner(o, cfg, out.staging(), progress,
            result -> out.beforeExitCleanup(() -> cancel(result))).run();
      }
      progress.finishing("writing statistics, dataset card and report");
      long planned = waves.planned();
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<String, Map<String, Long>> counters = waves.counters();
      List<String> shortfalls = shortfalls(cfg, counters.getOrDefault("select", Map.of()));
      String staging = out.staging();
      // Facts first (from the staged files and the counters), then their renderings, then the files.
      CorpusStats scanned = CorpusStats.compute(staging);
      Map<String, Long> funnel = Funnel.of(Stages.TRACE, planned, scanned);
      checkNothingLost(funnel, scanned);
      CorpusStats stats = scanned.withFunnel(funnel);
      String status = shortfalls.isEmpty() ? "complete" : o.getAllowShortfall() ? "short_published" : "short";
      RunFacts run = runFacts(o, cfg, counters, shortfalls, seconds).ended(status, null).withOutcome(planned,
          referenceDocs, funnel, counters.getOrDefault("stage", Map.of()), DedupReport.counters(counters),
          cfg.profile().dimensionWeights()).withWaves(waves.waves())
          .withWaste(counters.getOrDefault(ShippedCounters.NAMESPACE, Map.of()), stats.waste());
      ReportFiles.write(staging, stats, run, DatasetCard.render(Stages.TRACE, stats, run),
          ReportHtml.render(Stages.TRACE, stats, run, reference));
      progress.close();
      if (!shortfalls.isEmpty() && !o.getAllowShortfall()) {
        throw new ShortfallException(shortfalls, out.keepDiagnostics());
      }
      out.publish();
      return new Outcome(out.output(), run, shortfalls);
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
  public static void cancel(PipelineResult result) {
    try {
      if (!result.getState().isTerminal()) {
        result.cancel();
      }
    } catch (IOException | RuntimeException e) {
      // the JVM is stopping anyway; deleting staging is what matters
    }
  }

  /** Settings of the chosen runner that tracegen's pipelines need or are faster with. */
  public static void runnerDefaults(PipelineOptions o) {
    String runner = o.getRunner().getSimpleName();
    if (runner.equals("DirectRunner")) {
      // Our records are immutable and coded deterministically; the Direct runner's defensive
      // copies would only cost time at full scale.
      DirectOptions d = o.as(DirectOptions.class);
      d.setEnforceImmutability(false);
      d.setEnforceEncodability(false);
      // Left on, the runner counts every unsharded write's records into a side input first, and
      // waits for it in a busy loop; our writes need no particular number of files.
      d.as(DirectTestOptions.class).setRunnerDeterminedSharding(false);
      // run() returns at once, so that progress lines can poll the running pipeline's metrics.
      d.setBlockOnRun(false);
    } else if (runner.equals("FlinkRunner")) {
      // A join (CoGroupByKey) reads a key's values once per input; past 10,000 values per key
      // (dedup and decontamination buckets at 1.2 M records) Beam iterates the group again, which
      // Flink's batch GroupByKey refuses unless it keeps the group (as the Direct runner does).
      FlinkPipelineOptions f = o.as(FlinkPipelineOptions.class);
      f.setReIterableGroupByKeyResult(true);
      // No DoFn mutates its input or output (the unit tests' Direct runner enforces that), so the
      // deep copy Flink makes between chained operators would only cost time.
      f.setFasterCopy(true);
    }
  }

  /**
   * The eval set the report compares with: {@code --reference}, else the profile's {@code reference}
   * when that file is there (a profile's default is a comparison, never a reason to stop a run).
   */
  static String referenceFile(TraceOptions o, RunConfig cfg) {
    if (!o.getReference().isBlank()) {
      return o.getReference();
    }
    String fromProfile = cfg.profile().reference();
    return !fromProfile.isBlank() && Files.isRegularFile(Path.of(fromProfile)) ? fromProfile : "";
  }

  /** {@code cfg} with the Plan stage's draw weights, calibrated once per run on the seed bank. */
  static RunConfig calibrated(RunConfig cfg, boolean quiet) {
    long t0 = System.nanoTime();
    List<Seed> seeds = SeedFiles.read(cfg.seeds(), cfg.seedFormat());
    RunConfig out = cfg.withDrawWeights(MixCalibration.forRun(cfg.profile(), cfg.taxonomy(), seeds));
    if (!quiet) {
      System.err.printf("tracegen: plan: dimension mix calibrated on %,d seeds in %.1f s%n", seeds.size(),
          (System.nanoTime() - t0) / 1e9);
    }
    return out;
  }

  /**
   * A failed run keeps what says why: a {@code run.json} with the error (unless the run got as far
   * as writing its own) and whatever reports exist, in {@code OUT.failed/}. Never masks the error.
   */
  private static void keepFailureDiagnostics(OutputDirectory out, TraceOptions o, RunConfig cfg, Exception error,
      double seconds) {
    try {
      String staging = out.staging();
      WaveRunner.dropCandidates(staging);
      if (!Locations.isFile(Locations.file(staging, ReportFiles.RUN))) {
        ReportFiles.writeRun(staging,
            runFacts(o, cfg, Map.of(), List.of(), seconds).ended("failed", TraceGen.rootMessage(error)));
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
  static void checkNothingLost(Map<String, Long> funnel, CorpusStats stats) {
    long left = new ArrayList<>(funnel.values()).get(funnel.size() - 1);
    long written = stats.totalRecords();
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

  /** What is known of a run before its corpus is scanned; {@link RunFacts#ended} and {@link RunFacts#withOutcome} add the rest. */
  static RunFacts runFacts(TraceOptions o, RunConfig cfg, Map<String, Map<String, Long>> counters,
      List<String> shortfalls, double seconds) {
    String title = !o.getPrettyName().isBlank() ? o.getPrettyName() : cfg.profile().prettyName();
    String license = !o.getLicense().isBlank() ? o.getLicense() : cfg.profile().license();
    Map<String, LlmStepCounts> llm = new TreeMap<>();
    RunMetrics.llm(counters).forEach((step, values) -> llm.put(step, LlmStepCounts.of(values)));
    return new RunFacts("tracegen", TraceGen.VERSION, cfg.profile().name(), title.isBlank() ? null : title,
        license.isBlank() ? DatasetCard.DEFAULT_LICENSE : license, cfg.profile().runSeed(), cfg.generator().label(),
        cfg.judge().label(), cfg.taxonomy().version(), cfg.prompts().hashes(), options(o, cfg), libraryVersions(),
        TracePipeline.targets(cfg), counters.getOrDefault("select", Map.of()), shortfalls, llm,
        Math.round(seconds * 10) / 10.0, null, null, null, null, null, null, null, null);
  }

  /** The options that shaped the run. API keys are never options, only the names of variables. */
  private static RunOptions options(TraceOptions o, RunConfig cfg) {
    return new RunOptions(o.getProfile(), cfg.profile().language(), o.getTaxonomy(), o.getPrompts(), cfg.seeds(), o.getRunner().getSimpleName(),
        cfg.profile().overgeneration(), o.getAllowShortfall(), o.getDimensions(), o.getDimensionWeights(),
        referenceFile(o, cfg), cfg.revisions(), settings(cfg.generator()), settings(cfg.judge()));
  }

  private static RunOptions.LlmOptions settings(LlmSettings s) {
    boolean embedded = s.isEmbedded();
    LlmLimits limits = s.limits();
    return new RunOptions.LlmOptions(s.provider(), s.model(), s.baseUrl(), s.apiKeyEnv(), s.temperature(),
        s.maxTokens(), s.timeoutSeconds(), s.maxInFlight(), embedded ? s.nonCompliance() : null,
        embedded ? s.malformed() : null, embedded && !s.persona().faithful() ? s.persona().label() : null,
        limits.requestsPerMinute(), limits.tokensPerMinute(), limits.maxRetries(), limits.maxCalls(),
        limits.maxTotalTokens(), s.cacheDir(), limits.maxCost(), s.batch().enabled() ? Boolean.TRUE : null);
  }

  /** Some stratum has fewer records than its target and {@code --allowShortfall} was not given. */
  public static class ShortfallException extends RuntimeException {
    private final String diagnostics;

    public ShortfallException(List<String> shortfalls, String diagnostics) {
      super("targets not met; nothing was published. The run's run.json, stats.json, report.html and rejections/"
          + " are in " + diagnostics + ". Allow more waves (--maxWaves) or, with --planning=fixed, raise"
          + " --overgeneration (cached answers are reused either way), or pass --allowShortfall:\n  "
          + String.join("\n  ", shortfalls));
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
