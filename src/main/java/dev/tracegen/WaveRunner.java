package dev.tracegen;

import dev.tracegen.facts.WaveFacts;
import dev.tracegen.io.Locations;
import dev.tracegen.plan.PlanSlots;
import dev.tracegen.report.ProgressReporter;
import dev.tracegen.stage.Stages;
import dev.tracegen.wave.WaveFiles;
import dev.tracegen.wave.WavePlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * A build as a sequence of pipelines: waves of plans through the LLM stages (eval's first wave
 * first, so that train candidates can be screened against the eval tasks before they are answered;
 * later top-ups of both splits share a wave), then one finishing pipeline over every wave's
 * quadruples. With adaptive planning, a stratum that
 * finishing finds short gets a top-up wave and finishing runs again, until every stratum is met or
 * the wave limit is reached. Each wave only adds plan slots, so nothing is ever asked twice.
 */
final class WaveRunner {
  /** What the pipelines counted (waves summed, finishing from its last run), the plans made, and the waves. */
  record Result(Map<String, Map<String, Long>> counters, long planned, WaveFacts waves) {}

  static final String WAVES_DIR = "_waves";

  private final TraceOptions options;
  private final RunConfig cfg;
  private final String staging;
  private final ProgressReporter progress;
  private final Consumer<PipelineResult> running;
  private final Map<String, Map<String, Long>> waveCounters = new TreeMap<>();
  private final List<String> waveDirs = new ArrayList<>();
  private final List<WaveFacts.Wave> waves = new ArrayList<>();
  private int pipelines;

  /** {@code running} is told of each pipeline as it starts (so a signal can cancel it). */
  WaveRunner(TraceOptions options, RunConfig cfg, String staging, ProgressReporter progress,
      Consumer<PipelineResult> running) {
    this.options = options;
    this.cfg = cfg;
    this.staging = staging;
    this.progress = progress;
    this.running = running;
  }

  Result run() throws IOException {
    WavePlanner planner = new WavePlanner(cfg.profile(), TracePipeline.targets(cfg), cfg.waves());
    // Eval's first wave runs alone, so that train's first wave is screened against its candidates;
    // after that both splits' top-ups share a wave (every pipeline costs a fixed start-up).
    for (String split : List.of("eval", "train")) {
      PlanSlots slots = next(planner, List.of(split));
      if (!slots.isEmpty()) {
        wave(planner, slots, split);
      }
    }
    PlanSlots slots;
    while (!(slots = next(planner, SPLITS)).isEmpty()) {
      wave(planner, slots, phase(slots));
    }
    Map<String, Map<String, Long>> finish = finish();
    while (cfg.waves().adaptive()) {
      planner.available(available(finish));
      slots = next(planner, SPLITS);
      if (slots.isEmpty()) {
        break;
      }
      wave(planner, slots, "top-up");
      clearStaging();
      finish = finish();
    }
    Map<String, Map<String, Long>> counters = new TreeMap<>();
    waveCounters.forEach((ns, values) -> counters.put(ns, new TreeMap<>(values)));
    finish.forEach((ns, values) -> values.forEach((name, v) ->
        counters.computeIfAbsent(ns, k -> new TreeMap<>()).merge(name, v, Long::sum)));
    deleteWaves(staging);
    return new Result(counters, planner.plannedTotal(), facts(planner, available(finish)));
  }

  private static final List<String> SPLITS = List.of("eval", "train");

  /** The next wave's slots for the short strata of {@code splits}, together. */
  private static PlanSlots next(WavePlanner planner, List<String> splits) {
    List<PlanSlots.Range> ranges = new ArrayList<>();
    for (String split : splits) {
      if (planner.isShort(split)) {
        ranges.addAll(planner.next(split).ranges());
      }
    }
    return new PlanSlots(ranges);
  }

  /** A wave's phase: the split it tops up, or {@code eval+train}. */
  private static String phase(PlanSlots slots) {
    return String.join("+", slots.ranges().stream().map(PlanSlots.Range::split).distinct().sorted().toList());
  }

