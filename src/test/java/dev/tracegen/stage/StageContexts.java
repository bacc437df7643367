package dev.tracegen.stage;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Prompts;
import dev.tracegen.embedded.Persona;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Step contexts for stage tests, against the embedded model: faithful, or realistic with only the
 * habits a test names (every other rate is 0, so a test's misbehaviour is the one it asked for).
 * Each context has its own run id, so no two tests share a client, a budget or a circuit breaker.
 */
public final class StageContexts {
  public static final Checkers CHECKERS = Checkers.load();
  public static final Taxonomy TAXONOMY = TaxonomyLoader.load(Path.of("taxonomy"), id -> CHECKERS.get(id).isPresent());
  public static final Prompts PROMPTS = Prompts.load(Path.of("prompts"));
  public static final long RUN_SEED = 20241109L;

  static final String NO_HABITS = "fence=0,sloppyJson=0,paraphrase=0,wrongParams=0,countMiss=0,ignoreDont=0,"
      + "truncate=0,refusal=0,judgeFormat=0,wrongLanguage=0";

  private StageContexts() {}

  /** The faithful embedded model as generator and judge. */
  public static StepContext faithful() {
    return of(LlmSettings.embedded());
  }

  /** The embedded model with the {@code nonCompliance} and {@code malformed} knobs. */
  public static StepContext knobs(double nonCompliance, double malformed) {
    LlmSettings e = LlmSettings.embedded();
    return of(new LlmSettings(e.provider(), e.model(), "", "", 0.0, e.maxTokens(), e.timeoutSeconds(), 1, nonCompliance,
        malformed));
  }

  /** The realistic persona with only {@code habits} ({@code name=rate,...}) switched on. */
  public static StepContext realistic(String habits) {
    return of(LlmSettings.embedded().withPersona(Persona.of(Persona.REALISTIC_NAME, NO_HABITS + "," + habits)));
  }

  /** {@code ctx} with {@code revisions} revisions of a response the judge fails. */
  public static StepContext revising(StepContext ctx, int revisions) {
    return new StepContext(ctx.prompts(), ctx.taxonomy(), ctx.generator(), ctx.judge(), ctx.runSeed(),
        ctx.judgeCalibration(), revisions);
  }

  private static StepContext of(LlmSettings settings) {
    LlmSettings s = settings.withRunId(UUID.randomUUID().toString());
    return new StepContext(PROMPTS, TAXONOMY, s, s, RUN_SEED, 0, 0);
  }
}
