package dev.tracegen.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: what a run was asked to do and what it did. Written with sorted keys; absent
 * values (a failed run has no funnel) are left out, and a file from an older or newer version
 * reads with the fields it has.
 *
 * @param status {@code complete}, {@code short} (targets not met, nothing published), {@code
 *     short_published} ({@code --allowShortfall}) or {@code failed}
 * @param error the innermost error message of a failed run
 * @param targets records wanted per stratum ({@code split.k})
 * @param select Select's counters: {@code available.<stratum>} and {@code selected.<stratum>}
 * @param llm LLM work per step
 * @param planned candidates the profile planned
 * @param decontaminateDocuments documents per external decontamination file
 * @param funnel candidates left after each stage, {@code planned} first
 * @param stages each LLM stage's {@code <stage>.out} and {@code <stage>.rejected} counters
 * @param dedup the dedup, split and decontaminate counters by namespace
 * @param dimensionWeights the profile's overrides of the taxonomy's dimension weights
 * @param waves how the plans were made, wave by wave
 * @param waste what the run paid (requests sent, cache hits, tokens) for exported records against
 *     candidates that did not ship, per step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunFacts(
    String tool,
    String version,
    String profile,
    String name,
    String license,
    @JsonProperty("run_seed") long runSeed,
    String generator,
    String judge,
    @JsonProperty("taxonomy_version") String taxonomyVersion,
    @JsonProperty("prompt_hashes") Map<String, String> promptHashes,
    RunOptions options,
    Map<String, String> versions,
    Map<String, Integer> targets,
    Map<String, Long> select,
    List<String> shortfalls,
    Map<String, LlmStepCounts> llm,
    @JsonProperty("wall_seconds") double wallSeconds,
    String status,
    String error,
    Long planned,
    @JsonProperty("decontaminate_documents") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, Long> decontaminateDocuments,
    Map<String, Long> funnel,
    Map<String, Long> stages,
    Map<String, Map<String, Long>> dedup,
    @JsonProperty("dimension_weights") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, Double> dimensionWeights,
    WaveFacts waves,
    RunWaste waste) {

  /** Nothing known about the run, for a card or report rendered without one. */
  public static final RunFacts NONE = new RunFacts(null, null, null, null, null, 0, null, null, null, null, null,
      null, null, null, null, null, 0, null, null, null, null, null, null, null, null, null, null);

  @JsonCreator
  public RunFacts {
    promptHashes = promptHashes == null ? Map.of() : promptHashes;
    versions = versions == null ? Map.of() : versions;
    targets = targets == null ? Map.of() : targets;
    select = select == null ? Map.of() : select;
    shortfalls = shortfalls == null ? List.of() : shortfalls;
    llm = llm == null ? Map.of() : llm;
    decontaminateDocuments = decontaminateDocuments == null ? Map.of() : decontaminateDocuments;
    dimensionWeights = dimensionWeights == null ? Map.of() : dimensionWeights;
  }

  /** The same run with how it ended. */
  public RunFacts ended(String status, String error) {
    return new RunFacts(tool, version, profile, name, license, runSeed, generator, judge, taxonomyVersion,
        promptHashes, options, versions, targets, select, shortfalls, llm, wallSeconds, status, error, planned,
        decontaminateDocuments, funnel, stages, dedup, dimensionWeights, waves, waste);
  }

  /** What is known of a run before its outcome: everything but its {@code waste}. */
  public RunFacts(String tool, String version, String profile, String name, String license, long runSeed,
      String generator, String judge, String taxonomyVersion, Map<String, String> promptHashes, RunOptions options,
      Map<String, String> versions, Map<String, Integer> targets, Map<String, Long> select, List<String> shortfalls,
      Map<String, LlmStepCounts> llm, double wallSeconds, String status, String error, Long planned,
      Map<String, Long> decontaminateDocuments, Map<String, Long> funnel, Map<String, Long> stages,
      Map<String, Map<String, Long>> dedup, Map<String, Double> dimensionWeights) {
    this(tool, version, profile, name, license, runSeed, generator, judge, taxonomyVersion, promptHashes, options,
        versions, targets, select, shortfalls, llm, wallSeconds, status, error, planned, decontaminateDocuments,
        funnel, stages, dedup, dimensionWeights, null, null);
  }

  /**
   * The same run with what it paid for shipped and not shipped records, from its LLM counters, the
   * {@code waste} counters of its export ({@link ShippedCounters}) and the {@code waste} of its
   * {@code stats.json} ({@code files}).
   */
  public RunFacts withWaste(Map<String, Long> shippedCounters, Waste files) {
    return new RunFacts(tool, version, profile, name, license, runSeed, generator, judge, taxonomyVersion,
        promptHashes, options, versions, targets, select, shortfalls, llm, wallSeconds, status, error, planned,
        decontaminateDocuments, funnel, stages, dedup, dimensionWeights, waves, RunWaste.of(llm, shippedCounters, files));
  }

  /** The same run with what its pipeline counted and the funnel of its corpus. */
  public RunFacts withOutcome(Long planned, Map<String, Long> decontaminateDocuments, Map<String, Long> funnel,
      Map<String, Long> stages, Map<String, Map<String, Long>> dedup, Map<String, Double> dimensionWeights) {
    return new RunFacts(tool, version, profile, name, license, runSeed, generator, judge, taxonomyVersion,
        promptHashes, options, versions, targets, select, shortfalls, llm, wallSeconds, status, error, planned,
        decontaminateDocuments, funnel, stages, dedup, dimensionWeights, waves, waste);
  }

  /** The same run with how its plans were made. */
  public RunFacts withWaves(WaveFacts waves) {
    return new RunFacts(tool, version, profile, name, license, runSeed, generator, judge, taxonomyVersion,
        promptHashes, options, versions, targets, select, shortfalls, llm, wallSeconds, status, error, planned,
        decontaminateDocuments, funnel, stages, dedup, dimensionWeights, waves, waste);
  }

  /** The same run with a funnel (for a corpus whose run.json predates it). */
  public RunFacts withFunnel(Map<String, Long> funnel) {
    return withOutcome(planned, decontaminateDocuments, funnel, stages, dedup, dimensionWeights);
  }

  /** LLM calls, cache hits and tokens (in + out) summed over the steps. */
  public LlmStepCounts llmTotal() {
    long calls = 0;
    long hits = 0;
    long failures = 0;
    long repairs = 0;
    long retries = 0;
    long in = 0;
    long out = 0;
    for (LlmStepCounts c : llm.values()) {
      calls += c.calls();
      hits += c.cacheHits();
      failures += c.failures();
      repairs += c.repairs();
      retries += c.retries();
      in += c.tokensIn();
      out += c.tokensOut();
    }
    return new LlmStepCounts(calls, hits, failures, repairs, retries, in, out);
  }
}
