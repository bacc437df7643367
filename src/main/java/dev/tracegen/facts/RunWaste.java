package dev.tracegen.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tracegen.stage.Stages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code waste} of {@code run.json}: what this run paid for the exported records against what
 * it paid for candidates that did not ship, per LLM step. Unlike the {@code waste} of {@code
 * stats.json} (every request, cache hits included, the same on every rerun), this splits requests
 * sent this run from cache hits, and counts the tokens of sent requests only: a rerun over a warm
 * cache pays nothing.
 *
 * @param shipped paid for (and read from the cache for) exported records
 * @param notShipped the same for candidates that did not ship
 * @param notShippedShare the part of the sent requests and of the paid tokens that did not ship
 * @param byStep the same per step, in pipeline order
 * @param spentNotShippedShare as in {@code stats.json}: the part of all requests and tokens
 *     (cache hits included) spent on candidates that did not ship
 * @param byStage as in {@code stats.json}: per stage of loss, what the candidates it dropped cost
 */
@JsonPropertyOrder({"shipped", "not_shipped", "not_shipped_share", "by_step", "spent_not_shipped_share", "by_stage"})
public record RunWaste(Paid shipped, @JsonProperty("not_shipped") Paid notShipped,
    @JsonProperty("not_shipped_share") Waste.Share notShippedShare,
    @JsonProperty("by_step") Map<String, Part> byStep,
    @JsonProperty("spent_not_shipped_share") Waste.Share spentNotShippedShare,
    @JsonProperty("by_stage") Map<String, Waste.Loss> byStage) {

  public RunWaste {
    shipped = shipped == null ? Paid.ZERO : shipped;
    notShipped = notShipped == null ? Paid.ZERO : notShipped;
    byStep = byStep == null ? Map.of() : byStep;
    byStage = byStage == null ? Map.of() : byStage;
  }

  /** Requests sent this run, those answered from the cache, and the tokens of the sent ones. */
  @JsonPropertyOrder({"sent", "cache_hits", "tokens_in", "tokens_out"})
  public record Paid(long sent, @JsonProperty("cache_hits") long cacheHits,
      @JsonProperty("tokens_in") long tokensIn, @JsonProperty("tokens_out") long tokensOut) {
    public static final Paid ZERO = new Paid(0, 0, 0, 0);

    Paid plus(Paid o) {
      return new Paid(sent + o.sent, cacheHits + o.cacheHits, tokensIn + o.tokensIn, tokensOut + o.tokensOut);
    }

    Paid minus(Paid o) {
      return new Paid(sent - o.sent, cacheHits - o.cacheHits, tokensIn - o.tokensIn, tokensOut - o.tokensOut);
    }

    /** Requests of both kinds. */
    public long requests() {
      return sent + cacheHits;
    }

    /** Tokens paid. */
    public long tokens() {
      return tokensIn + tokensOut;
    }
  }

  /** Shipped against not shipped for one step. */
  @JsonPropertyOrder({"shipped", "not_shipped", "not_shipped_share"})
  public record Part(Paid shipped, @JsonProperty("not_shipped") Paid notShipped,
      @JsonProperty("not_shipped_share") Waste.Share notShippedShare) {}

  /**
   * From the run's LLM counters per step, the {@link ShippedCounters} of its export and the {@code
   * waste} of its {@code stats.json} ({@code files}, null when unknown); null when the run made no
   * LLM request.
   */
  public static RunWaste of(Map<String, LlmStepCounts> llm, Map<String, Long> shippedCounters, Waste files) {
    if (llm == null || llm.isEmpty()) {
      return null;
    }
    Map<String, Long> c = shippedCounters == null ? Map.of() : shippedCounters;
    TreeSet<String> steps = new TreeSet<>(llm.keySet());
    for (String name : c.keySet()) {
      int dot = name.lastIndexOf('.');
      if (dot > 0) {
        steps.add(name.substring(0, dot));
      }
    }
    Map<String, Part> byStep = new LinkedHashMap<>();
    Paid allShipped = Paid.ZERO;
    Paid allLost = Paid.ZERO;
    for (String step : WasteTally.ordered(steps, Stages.TRACE.candidateStages())) {
      long hits = get(c, step, ShippedCounters.CACHE_HITS);
      Paid shipped = new Paid(get(c, step, ShippedCounters.REQUESTS) - hits, hits,
          get(c, step, ShippedCounters.TOKENS_IN) - get(c, step, ShippedCounters.CACHED_TOKENS_IN),
          get(c, step, ShippedCounters.TOKENS_OUT) - get(c, step, ShippedCounters.CACHED_TOKENS_OUT));
      LlmStepCounts counts = llm.get(step);
      Paid all = counts == null ? Paid.ZERO
          : new Paid(counts.sent(), counts.cacheHits(), counts.tokensIn(), counts.tokensOut());
      Paid lost = all.minus(shipped);
      byStep.put(step, new Part(shipped, lost, share(lost, all)));
      allShipped = allShipped.plus(shipped);
      allLost = allLost.plus(lost);
    }
    return new RunWaste(allShipped, allLost, share(allLost, allShipped.plus(allLost)), byStep,
        files == null ? null : files.notShippedShare(), files == null ? null : files.byStage());
  }

  private static Waste.Share share(Paid part, Paid whole) {
    return new Waste.Share(Waste.Share.ratio(part.sent(), whole.sent()), Waste.Share.ratio(part.tokens(), whole.tokens()));
  }

  private static long get(Map<String, Long> c, String step, String suffix) {
    return c.getOrDefault(step + suffix, 0L);
  }
}
