package dev.tracegen.cost;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One model's list prices as the price table gives them, per million tokens. Optional prices are
 * null when the provider does not offer that kind of pricing or it is not known.
 *
 * @param currency the entry's currency; null takes the table's
 * @param asOf the date (YYYY-MM-DD) the prices were last known to be right
 * @param source where the figures come from
 */
public record PriceEntry(
    String provider,
    String model,
    String currency,
    Double input,
    Double output,
    @JsonProperty("cached_input") Double cachedInput,
    @JsonProperty("batch_input") Double batchInput,
    @JsonProperty("batch_output") Double batchOutput,
    @JsonProperty("as_of") String asOf,
    String source) {

  /** {@code provider:model}, the way reports name a model. */
  public String label() {
    return provider + ":" + model;
  }
}
