package dev.tracegen.facts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}'s {@code waves}: how the run's plans were made, wave by wave.
 *
 * @param planning {@code adaptive} or {@code fixed}
 * @param priorYield the share of the first wave's plans expected to ship (adaptive)
 * @param margin standard deviations of safety per top-up (adaptive)
 * @param maxWaves waves per split at most (adaptive)
 * @param pipelines Beam pipelines the run ran: one per wave and one per finishing
 * @param waves every wave in the order run
 * @param yields per stratum, records available to Select per plan made, over the whole run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WaveFacts(
    String planning,
    @JsonProperty("prior_yield") Double priorYield,
    Double margin,
    @JsonProperty("max_waves") Integer maxWaves,
    Integer pipelines,
    List<Wave> waves,
    Map<String, Double> yields) {

  /**
   * One wave: {@code phase} is {@code eval}, {@code train} or {@code top-up} (after finishing found a
   * stratum short); plans and quadruples (candidates that passed every LLM stage) per stratum.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder(alphabetic = true)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Wave(int wave, String phase, long plans, long candidates,
      @JsonProperty("plans_by_stratum") Map<String, Integer> plansByStratum,
      @JsonProperty("candidates_by_stratum") Map<String, Long> candidatesByStratum) {}
}
