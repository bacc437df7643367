package dev.tracegen.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The LLM work of one step (its {@code llm.<step>} Beam counters): answers used ({@code calls}),
 * those read from the response cache, failed calls, repair re-asks, retries, and tokens.
 */
@JsonPropertyOrder(alphabetic = true)
public record LlmStepCounts(
    long calls,
    @JsonProperty("cache_hits") long cacheHits,
    long failures,
    long repairs,
    long retries,
    @JsonProperty("tokens_in") long tokensIn,
    @JsonProperty("tokens_out") long tokensOut) {

  /** From a step's counters by name; a counter that was never incremented is 0. */
  public static LlmStepCounts of(Map<String, Long> counters) {
    return new LlmStepCounts(counters.getOrDefault("calls", 0L), counters.getOrDefault("cache_hits", 0L),
        counters.getOrDefault("failures", 0L), counters.getOrDefault("repairs", 0L),
        counters.getOrDefault("retries", 0L), counters.getOrDefault("tokens_in", 0L),
        counters.getOrDefault("tokens_out", 0L));
  }

  /** Requests that reached the model: answers used less those from the cache (retries not included). */
  public long sent() {
    return calls - cacheHits;
  }
}
