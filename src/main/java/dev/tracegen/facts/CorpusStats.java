package dev.tracegen.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stats.json}: the statistics of a written corpus, from its shards and rejection files only
 * ({@link #compute}). Every per-split map lists {@code train}, {@code eval}, then any other split
 * alphabetically; the maps under a split are sorted by key.
 *
 * @param records published records per split
 * @param shards shard files per split
 * @param constraintsHistogram per split, records by x1's constraint count ({@code "1".."15"}, plus
 *     {@code "other"} when a record falls outside)
 * @param constraintsMean per split, mean constraints of x1
 * @param dimensions per split, x1's constraints by dimension
 * @param types per split, x1's constraints by type
 * @param perturbationOps per split, records by perturbation operation
 * @param wordsMean per split, mean whitespace-separated words of y1 and y2
 * @param languages per split, records by language found in their texts
 * @param funnel candidates left after each stage ({@code planned} first); only when the planned
 *     count is known (a run, or {@code stats} on a corpus with its {@code run.json})
 * @param waste LLM requests and tokens spent on published records against those spent on
 *     candidates that did not ship; absent for a corpus whose files do not say
 */
@JsonPropertyOrder({"records", "shards", "constraints_histogram", "constraints_mean", "dimensions", "types",
    "perturbation_ops", "words_mean", "languages", "rejections", "judge", "dedup", "funnel", "waste"})
public record CorpusStats(
    Map<String, Long> records,
    Map<String, Long> shards,
    @JsonProperty("constraints_histogram") Map<String, Map<String, Long>> constraintsHistogram,
    @JsonProperty("constraints_mean") Map<String, Double> constraintsMean,
    Map<String, Map<String, Long>> dimensions,
    Map<String, Map<String, Long>> types,
    @JsonProperty("perturbation_ops") Map<String, Map<String, Long>> perturbationOps,
    @JsonProperty("words_mean") Map<String, Words> wordsMean,
    Map<String, Map<String, Long>> languages,
    Rejections rejections,
    JudgeStats judge,
    DedupStats dedup,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> funnel,
    @JsonInclude(JsonInclude.Include.NON_NULL) Waste waste) {

  /** Statistics with nothing in them, for a card or report rendered without a corpus. */
  public static final CorpusStats EMPTY = new CorpusStats(null, null, null, null, null, null, null, null, null,
      null, null, null, null, null);

  public CorpusStats {
    records = records == null ? Map.of() : records;
    shards = shards == null ? Map.of() : shards;
    constraintsHistogram = constraintsHistogram == null ? Map.of() : constraintsHistogram;
    constraintsMean = constraintsMean == null ? Map.of() : constraintsMean;
    dimensions = dimensions == null ? Map.of() : dimensions;
    types = types == null ? Map.of() : types;
    perturbationOps = perturbationOps == null ? Map.of() : perturbationOps;
    wordsMean = wordsMean == null ? Map.of() : wordsMean;
    languages = languages == null ? Map.of() : languages;
    rejections = rejections == null ? Rejections.NONE : rejections;
  }

  /** Mean words of the two responses. */
  public record Words(double y1, double y2) {}

  /** Rejected candidates and seed lines, in total, per stage and per stage and reason. */
  @JsonPropertyOrder({"total", "by_stage", "by_stage_reason"})
  public record Rejections(long total, @JsonProperty("by_stage") Map<String, Long> byStage,
      @JsonProperty("by_stage_reason") Map<String, Map<String, Long>> byStageReason) {
    public static final Rejections NONE = new Rejections(0, Map.of(), Map.of());

    public Rejections {
      byStage = byStage == null ? Map.of() : byStage;
      byStageReason = byStageReason == null ? Map.of() : byStageReason;
    }
  }

  /**
   * Verdicts of all four pairings of every record: how many each method decided ({@code checker},
   * {@code llm}), and how often the LLM judge agreed with the checkers where it was asked too.
   */
  @JsonPropertyOrder({"verdicts_by_method", "calibration"})
  public record JudgeStats(@JsonProperty("verdicts_by_method") Map<String, Long> verdictsByMethod,
      Calibration calibration) {
    public JudgeStats {
      verdictsByMethod = verdictsByMethod == null ? Map.of() : verdictsByMethod;
      calibration = calibration == null ? new Calibration(0, 0, null, Map.of()) : calibration;
    }
  }

  /** The calibration sample: asked, agreed, their ratio (null when nothing was asked), per dimension. */
  @JsonPropertyOrder({"asked", "agreed", "agreement", "by_dimension"})
  public record Calibration(long asked, long agreed, Double agreement,
      @JsonProperty("by_dimension") Map<String, Agreement> byDimension) {
    public Calibration {
      byDimension = byDimension == null ? Map.of() : byDimension;
    }
  }

  /** Calibration verdicts of one dimension. */
  @JsonPropertyOrder({"asked", "agreed"})
  public record Agreement(long asked, long agreed) {}

  /** Computes the statistics of the corpus in {@code dir} by streaming its files. */
  public static CorpusStats compute(String dir) {
    return CorpusScan.scan(dir);
  }

  /** These statistics with the funnel of the run. */
  public CorpusStats withFunnel(Map<String, Long> funnel) {
    return new CorpusStats(records, shards, constraintsHistogram, constraintsMean, dimensions, types, perturbationOps,
        wordsMean, languages, rejections, judge, dedup, funnel == null ? null : new LinkedHashMap<>(funnel), waste);
  }

  /** Records over all splits. */
  public long totalRecords() {
    return records.values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@code train}, {@code eval}, then any other split of {@link #records} alphabetically. */
  public List<String> splits() {
    return CorpusScan.splitOrder(records.keySet());
  }
}
