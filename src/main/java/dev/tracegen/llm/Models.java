package dev.tracegen.llm;

import dev.tracegen.cost.PriceOverrides;
import dev.tracegen.cost.PriceTable;
import dev.tracegen.embedded.Persona;
import dev.tracegen.llm.batch.BatchSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two models a command calls, the generator (or the model under test) and the judge, as the
 * {@link ModelOptions} describe them: endpoints, limits, the response cache, batch mode and prices,
 * checked up front (a persona for an HTTP model, {@code --maxCost} without prices). Both share one
 * run id, so that they share the run's circuit breaker.
 */
public record Models(LlmSettings generator, LlmSettings judge) {
  /** Where the response cache lives when {@code --cacheDir} is not given (relative to the working directory). */
  public static final String DEFAULT_CACHE_DIR = ".tracegen-cache";

  /**
   * The generator at {@code generatorTemperature} (a command's own default unless the user gave
   * {@code --temperature}) and the judge at temperature 0 with {@code judgeTopP} (null: the
   * provider's default).
   */
  public static Models from(ModelOptions o, double generatorTemperature, Double judgeTopP) {
    LlmSettings generator = new LlmSettings(o.getProvider(), modelOrDefault(o.getProvider(), o.getModel()),
        o.getBaseUrl(), o.getApiKeyEnv(), generatorTemperature, o.getMaxTokens(), o.getRequestTimeout(),
        o.getMaxInFlight(), o.getNonCompliance(), o.getMalformed());
    String judgeProvider = o.getJudgeProvider().isBlank() ? o.getProvider() : o.getJudgeProvider();
    String judgeModel = o.getJudgeModel().isBlank() ? generator.model() : o.getJudgeModel();
    LlmSettings judge = new LlmSettings(judgeProvider, modelOrDefault(judgeProvider, judgeModel),
        o.getJudgeBaseUrl().isBlank() ? o.getBaseUrl() : o.getJudgeBaseUrl(),
        o.getJudgeApiKeyEnv().isBlank() ? o.getApiKeyEnv() : o.getJudgeApiKeyEnv(),
        0.0, o.getMaxTokens(), o.getRequestTimeout(), o.getMaxInFlight(), 0.0, o.getMalformed());
    Persona persona = Persona.of(o.getPersona(), o.getPersonaRates());
    if (!persona.faithful() && !generator.isEmbedded() && !judge.isEmbedded()) {
      throw new IllegalArgumentException("--persona applies to the embedded model only; for a model over HTTP "
          + "start it with tracegen serve --persona=" + persona.name());
    }
    String runId = java.util.UUID.randomUUID().toString();
    ResponseFormatMode responseFormat = ResponseFormatMode.parse(o.getResponseFormat());
    generator = withRunOptions(o, generator, runId).withPersona(persona).withResponseFormat(responseFormat);
    judge = withRunOptions(o, judge, runId).withPersona(persona).withResponseFormat(responseFormat);
    generator = withBatch(o, generator, "generator");
    judge = withBatch(o, judge, "judge");
    PriceTable prices = priceTable(o);
    generator = generator.withPrice(prices.price(generator.provider(), generator.model(), priceOverrides(o),
        "--price"));
    // A judge that is the generator's model is charged the generator's prices unless told otherwise.
    boolean sameModel = judge.provider().equals(generator.provider()) && judge.model().equals(generator.model());
    PriceOverrides judgePrices = judgePriceOverrides(o).any() || !sameModel ? judgePriceOverrides(o) : priceOverrides(o);
    judge = judge.withPrice(prices.price(judge.provider(), judge.model(), judgePrices,
        judgePriceOverrides(o).any() || !sameModel ? "--judgePrice" : "--price"));
    if (o.getMaxCost() > 0) {
      for (LlmSettings s : List.of(generator, judge)) {
        if (!s.price().known()) {
          throw new IllegalArgumentException("--maxCost needs the price of every model the run calls; "
              + s.price().hint());
        }
      }
    }
    return new Models(generator, judge.withTopP(judgeTopP));
  }

  /**
   * {@code --batch} and its settings for a model over HTTP; the in-process embedded model answers at
   * once and never batches. Batches need OpenAI's or Anthropic's batch API and the response cache (where their
   * answers and records go).
   */
  private static LlmSettings withBatch(ModelOptions o, LlmSettings s, String role) {
    if (!o.getBatch() || s.isEmbedded()) {
      return s;
    }
    if (!"openai".equals(s.provider()) && !"anthropic".equals(s.provider())) {
      throw new IllegalArgumentException("--batch supports providers openai (and OpenAI-compatible servers) and "
          + "anthropic; the " + role + " uses " + s.provider());
    }
    if ("anthropic".equals(s.provider()) && s.responseFormat().resolve("anthropic") != ResponseFormatMode.NONE) {
      throw new IllegalArgumentException("--batch with provider anthropic asks for JSON in the prompt only: use "
          + "--responseFormat=auto or none (the " + role + " asks for " + s.responseFormat().option() + ")");
    }
    if (!s.cached()) {
      throw new IllegalArgumentException("--batch needs the response cache: drop --cache=false");
    }
    return s.withBatch(new BatchSettings(true, o.getBatchPollSeconds(),
        o.getBatchMaxRequests(), o.getBatchTimeoutHours()));
  }

  /**
   * The price table of {@code --prices}: a file that is there must be valid; the default one may be
   * absent (a run from another directory), which leaves every price unknown.
   */
  static PriceTable priceTable(ModelOptions o) {
    Path file = Path.of(o.getPrices());
    if (!Files.exists(file) && !o.getPrices().equals(PriceTable.DEFAULT_FILE)) {
      throw new IllegalArgumentException("--prices=" + o.getPrices() + ": no such file");
    }
    return PriceTable.loadOrEmpty(file);
  }

  /** The generator's {@code --price*} options. */
  private static PriceOverrides priceOverrides(ModelOptions o) {
    return new PriceOverrides(o.getPriceInput(), o.getPriceOutput(), o.getPriceCachedInput(), o.getPriceBatchInput(),
        o.getPriceBatchOutput());
  }

  /** The judge's {@code --judgePrice*} options. */
  private static PriceOverrides judgePriceOverrides(ModelOptions o) {
    return new PriceOverrides(o.getJudgePriceInput(), o.getJudgePriceOutput(), -1, -1, -1);
  }

  /** Limits, budgets and the response cache (never for the in-process embedded model) from the options. */
  private static LlmSettings withRunOptions(ModelOptions o, LlmSettings s, String runId) {
    LlmLimits limits = new LlmLimits(o.getRequestsPerMinute(), o.getTokensPerMinute(), o.getMaxRetries(),
        o.getRetryBaseMillis(), o.getMaxCalls(), o.getMaxTotalTokens(), o.getMaxCost());
    String cacheDir = "";
    if (o.getCache() && !s.isEmbedded()) {
      String dir = o.getCacheDir().isBlank() ? DEFAULT_CACHE_DIR : o.getCacheDir();
      cacheDir = dir.contains("://") ? dir : Path.of(dir).toAbsolutePath().normalize().toString();
    }
    return s.withLimits(limits).withCacheDir(cacheDir).withRunId(runId);
  }

  private static String modelOrDefault(String provider, String model) {
    if (!model.isBlank()) {
      return model;
    }
    return "embedded".equals(provider) ? LlmSettings.embedded().model() : "";
  }
}
