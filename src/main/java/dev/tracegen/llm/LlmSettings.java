package dev.tracegen.llm;

import dev.tracegen.cost.ModelPrice;
import dev.tracegen.embedded.Persona;
import dev.tracegen.llm.batch.BatchSettings;
import java.io.Serializable;

/**
 * How to reach one model (generator or judge). The API key is never stored here: only the
 * *name* of the environment variable that holds it, read on the worker when the client is built.
 *
 * @param nonCompliance embedded model only: fraction of responses that break a constraint
 * @param malformed embedded model only: fraction of structured answers that are not valid JSON
 * @param limits rate limits, retries and budgets
 * @param cacheDir directory (any Beam file system) of the response cache; empty = no cache
 * @param persona embedded model only: faithful, or realistic with the rates of its habits
 * @param runId identifies one run, so that a JVM that runs several pipelines gives each its own
 *     clients (circuit breaker, budget, cache view); not part of any cache key or report
 * @param responseFormat how JSON steps ask for their answer ({@code --responseFormat}); {@code auto}
 *     is resolved per provider by the client
 * @param batch whether and how cache misses go through the provider's batch API ({@code --batch})
 * @param price what the model charges, for {@code --maxCost}; null = unknown; not part of any cache key
 * @param topP nucleus sampling's top_p sent with every request; null = the provider's default (not sent)
 */
public record LlmSettings(
    String provider,
    String model,
    String baseUrl,
    String apiKeyEnv,
    double temperature,
    int maxTokens,
    int timeoutSeconds,
    int maxInFlight,
    double nonCompliance,
    double malformed,
    LlmLimits limits,
    String cacheDir,
    String runId,
    Persona persona,
    ResponseFormatMode responseFormat,
    BatchSettings batch,
    ModelPrice price,
    Double topP)
    implements Serializable {

  public LlmSettings {
    persona = persona == null ? Persona.FAITHFUL : persona;
    responseFormat = responseFormat == null ? ResponseFormatMode.AUTO : responseFormat;
    limits = limits == null ? LlmLimits.DEFAULT : limits;
    cacheDir = cacheDir == null ? "" : cacheDir;
    runId = runId == null ? "" : runId;
    baseUrl = baseUrl == null ? "" : baseUrl;
    apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv;
    batch = batch == null ? BatchSettings.OFF : batch;
  }

  /** Settings at the provider's default top_p. */
  public LlmSettings(String provider, String model, String baseUrl, String apiKeyEnv, double temperature,
      int maxTokens, int timeoutSeconds, int maxInFlight, double nonCompliance, double malformed, LlmLimits limits,
      String cacheDir, String runId, Persona persona, ResponseFormatMode responseFormat, BatchSettings batch,
      ModelPrice price) {
    this(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds, maxInFlight, nonCompliance,
        malformed, limits, cacheDir, runId, persona, responseFormat, batch, price, null);
  }

  /** Settings without batch mode and without a price. */
  public LlmSettings(String provider, String model, String baseUrl, String apiKeyEnv, double temperature,
      int maxTokens, int timeoutSeconds, int maxInFlight, double nonCompliance, double malformed, LlmLimits limits,
      String cacheDir, String runId, Persona persona, ResponseFormatMode responseFormat) {
    this(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds, maxInFlight, nonCompliance,
        malformed, limits, cacheDir, runId, persona, responseFormat, BatchSettings.OFF, null);
  }

  /** Settings with default limits, no cache. */
  public LlmSettings(String provider, String model, String baseUrl, String apiKeyEnv, double temperature,
      int maxTokens, int timeoutSeconds, int maxInFlight, double nonCompliance, double malformed) {
    this(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds, maxInFlight, nonCompliance,
        malformed, LlmLimits.DEFAULT, "", "", Persona.FAITHFUL, ResponseFormatMode.AUTO, BatchSettings.OFF, null);
  }

  public static LlmSettings embedded() {
    return new LlmSettings("embedded", "tracegen-embedded-1", "", "", 0.0, 2048, 60, 1, 0.0, 0.0);
  }

  public boolean isEmbedded() {
    return "embedded".equals(provider);
  }

  public boolean cached() {
    return !cacheDir.isEmpty();
  }

  /** Provider and model as shown in lineage and reports (never the key). */
  public String label() {
    return provider + ":" + model;
  }

  public LlmSettings withLimits(LlmLimits newLimits) {
    return new LlmSettings(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds,
        maxInFlight, nonCompliance, malformed, newLimits, cacheDir, runId, persona, responseFormat, batch, price, topP);
  }

  /** The same settings with the response cache under {@code dir} ({@code ""} turns it off). */
  public LlmSettings withCacheDir(String dir) {
    return new LlmSettings(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds,
        maxInFlight, nonCompliance, malformed, limits, dir, runId, persona, responseFormat, batch, price, topP);
  }

  /** The same settings with the embedded model's {@code persona}. */
  public LlmSettings withPersona(Persona newPersona) {
    return new LlmSettings(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds,
        maxInFlight, nonCompliance, malformed, limits, cacheDir, runId, newPersona, responseFormat, batch, price, topP);
  }

  public LlmSettings withRunId(String id) {
    return new LlmSettings(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds,
        maxInFlight, nonCompliance, malformed, limits, cacheDir, id, persona, responseFormat, batch, price, topP);
  }

  /** The same settings with {@code --responseFormat} set to {@code mode}. */
  public LlmSettings withResponseFormat(ResponseFormatMode mode) {
    return new LlmSettings(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds,
        maxInFlight, nonCompliance, malformed, limits, cacheDir, runId, persona, mode, batch, price, topP);
  }

  /** The same settings with batch mode as {@code b} says. */
  public LlmSettings withBatch(BatchSettings b) {
    return new LlmSettings(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds,
        maxInFlight, nonCompliance, malformed, limits, cacheDir, runId, persona, responseFormat, b, price, topP);
  }

  /** The same settings sampling with {@code value} as top_p (null: the provider's default). */
  public LlmSettings withTopP(Double value) {
    return new LlmSettings(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds,
        maxInFlight, nonCompliance, malformed, limits, cacheDir, runId, persona, responseFormat, batch, price, value);
  }

  /** The same settings charged at {@code newPrice}. */
  public LlmSettings withPrice(ModelPrice newPrice) {
    return new LlmSettings(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds,
        maxInFlight, nonCompliance, malformed, limits, cacheDir, runId, persona, responseFormat, batch, newPrice, topP);
  }
}
