package dev.tracegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The LLM requests and tokens spent on one candidate, per step id; written as a JSON object keyed
 * by step. A request answered from the response cache counts like one sent, with the tokens it
 * cost when it was sent: the figures then describe the record, not the state of the cache, and
 * are the same on every rerun.
 */
public record Spend(Map<String, Step> steps) implements Serializable {
  public static final Spend NONE = new Spend(Map.of());

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public Spend {
    steps = Compact.sorted(steps);
  }

  @JsonValue
  @Override
  public Map<String, Step> steps() {
    return steps;
  }

  /** Requests and tokens of one step (or of a sum of steps). */
  @JsonPropertyOrder({"requests", "tokens_in", "tokens_out"})
  public record Step(long requests, @JsonProperty("tokens_in") long tokensIn,
      @JsonProperty("tokens_out") long tokensOut) implements Serializable {
    public static final Step ZERO = new Step(0, 0, 0);

    public Step plus(Step o) {
      return o == null ? this : new Step(requests + o.requests, tokensIn + o.tokensIn, tokensOut + o.tokensOut);
    }

    public Step minus(Step o) {
      return o == null ? this : new Step(requests - o.requests, tokensIn - o.tokensIn, tokensOut - o.tokensOut);
    }

    public long tokens() {
      return tokensIn + tokensOut;
    }

    @JsonIgnore
    public boolean isZero() {
      return requests == 0 && tokensIn == 0 && tokensOut == 0;
    }
  }

  /** This spend with {@code used} added to {@code step}; a zero {@code used} adds no entry. */
  public Spend plus(String step, Step used) {
    if (used == null || used.isZero()) {
      return this;
    }
    TreeMap<String, Step> m = new TreeMap<>(steps);
    m.merge(step, used, Step::plus);
    return new Spend(m);
  }

  /** The sum of two spends, step by step. */
  public Spend plus(Spend other) {
    if (other == null || other.steps.isEmpty()) {
      return this;
    }
    TreeMap<String, Step> m = new TreeMap<>(steps);
    other.steps.forEach((k, v) -> m.merge(k, v, Step::plus));
    return new Spend(m);
  }

  /** What {@code step} spent (zero when it spent nothing). */
  public Step of(String step) {
    return steps.getOrDefault(step, Step.ZERO);
  }

  /** All steps together. */
  public Step total() {
    Step t = Step.ZERO;
    for (Step s : steps.values()) {
      t = t.plus(s);
    }
    return t;
  }
}
