package dev.tracegen;

import dev.tracegen.decontaminate.DecontaminateRecords;
import dev.tracegen.decontaminate.ScreenCandidates;
import dev.tracegen.dedup.DeduplicateRecords;
import dev.tracegen.dedup.Embedding;
import dev.tracegen.expand.ExpandInstructions;
import dev.tracegen.export.ExportCorpus;
import dev.tracegen.export.WriteRejections;
import dev.tracegen.io.Locations;
import dev.tracegen.io.ReadSeeds;
import dev.tracegen.iopo.BuildQuadruples;
import dev.tracegen.judge.CrossJudgeResponses;
import dev.tracegen.judge.JudgeResponses;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.perturb.PerturbConstraints;
import dev.tracegen.plan.PlanConstraints;
import dev.tracegen.plan.PlanSlots;
import dev.tracegen.quality.CheckInstructionQuality;
import dev.tracegen.respond.GenerateResponses;
import dev.tracegen.select.SelectExactCounts;
import dev.tracegen.split.SplitRecords;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.structure.StructureInstructions;
import dev.tracegen.wave.WaveFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The TRACE flow as Beam pipelines, shared by {@code run} and the end-to-end tests. Its two halves
 * are building blocks: {@link #candidates} (seeds, plans and every LLM stage up to the quadruple)
 * and {@link #finish} (dedup, split, decontamination, exact selection and export). {@link #build}
 * puts both in one pipeline; a run ({@link WaveRunner}) runs the first half once
 * per wave ({@link #buildWave}, which keeps its candidates in files) and the second half once over
 * all waves' candidates ({@link #buildFinish}).
 */
public final class TracePipeline {
  private TracePipeline() {}

  /** Every stage in one pipeline over the profile's fixed plan slots, writing the corpus into {@code stagingDir}. */
  public static void build(Pipeline p, RunConfig cfg, String stagingDir) {
    List<PCollection<Rejection>> rejections = new ArrayList<>();
    PCollection<TraceRecord> noEval = p.apply("NoEvalCandidates", Create.empty(JsonCoder.of(TraceRecord.class)));
    PCollection<TraceRecord> records = candidates(p, cfg, PlanSlots.fixed(cfg.profile()), noEval, rejections, true);
    finish(packed(records), cfg, stagingDir, rejections, DeduplicateRecords.with(cfg.dedup()));
    writeRejections(rejections, stagingDir);
  }

  /**
   * One wave: the plans of {@code slots} through every LLM stage; quadruples go to {@code waveDir}
   * ({@link WaveFiles}), rejections to its {@code rejections/}. Train candidates are screened
   * against the eval candidates in {@code evalCandidates} (files of earlier waves; none for an
   * empty list). Every wave reads the seeds again; only the first keeps the seed lines it rejects.
   */
  public static void buildWave(Pipeline p, RunConfig cfg, PlanSlots slots, List<String> evalCandidates, String waveDir,
      boolean firstWave) {
    List<PCollection<Rejection>> rejections = new ArrayList<>();
    PCollection<TraceRecord> eval = WaveFiles.readRecords(p, "EvalCandidates", evalCandidates);
    PCollection<TraceRecord> records = candidates(p, cfg, slots, eval, rejections, firstWave);
    records.apply("KeepCandidates", WaveFiles.writeRecords(waveDir,
        slots.ranges().stream().map(PlanSlots.Range::split).distinct().sorted().toList()));
    writeRejections(rejections, waveDir);
  }

  /**
   * Dedup to export over the quadruples of every wave in {@code waveDirs}, writing the corpus and
   * all rejections (the waves' and its own) into {@code stagingDir}.
   */
  public static void buildFinish(Pipeline p, RunConfig cfg, List<String> waveDirs, String stagingDir) {
    List<PCollection<Rejection>> rejections = new ArrayList<>();
    rejections.add(WaveFiles.readRejections(p, "WaveRejections", waveDirs));
    PCollection<PackedRecord> records = packed(
        WaveFiles.readRecords(p, "Candidates", WaveFiles.candidateFiles(waveDirs, null)));
    DeduplicateRecords dedup = DeduplicateRecords.with(cfg.dedup());
    String embeddings = Locations.dir(stagingDir, WaveRunner.WAVES_DIR, EMBEDDINGS_DIR);
    if (cfg.dedup().semantic()) {
      // A finishing after a top-up wave sees the same candidates again and more: the embeddings
      // an earlier finishing computed are reused, and what this one computes is kept for the next.
      dedup = dedup.reusing(WaveFiles.readJson(p, "KnownEmbeddings", List.of(Locations.file(embeddings, "*.jsonl")),
          Embedding.class));
    }
    PCollection<Embedding> embedded = finish(records, cfg, stagingDir, rejections, dedup);
    if (cfg.dedup().semantic()) {
      embedded.apply("EmbeddingsJson", MapElements.into(TypeDescriptors.strings()).via((Embedding e) -> Json.write(e)))
          .apply("WriteEmbeddings", TextIO.write()
              .to(Locations.file(embeddings, String.format("after-wave-%02d", waveDirs.size()))).withSuffix(".jsonl"));
    }
    writeRejections(rejections, stagingDir);
  }

  /** Where semantic dedup's embeddings are kept between finishing pipelines (under the waves). */
  static final String EMBEDDINGS_DIR = "embeddings";

  /** Seeds, plans of {@code slots}, and every candidate stage up to the quadruple; {@code seedRejections}: keep the bad seed lines. */
  static PCollection<TraceRecord> candidates(Pipeline p, RunConfig cfg, PlanSlots slots, PCollection<TraceRecord> eval,
      List<PCollection<Rejection>> rejections, boolean seedRejections) {
    StepContext ctx = new StepContext(cfg.prompts(), cfg.taxonomy(), cfg.generator(), cfg.judge(), cfg.profile().runSeed(),
        cfg.judgeCalibration(), cfg.revisions());
    PCollectionTuple seeds = p.apply(Stages.READ_SEEDS.transform(), ReadSeeds.from(cfg.seeds(), cfg.seedFormat()));
    if (seedRejections) {
      rejections.add(seeds.get(ReadSeeds.REJECTED));
    }
    PCollectionTuple plans = seeds.get(ReadSeeds.SEEDS)
        .apply(Stages.PLAN.transform(), PlanConstraints.of(cfg.profile(), cfg.taxonomy(), cfg.buckets(), slots,
            cfg.drawWeights()));
    rejections.add(plans.get(PlanConstraints.REJECTED));
    PCollection<Candidate> candidates = plans.get(PlanConstraints.PLANS)
        .apply("StartCandidates", MapElements.into(TypeDescriptor.of(Candidate.class)).via((Plan plan) -> Candidate.of(plan)))
        .setCoder(JsonCoder.of(Candidate.class));

    Map<Stage, PTransform<PCollection<Candidate>, PCollectionTuple>> llmStages = candidateStages(ctx, cfg, eval);
    for (Stage stage : Stages.TRACE.candidateStages()) {
      PCollectionTuple out = candidates.apply(stage.transform(), transformOf(stage, llmStages));
      rejections.add(out.get(CandidateStage.REJECTED));
      candidates = out.get(CandidateStage.KEPT);
    }
    return candidates.apply("Quadruple", BuildQuadruples.with(cfg.generator(), cfg.judge()));
  }

  /**
   * Dedup (exact, near, optional semantic; clusters never straddle the split), the seed check, then
   * eval is selected first so that train is decontaminated against exactly the published eval split
   * before train is selected; the selected records are exported into {@code stagingDir}.
   */
  static PCollection<Embedding> finish(PCollection<PackedRecord> records, RunConfig cfg, String stagingDir,
      List<PCollection<Rejection>> rejections, DeduplicateRecords dedup) {
    PCollectionTuple deduped = records.apply(Stages.DEDUP.transform(), dedup);
    rejections.add(deduped.get(DeduplicateRecords.REJECTED));
    PCollectionTuple split = deduped.get(DeduplicateRecords.KEPT)
        .apply(Stages.SPLIT.transform(), SplitRecords.bySeed(cfg.profile().runSeed(), cfg.profile().evalSeedFraction()));
    rejections.add(split.get(SplitRecords.REJECTED));
    PCollectionTuple selectedEval = split.get(SplitRecords.EVAL)
        .apply(Stages.SELECT.transform() + "Eval", SelectExactCounts.of(targets(cfg, "eval"), cfg.profile().runSeed()));
    rejections.add(selectedEval.get(SelectExactCounts.REJECTED));
    PCollectionTuple clean = split.get(SplitRecords.TRAIN)
        .apply(Stages.DECONTAMINATE.transform(), DecontaminateRecords.against(selectedEval.get(SelectExactCounts.KEPT), cfg.decontamination()));
    rejections.add(clean.get(DecontaminateRecords.REJECTED));
    PCollectionTuple selectedTrain = clean.get(DecontaminateRecords.KEPT)
        .apply(Stages.SELECT.transform() + "Train", SelectExactCounts.of(targets(cfg, "train"), cfg.profile().runSeed()));
    rejections.add(selectedTrain.get(SelectExactCounts.REJECTED));
    PCollection<PackedRecord> selected = PCollectionList.of(selectedEval.get(SelectExactCounts.KEPT))
        .and(selectedTrain.get(SelectExactCounts.KEPT))
        .apply("SelectedSplits", Flatten.pCollections());

    selected.apply("Export", ExportCorpus.to(stagingDir,
        cfg.profile().shards().getOrDefault("train", 16), cfg.profile().shards().getOrDefault("eval", 1),
        cfg.taxonomy().labelsZh(), cfg.taxonomy().checkerIds(), cfg.profile().category()));
    return deduped.get(DeduplicateRecords.EMBEDDED);
  }

  /**
   * Finishing's stages decide on a record's id, seed, split and size and pass most records on
   * unread; packed, a record is decoded only where a stage reads more ({@link PackedRecord}).
   */
  private static PCollection<PackedRecord> packed(PCollection<TraceRecord> records) {
    return records.apply("Pack", PackedRecord.packEach()).setCoder(PackedRecord.PackedRecordCoder.of());
  }

  private static void writeRejections(List<PCollection<Rejection>> rejections, String dir) {
    PCollectionList.of(rejections).apply("AllRejections", Flatten.pCollections())
        .apply("WriteRejections", WriteRejections.to(dir));
  }

  /** The transform of each LLM stage; their order and names come from {@link Stages#TRACE}. */
  static Map<Stage, PTransform<PCollection<Candidate>, PCollectionTuple>> candidateStages(StepContext ctx, RunConfig cfg,
      PCollection<TraceRecord> eval) {
    return Map.of(
        Stages.EXPAND, ExpandInstructions.with(ctx),
        Stages.SCREEN, ScreenCandidates.against(eval, cfg.decontamination()),
        Stages.STRUCTURE, StructureInstructions.with(ctx),
        Stages.QUALITY, CheckInstructionQuality.with(ctx),
        Stages.RESPOND_Y1, GenerateResponses.forX1(ctx),
        Stages.JUDGE_Y1, JudgeResponses.y1OnX1(ctx),
        Stages.PERTURB, PerturbConstraints.with(ctx, cfg.profile().perturbationOps()),
        Stages.RESPOND_Y2, GenerateResponses.forX2(ctx),
        Stages.JUDGE_Y2, JudgeResponses.y2OnX2(ctx),
        Stages.CROSS_JUDGE, CrossJudgeResponses.with(ctx));
  }

  /** A declared stage's transform; a stage declared without one fails here, when the pipeline is built. */
  static PTransform<PCollection<Candidate>, PCollectionTuple> transformOf(Stage stage,
      Map<Stage, PTransform<PCollection<Candidate>, PCollectionTuple>> transforms) {
    PTransform<PCollection<Candidate>, PCollectionTuple> t = transforms.get(stage);
    if (t == null) {
      throw new IllegalArgumentException("stage " + stage.id() + " is declared but has no transform");
    }
    return t;
  }

  /** Stratum key to exact count, for both splits. */
  public static Map<String, Integer> targets(RunConfig cfg) {
    Map<String, Integer> out = new TreeMap<>();
    for (String split : List.of("train", "eval")) {
      out.putAll(targets(cfg, split));
    }
    return out;
  }

  /** Stratum key to exact count, for one split. */
  public static Map<String, Integer> targets(RunConfig cfg, String split) {
    Map<String, Integer> out = new TreeMap<>();
    cfg.profile().stratumTargets(split).forEach((k, n) -> out.put(SelectExactCounts.stratum(split, k), n));
    return out;
  }
}
