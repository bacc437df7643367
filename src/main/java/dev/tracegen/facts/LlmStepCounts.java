package dev.tracegen.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The LLM work of one step (its {@code llm.<step>} Beam counters): answers used ({@code calls}),
 * those read from the response cache, failed calls, repair re-asks, retries, and tokens; with
 * {@code --batch}, what went through the provider's batch API ({@code batch}, absent otherwise).
 */
@JsonPropertyOrder(alphabetic = true)
public record LlmStepCounts(
    long calls,
    @JsonProperty("cache_hits") long cacheHits,
    long failures,
    long repairs,
    long retries,
    @JsonProperty("tokens_in") long tokensIn,
    @JsonProperty("tokens_out") long tokensOut,
    @JsonInclude(JsonInclude.Include.NON_NULL) BatchCounts batch) {

  /** A step's counts without batch figures. */
  public LlmStepCounts(long calls, long cacheHits, long failures, long repairs, long retries, long tokensIn,
      long tokensOut) {
    this(calls, cacheHits, failures, repairs, retries, tokensIn, tokensOut, null);
  }

  /**
   * What went through the batch API: batches submitted, requests in them, requests they answered and
   * left unanswered (sent one by one instead), and answers of batches resumed after a restart.
   */
  @JsonPropertyOrder(alphabetic = true)
  public record BatchCounts(long batches, long requests, long answered, long unanswered, long resumed) {}

  /** From a step's counters by name; a counter that was never incremented is 0. */
  public static LlmStepCounts of(Map<String, Long> counters) {
    BatchCounts batch = new BatchCounts(counters.getOrDefault("batches", 0L),
        counters.getOrDefault("batch_requests", 0L), counters.getOrDefault("batch_answered", 0L),
        counters.getOrDefault("batch_unanswered", 0L), counters.getOrDefault("batch_resumed", 0L));
    boolean batched = batch.batches() + batch.requests() + batch.resumed() > 0;
    return new LlmStepCounts(counters.getOrDefault("calls", 0L), counters.getOrDefault("cache_hits", 0L),
        counters.getOrDefault("failures", 0L), counters.getOrDefault("repairs", 0L),
        counters.getOrDefault("retries", 0L), counters.getOrDefault("tokens_in", 0L),
        counters.getOrDefault("tokens_out", 0L), batched ? batch : null);
  }

  /** Requests that reached the model: answers used less those from the cache (retries not included). */
  public long sent() {
    return calls - cacheHits;
  }
}
