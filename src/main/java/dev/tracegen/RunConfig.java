package dev.tracegen;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Profile;
import dev.tracegen.config.Prompts;
import dev.tracegen.decontaminate.DecontaminationConfig;
import dev.tracegen.dedup.DedupConfig;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.io.SeedFiles;
import dev.tracegen.io.SeedFormat;
import dev.tracegen.llm.ChatModels;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.Models;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import dev.tracegen.wave.WavePlanner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a run reads before the pipeline starts, validated up front so that a bad taxonomy,
 * prompt or profile stops the run before any LLM call.
 */
public record RunConfig(
    Profile profile,
    Taxonomy taxonomy,
    Prompts prompts,
    LlmSettings generator,
    LlmSettings judge,
    List<String> seeds,
    SeedFormat seedFormat,
    int buckets,
    DedupConfig dedup,
    DecontaminationConfig decontamination,
    double judgeCalibration,
    int revisions,
    WavePlanner.Settings waves,
    Map<String, Map<String, Double>> drawWeights) {

  public static RunConfig from(TraceOptions o) {
    Profile profile = Profile.load(Path.of(o.getProfile()));
    if (o.getOvergeneration() > 0) {
      profile = profile.withOvergeneration(o.getOvergeneration());
    }
    profile = profile.withLanguage(language(o.getLanguage(), profile.language()));
    Taxonomy taxonomy = TaxonomyLoader.load(Path.of(o.getTaxonomy()), Checkers.load(), profile.language());
    Prompts prompts = Prompts.load(Path.of(o.getPrompts()), profile.language());
    profile = withDimensionWeights(profile, taxonomy, o.getDimensions(), o.getDimensionWeights());
    List<String> seeds = seedPatterns(o, profile);
    SeedFormat seedFormat = seedFormat(o, profile);
    Models models = Models.from(o, o.getTemperature(), null);
    LlmSettings generator = models.generator();
    LlmSettings judge = models.judge();
    String languageProblem = embeddedLanguageProblem(profile.language(), generator.isEmbedded() || judge.isEmbedded());
    if (languageProblem != null) {
      throw new IllegalArgumentException(languageProblem);
    }
    ChatModels.validate(generator, "generator");
    ChatModels.validate(judge, "judge");
    if (o.getBuckets() < 1) {
      throw new IllegalArgumentException("--buckets must be at least 1");
    }
    if (!(o.getJudgeCalibration() >= 0 && o.getJudgeCalibration() <= 1)) {
      throw new IllegalArgumentException("--judgeCalibration must be between 0 and 1, got " + o.getJudgeCalibration());
    }
    if (o.getRevisions() < 0) {
      throw new IllegalArgumentException("--revisions must be at least 0, got " + o.getRevisions());
    }
    return new RunConfig(profile, taxonomy, prompts, generator, judge, seeds, seedFormat, o.getBuckets(),
        dedupConfig(o), decontaminationConfig(o), o.getJudgeCalibration(), o.getRevisions(), waveSettings(o), Map.of());
  }

  public RunConfig {
    drawWeights = drawWeights == null ? Map.of() : drawWeights;
  }

  /**
   * This configuration with the Plan stage's draw weights per split ({@code MixCalibration}); without
   * them the plans are drawn by the profile's and taxonomy's weights as they are.
   */
  public RunConfig withDrawWeights(Map<String, Map<String, Double>> weights) {
    return new RunConfig(profile, taxonomy, prompts, generator, judge, seeds, seedFormat, buckets, dedup,
        decontamination, judgeCalibration, revisions, waves, weights);
  }

  /** {@code --planning} and its knobs; a fixed over-generation factor on the command line means fixed planning. */
  static WavePlanner.Settings waveSettings(TraceOptions o) {
    String planning = o.getPlanning().isBlank() ? (o.getOvergeneration() > 0 ? "fixed" : "adaptive") : o.getPlanning();
    switch (planning) {
      case "fixed":
        return WavePlanner.Settings.fixed();
      case "adaptive":
        return new WavePlanner.Settings(true, o.getPriorYield(), o.getWaveMargin(), o.getMaxWaves());
      default:
        throw new IllegalArgumentException("--planning must be adaptive or fixed, not " + planning);
    }
  }

  /** The seed file patterns: {@code --seeds} when given, else the profile's (none without a profile). */
  static List<String> seedPatterns(TraceOptions o, Profile profile) {
    if (!o.getSeeds().isBlank()) {
      return SeedFiles.split(o.getSeeds());
    }
    return profile == null ? List.of() : profile.seeds();
  }

  /** {@code --seedFormat} when given, else the profile's ({@code auto} without a profile). */
  static SeedFormat seedFormat(TraceOptions o, Profile profile) {
    String format = !o.getSeedFormat().isBlank() ? o.getSeedFormat() : profile == null ? "auto" : profile.seedFormat();
    return SeedFormat.parse(format);
  }






  /**
   * The profile with {@code --dimensions} (only these ids keep their weight; all others get 0) and
   * {@code --dimensionWeights=id=w,...} (merged over the profile's {@code dimension_weights})
   * applied. Unknown ids, bad numbers and a selection that leaves no dimension are errors.
   */
  public static Profile withDimensionWeights(Profile profile, Taxonomy taxonomy, String dimensions, String weights) {
    if ((dimensions == null || dimensions.isBlank()) && (weights == null || weights.isBlank())) {
      return profile;
    }
    java.util.Map<String, Double> merged = new java.util.TreeMap<>(profile.dimensionWeights());
    java.util.Set<String> unknown = new java.util.TreeSet<>();
    if (dimensions != null && !dimensions.isBlank()) {
      java.util.Set<String> keep = new java.util.TreeSet<>();
      for (String id : dimensions.split(",")) {
        if (!id.isBlank()) {
          keep.add(id.strip());
        }
      }
      keep.stream().filter(id -> !taxonomy.has(id)).forEach(unknown::add);
      for (var d : taxonomy.dimensions()) {
        if (!keep.contains(d.id())) {
          merged.put(d.id(), 0.0);
        }
      }
    }
    if (weights != null && !weights.isBlank()) {
      for (String pair : weights.split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String id = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
        double w;
        try {
          w = Double.parseDouble(eq < 0 ? "" : pair.substring(eq + 1).strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--dimensionWeights: expected id=weight, got '" + pair.strip() + "'");
        }
        if (w < 0 || Double.isNaN(w) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("--dimensionWeights: weight of '" + id + "' must be a number >= 0");
        }
        if (!taxonomy.has(id)) {
          unknown.add(id);
        }
        merged.put(id, w);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown dimension id(s) " + unknown + " in --dimensions/--dimensionWeights; known: "
          + taxonomy.dimensions().stream().map(d -> d.id()).sorted().toList());
    }
    if (taxonomy.dimensions().stream().noneMatch(d -> merged.getOrDefault(d.id(), d.weight()) > 0)) {
      throw new IllegalArgumentException("--dimensions/--dimensionWeights leave no dimension with a positive weight");
    }
    Profile p = profile;
    return new Profile(p.name(), p.description(), p.runSeed(), p.seeds(), p.seedFormat(), p.evalSeedFraction(),
        p.targets(), p.overgeneration(), p.overgenerationPerConstraint(), p.perturbationOps(), merged, p.shards(),
        p.category(), p.license(), p.prettyName(), p.reference(), p.language());
  }

  /** {@code --language} when given, else the profile's; a malformed code is an error naming the option. */
  public static String language(String option, String profileLanguage) {
    String given = option.strip();
    if (given.isEmpty()) {
      return profileLanguage;
    }
    if (!Profile.isLanguageCode(given)) {
      throw new IllegalArgumentException("--language: '" + given + "' is not a language code (two or three lower-case"
          + " letters: zh, en)");
    }
    return given;
  }

  /**
   * Why the embedded model cannot serve a run in {@code language}, or null: its answers and
   * judgements come from English phrase banks, so a corpus of another language would be rejected
   * record by record.
   */
  public static String embeddedLanguageProblem(String language, boolean embeddedModel) {
    if (!embeddedModel || EmbeddedChatModel.writes(language)) {
      return null;
    }
    return "--language=" + language + ": the embedded generator writes "
        + String.join(" and ", EmbeddedChatModel.languages()) + " only; build this language"
        + " with an LLM endpoint (--provider, --model, --baseUrl)";
  }


  /** Dedup options. */
  static DedupConfig dedupConfig(TraceOptions o) {
    return new DedupConfig(o.getBuckets(), o.getNearDedup(), o.getShingleSize(), o.getCharShingleSize(),
        o.getMinhashPermutations(), o.getLshBands(), o.getNearDupThreshold(), o.getSemanticDedup(),
        o.getSemanticThreshold(), o.getSemanticBands(), o.getSemanticBits(), DedupConfig.DEFAULT_CC_ROUNDS);
  }

  /** Decontamination options; local --decontaminate files must be readable. */
  static DecontaminationConfig decontaminationConfig(TraceOptions o) {
    return new DecontaminationConfig(o.getDecontaminationNgram(), o.getDecontaminationCharNgram(),
        DecontaminationConfig.parseFiles(o.getDecontaminate()), o.getDecontaminateField(),
        o.getDecontaminationMaxDocs(), o.getBuckets());
  }
}
