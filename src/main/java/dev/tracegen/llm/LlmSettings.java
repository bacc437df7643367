package dev.tracegen.llm;

import java.io.Serializable;

/**
 * How to reach one model (generator or judge). The API key is never stored here: only the
 * *name* of the environment variable that holds it, read on the worker when the client is built.
 *
 * @param nonCompliance embedded model only: fraction of responses that break a constraint
 * @param malformed embedded model only: fraction of structured answers that are not valid JSON
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
    double malformed)
    implements Serializable {

  public static LlmSettings embedded() {
    return new LlmSettings("embedded", "tracegen-embedded-1", "", "", 0.0, 2048, 60, 1, 0.0, 0.0);
  }

  public boolean isEmbedded() {
    return "embedded".equals(provider);
  }

  /** Provider and model as shown in lineage and reports (never the key). */
  public String label() {
    return provider + ":" + model;
  }

  public LlmSettings withKnobs(double newNonCompliance, double newMalformed) {
    return new LlmSettings(provider, model, baseUrl, apiKeyEnv, temperature, maxTokens, timeoutSeconds,
        maxInFlight, newNonCompliance, newMalformed);
  }
}
