package dev.tracegen;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Profile;
import dev.tracegen.config.Prompts;
import dev.tracegen.io.SeedFormat;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
    SeedFormat seedFormat) {

  public static RunConfig from(TraceOptions o) {
    Profile profile = Profile.load(Path.of(o.getProfile()));
    if (o.getOvergeneration() > 0) {
      profile = profile.withOvergeneration(o.getOvergeneration());
    }
    Checkers checkers = Checkers.load();
    Taxonomy taxonomy = TaxonomyLoader.load(Path.of(o.getTaxonomy()), id -> checkers.get(id).isPresent());
    Prompts prompts = Prompts.load(Path.of(o.getPrompts()));
    List<String> seeds = o.getSeeds().isBlank() ? profile.seeds()
        : Arrays.stream(o.getSeeds().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    String format = o.getSeedFormat().isBlank() ? profile.seedFormat() : o.getSeedFormat();
    SeedFormat seedFormat;
    try {
      seedFormat = SeedFormat.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown seed format '" + format + "' (auto, tracegen, alpaca, dolly, self_instruct, text)");
    }
    LlmSettings generator = new LlmSettings(o.getProvider(), modelOrDefault(o.getProvider(), o.getModel()), o.getBaseUrl(),
        o.getApiKeyEnv(), o.getTemperature(), o.getMaxTokens(), o.getRequestTimeout(), o.getMaxInFlight(),
        o.getNonCompliance(), o.getMalformed());
    String judgeProvider = o.getJudgeProvider().isBlank() ? o.getProvider() : o.getJudgeProvider();
    String judgeModel = o.getJudgeModel().isBlank() ? generator.model() : o.getJudgeModel();
    LlmSettings judge = new LlmSettings(judgeProvider, modelOrDefault(judgeProvider, judgeModel),
        o.getJudgeBaseUrl().isBlank() ? o.getBaseUrl() : o.getJudgeBaseUrl(),
        o.getJudgeApiKeyEnv().isBlank() ? o.getApiKeyEnv() : o.getJudgeApiKeyEnv(),
        0.0, o.getMaxTokens(), o.getRequestTimeout(), o.getMaxInFlight(), 0.0, o.getMalformed());
    return new RunConfig(profile, taxonomy, prompts, generator, judge, seeds, seedFormat);
  }

  private static String modelOrDefault(String provider, String model) {
    if (!model.isBlank()) {
      return model;
    }
    return "embedded".equals(provider) ? LlmSettings.embedded().model() : "";
  }
}