  private void wave(WavePlanner planner, PlanSlots slots, String phase) throws IOException {
    int number = waves.size() + 1;
    // A large wave runs in parts, one pipeline each, so that no pipeline holds more candidates
    // than --maxPlansPerPipeline; a plan's slot, not its part, makes it what it is.
    List<PlanSlots> parts = slots.parts(options.getMaxPlansPerPipeline());
    List<String> evalCandidates = WaveFiles.candidateFiles(waveDirs, "eval");
    Map<String, Map<String, Long>> counters = new TreeMap<>();
    List<String> dirs = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String name = String.format("wave-%02d", number) + (parts.size() == 1 ? "" : String.format("-part-%02d", i + 1));
      String dir = Locations.dir(staging, WAVES_DIR, name);
      Pipeline p = Pipeline.create(options);
      TracePipeline.buildWave(p, cfg, parts.get(i), evalCandidates, dir, number == 1 && i == 0);
      String title = "wave " + number + " (" + phase + ")" + (parts.size() == 1 ? ""
          : ", part " + (i + 1) + " of " + parts.size());
      runPipeline(p, title, parts.get(i).total()).forEach((ns, values) -> values.forEach((n, v) ->
          counters.computeIfAbsent(ns, k -> new TreeMap<>()).merge(n, v, Long::sum)));
      dirs.add(dir);
    }
    Map<String, Long> added = new TreeMap<>();
    counters.getOrDefault(WaveFiles.NS, Map.of()).forEach((name, n) -> {
      if (name.startsWith("candidates.")) {
        added.put(name.substring("candidates.".length()), n);
      }
    });
    planner.planned(slots);
    planner.kept(added);
    waveDirs.addAll(dirs);
    Map<String, Integer> plans = new TreeMap<>();
    slots.ranges().forEach(r -> plans.put(r.split() + "." + r.k(), r.size()));
    waves.add(new WaveFacts.Wave(number, phase, slots.total(), added.values().stream().mapToLong(Long::longValue).sum(),
        plans, added));
    counters.forEach((ns, values) -> {
      if (!ns.equals(WaveFiles.NS)) {
        values.forEach((name, v) -> waveCounters.computeIfAbsent(ns, k -> new TreeMap<>()).merge(name, v, Long::sum));
      }
    });
  }

  private Map<String, Map<String, Long>> finish() throws IOException {
    Pipeline p = Pipeline.create(options);
    TracePipeline.buildFinish(p, cfg, waveDirs, staging);
    return runPipeline(p, "finishing (dedup, split, decontaminate, select, export)", 0);
  }

  private Map<String, Map<String, Long>> runPipeline(Pipeline p, String phase, long planned) {
    PipelineResult result = p.run();
    pipelines++;
    running.accept(result);
    progress.attach(result, phase, planned);
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the pipeline of " + phase + " ended in state " + state
          + " instead of DONE; nothing was published");
    }
    return RunMetrics.counters(result);
  }

  /** Records Select found per stratum (after dedup, split and decontamination). */
  private static Map<String, Long> available(Map<String, Map<String, Long>> finish) {
    Map<String, Long> out = new TreeMap<>();
    finish.getOrDefault(Stages.SELECT.id(), Map.of()).forEach((name, n) -> {
      if (name.startsWith("available.")) {
        out.put(name.substring("available.".length()), n);
      }
    });
    return out;
  }

  private WaveFacts facts(WavePlanner planner, Map<String, Long> available) {
    Map<String, Double> yields = new TreeMap<>();
    planner.planned().forEach((stratum, plans) -> yields.put(stratum,
        plans == 0 ? 0 : Math.round(10_000.0 * available.getOrDefault(stratum, 0L) / plans) / 10_000.0));
    WavePlanner.Settings s = cfg.waves();
    return s.adaptive()
        ? new WaveFacts("adaptive", s.priorYield(), s.margin(), s.maxWaves(), pipelines, List.copyOf(waves), yields)
        : new WaveFacts("fixed", null, null, null, pipelines, List.copyOf(waves), yields);
  }

  /** Everything finishing wrote, so that a rerun of it starts clean; the waves stay. */
  private void clearStaging() throws IOException {
    Locations.deleteUnder(staging, List.of(WAVES_DIR));
  }

  /**
   * What a failed run keeps of its waves: their rejections say why candidates were lost; their
   * quadruples (and semantic dedup's embeddings) are working files as large as the corpus and are
   * re-derived from the response cache.
   */
  static void dropCandidates(String staging) throws IOException {
    if (Locations.isLocal(staging)) {
      Path waves = Path.of(staging, WAVES_DIR);
      if (Files.isDirectory(waves)) {
        try (Stream<Path> dirs = Files.list(waves)) {
          for (Path wave : dirs.toList()) {
            Locations.deleteTree(wave.resolve(WaveFiles.CANDIDATES_DIR).toString());
          }
        }
        Locations.deleteTree(waves.resolve(TracePipeline.EMBEDDINGS_DIR).toString());
      }
      return;
    }
    // wave-NN/candidates/... and embeddings/...
    Locations.deleteFiles(Locations.dir(staging, WAVES_DIR),
        rest -> rest.split("/").length > 2 && rest.split("/")[1].equals(WaveFiles.CANDIDATES_DIR)
            || rest.split("/").length == 2 && rest.startsWith(TracePipeline.EMBEDDINGS_DIR + "/"));
  }

  /** The waves' working files: candidates are re-derivable from the cache, their rejections are in the corpus's own. */
  static void deleteWaves(String staging) throws IOException {
    Locations.deleteTree(Locations.dir(staging, WAVES_DIR));
  }
}
