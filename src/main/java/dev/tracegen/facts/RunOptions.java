package dev.tracegen.facts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The options that shaped a run, as {@code run.json} records them. API keys are never options,
 * only the names of the variables that hold them. {@code revisions}: times a response the judge
 * failed could go back to the generator (absent in runs made before revisions existed).
 * {@code language}: the corpus language whose prompts and phrasings the run used (absent in runs
 * made before languages existed, which were English).
 */
@JsonPropertyOrder(alphabetic = true)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunOptions(
    String profile,
    String language,
    String taxonomy,
    String prompts,
    List<String> seeds,
    String runner,
    double overgeneration,
    @JsonProperty("allow_shortfall") boolean allowShortfall,
    String dimensions,
    @JsonProperty("dimension_weights") String dimensionWeights,
    String reference,
    Integer revisions,
    LlmOptions generator,
    LlmOptions judge) {

  /**
   * The settings of one model (generator or judge); limits only for HTTP providers, knobs only for
   * the embedded one; {@code batch} true when its requests went through the batch API.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder(alphabetic = true)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LlmOptions(
      String provider,
      String model,
      @JsonProperty("base_url") String baseUrl,
      @JsonProperty("api_key_env") String apiKeyEnv,
      Double temperature,
      @JsonProperty("max_tokens") Integer maxTokens,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds,
      @JsonProperty("max_in_flight") Integer maxInFlight,
      @JsonProperty("non_compliance") Double nonCompliance,
      Double malformed,
      String persona,
      @JsonProperty("requests_per_minute") Long requestsPerMinute,
      @JsonProperty("tokens_per_minute") Long tokensPerMinute,
      @JsonProperty("max_retries") Integer maxRetries,
      @JsonProperty("max_calls") Long maxCalls,
      @JsonProperty("max_total_tokens") Long maxTotalTokens,
      @JsonProperty("cache_dir") String cacheDir,
      @JsonProperty("max_cost") Double maxCost,
      Boolean batch) {}
}
