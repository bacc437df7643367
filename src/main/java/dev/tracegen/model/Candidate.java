package dev.tracegen.model;

import com.fasterxml.jackson.annotation.JsonView;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * The working record that flows through the LLM stages; each stage returns a copy with its field
 * filled in. Fields not yet produced are null. {@code attempts} counts LLM calls spent on it,
 * {@code spend} the requests and tokens per step, {@code cached} the part of them this run read
 * from the response cache (in flight only: files never hold it, so they do not depend on the cache).
 */
@DefaultCoder(JsonCoder.class)
public record Candidate(
    Plan plan,
    String expanded,
    Instruction x1,
    String y1,
    Judgement y1x1,
    Instruction x2,
    Perturbation perturbation,
    String y2,
    Judgement y2x2,
    Judgement y1x2,
    Judgement y2x1,
    Map<String, String> promptHashes,
    int attempts,
    Spend spend,
    @JsonView(Json.InFlight.class) Spend cached)
    implements Serializable {

  public Candidate {
    promptHashes = promptHashes == null ? new TreeMap<>() : new TreeMap<>(promptHashes);
    spend = spend == null ? Spend.NONE : spend;
    cached = cached == null ? Spend.NONE : cached;
  }

  public static Candidate of(Plan plan) {
    return new Candidate(plan, null, null, null, null, null, null, null, null, null, null, null, 0, Spend.NONE, Spend.NONE);
  }

  public String id() {
    return plan.id();
  }

  public Candidate withExpanded(String v) {
    return new Candidate(plan, v, x1, y1, y1x1, x2, perturbation, y2, y2x2, y1x2, y2x1, promptHashes, attempts, spend, cached);
  }

  public Candidate withX1(Instruction v) {
    return new Candidate(plan, expanded, v, y1, y1x1, x2, perturbation, y2, y2x2, y1x2, y2x1, promptHashes, attempts, spend, cached);
  }

  public Candidate withY1(String v) {
    return new Candidate(plan, expanded, x1, v, y1x1, x2, perturbation, y2, y2x2, y1x2, y2x1, promptHashes, attempts, spend, cached);
  }

  public Candidate withY1X1(Judgement v) {
    return new Candidate(plan, expanded, x1, y1, v, x2, perturbation, y2, y2x2, y1x2, y2x1, promptHashes, attempts, spend, cached);
  }

  public Candidate withX2(Instruction v, Perturbation p) {
    return new Candidate(plan, expanded, x1, y1, y1x1, v, p, y2, y2x2, y1x2, y2x1, promptHashes, attempts, spend, cached);
  }

  public Candidate withY2(String v) {
    return new Candidate(plan, expanded, x1, y1, y1x1, x2, perturbation, v, y2x2, y1x2, y2x1, promptHashes, attempts, spend, cached);
  }

  public Candidate withY2X2(Judgement v) {
    return new Candidate(plan, expanded, x1, y1, y1x1, x2, perturbation, y2, v, y1x2, y2x1, promptHashes, attempts, spend, cached);
  }

  public Candidate withCross(Judgement y1OnX2, Judgement y2OnX1) {
    return new Candidate(plan, expanded, x1, y1, y1x1, x2, perturbation, y2, y2x2, y1OnX2, y2OnX1, promptHashes, attempts, spend, cached);
  }

  /**
   * Records the prompt hash of a step, the LLM requests and tokens it spent ({@code used}, cache
   * hits included) and the part of them this run read from the response cache ({@code fromCache}).
   */
  public Candidate spent(String step, String promptHash, Spend.Step used, Spend.Step fromCache) {
    Map<String, String> hashes = new TreeMap<>(promptHashes);
    hashes.put(step, promptHash);
    return new Candidate(plan, expanded, x1, y1, y1x1, x2, perturbation, y2, y2x2, y1x2, y2x1, hashes,
        attempts + (int) used.requests(), spend.plus(step, used), cached.plus(step, fromCache));
  }
}
