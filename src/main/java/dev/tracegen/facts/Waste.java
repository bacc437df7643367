package dev.tracegen.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tracegen.model.Spend;
import java.util.Map;

/**
 * The {@code waste} section of {@code stats.json}: the LLM requests and tokens spent on the
 * published records against those spent on candidates that did not ship, in total, per LLM step,
 * and per stage of loss (the stage that dropped them). From files only: a shipped record's
 * {@code lineage.spend} and each rejection's spend. A request answered from the response cache
 * counts like one sent, so the figures are the same on every rerun ({@code run.json} says what a
 * run paid).
 *
 * @param shipped spent on published records
 * @param notShipped spent on candidates that did not ship
 * @param notShippedShare the part of all requests and of all tokens that did not ship
 * @param byStep the same split per LLM step, in pipeline order
 * @param byStage per stage of loss, in pipeline order: what the candidates it dropped had cost
 */
@JsonPropertyOrder({"shipped", "not_shipped", "not_shipped_share", "by_step", "by_stage"})
public record Waste(
    Spend.Step shipped,
    @JsonProperty("not_shipped") Spend.Step notShipped,
    @JsonProperty("not_shipped_share") Share notShippedShare,
    @JsonProperty("by_step") Map<String, Part> byStep,
    @JsonProperty("by_stage") Map<String, Loss> byStage) {

  public Waste {
    shipped = shipped == null ? Spend.Step.ZERO : shipped;
    notShipped = notShipped == null ? Spend.Step.ZERO : notShipped;
    notShippedShare = notShippedShare == null ? Share.of(notShipped, shipped.plus(notShipped)) : notShippedShare;
    byStep = byStep == null ? Map.of() : byStep;
    byStage = byStage == null ? Map.of() : byStage;
  }

  /** Shipped against not shipped for one step. */
  @JsonPropertyOrder({"shipped", "not_shipped", "not_shipped_share"})
  public record Part(Spend.Step shipped, @JsonProperty("not_shipped") Spend.Step notShipped,
      @JsonProperty("not_shipped_share") Share notShippedShare) {
    public static Part of(Spend.Step shipped, Spend.Step notShipped) {
      return new Part(shipped, notShipped, Share.of(notShipped, shipped.plus(notShipped)));
    }

    /** Requests of both kinds. */
    public long requests() {
      return shipped.requests() + notShipped.requests();
    }
  }

  /**
   * What one stage of loss threw away: the candidates it dropped that had cost anything, their
   * requests and tokens (every step up to and including the dropping one), and their share of all
   * requests and of all tokens.
   */
  @JsonPropertyOrder({"records", "requests", "tokens_in", "tokens_out", "share"})
  public record Loss(long records, long requests, @JsonProperty("tokens_in") long tokensIn,
      @JsonProperty("tokens_out") long tokensOut, Share share) {
    public Spend.Step spend() {
      return new Spend.Step(requests, tokensIn, tokensOut);
    }
  }

  /** A part of requests and of tokens (in + out), rounded to 4 decimals; 0 when there is no whole. */
  @JsonPropertyOrder({"requests", "tokens"})
  public record Share(double requests, double tokens) {
    public static Share of(Spend.Step part, Spend.Step whole) {
      return new Share(ratio(part.requests(), whole.requests()), ratio(part.tokens(), whole.tokens()));
    }

    static double ratio(long part, long whole) {
      return whole == 0 ? 0.0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
  }

  /** Everything spent, shipped or not. */
  public Spend.Step total() {
    return shipped.plus(notShipped);
  }
}
