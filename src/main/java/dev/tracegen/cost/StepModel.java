package dev.tracegen.cost;

import java.util.List;

/**
 * How one LLM step spends, as a function of the plan's constraint count k: the share of plans
 * that reach the step, requests per candidate that reaches it, and tokens per request in and out
 * ({@code base + perConstraint * k}).
 *
 * <p>The defaults ({@link #DEFAULTS}) are those of a full embedded build of {@code
 * pipeline/trace.yaml} (171,694 plans, mean k 4.45): reach and requests per candidate as counted,
 * tokens per request at the mean k as counted, the per-constraint slopes from the prompt layout
 * (a constraint shows in the prompt as text and again in the payload block; answers restate it).
 * A real model writes longer answers than the embedded one; {@code --pilot} measures them.
 * Where plans can be drawn ({@link PlanFigures}), the judge steps' requests per candidate come from
 * the planned dimensions, expand's prompt is rendered from the real template and plans, and the
 * other steps' prompts grow or shrink with their templates.
 *
 * @param step the step id ({@code dev.tracegen.stage.Stages})
 * @param judged whether the judge model answers it (else the generator)
 * @param inScale a pilot's correction of the tokens in per request, however they are worked out
 */
public record StepModel(String step, boolean judged, double reach, double callsPerCandidate, double inBase,
    double inPerConstraint, double outBase, double outPerConstraint, double inScale) {

  /** Mean constraint count of the reference build the defaults come from. */
  static final double REFERENCE_K = 4.45;

  public static final List<StepModel> DEFAULTS = List.of(
      reference("expand", false, 1.0, 1.0, 663.9, 40, 112.6, 15),
      reference("structure", false, 1.0, 1.0001, 1143.8, 100, 206.0, 35),
      reference("quality", false, 0.99994, 1.0, 385.5, 35, 25.0, 3),
      reference("respond_y1", false, 0.99946, 1.0, 116.2, 15, 222.7, 20),
      reference("judge_y1", true, 0.99946, 0.8840, 989.2, 50, 50.4, 12),
      reference("perturb", false, 0.99782, 1.0002, 1561.8, 120, 157.9, 25),
      reference("respond_y2", false, 0.99757, 1.0, 117.0, 15, 220.0, 20),
      reference("judge_y2", true, 0.99757, 0.8768, 995.1, 50, 52.4, 12),
      reference("cross_judge", true, 0.99667, 1.0404, 939.3, 50, 34.9, 8));

  /** A step whose tokens per request at the reference k are {@code inAtRef} and {@code outAtRef}. */
  static StepModel reference(String step, boolean judged, double reach, double perCandidate, double inAtRef,
      double inSlope, double outAtRef, double outSlope) {
    return new StepModel(step, judged, reach, perCandidate, inAtRef - inSlope * REFERENCE_K, inSlope,
        outAtRef - outSlope * REFERENCE_K, outSlope, 1);
  }

  /** A step as a pilot measured it: requests per plan and tokens per request, whatever the constraint count. */
  static StepModel measured(String step, boolean judged, double callsPerPlan, double inPerCall, double outPerCall) {
    return new StepModel(step, judged, callsPerPlan, 1, inPerCall, 0, outPerCall, 0, 1);
  }

  public double callsPerPlan(int k) {
    return reach * callsPerCandidate;
  }

  /** Tokens in per request at k, before {@link #inScale}. */
  public double modelledIn(int k) {
    return inBase + inPerConstraint * k;
  }

  public double inPerCall(int k) {
    return inScale * Math.max(1, modelledIn(k));
  }

  public double outPerCall(int k) {
    return Math.max(1, outBase + outPerConstraint * k);
  }

  /** This model with its calls and tokens scaled by measured over modelled figures (a pilot's). */
  public StepModel scaled(double calls, double in, double out) {
    return new StepModel(step, judged, reach * calls, callsPerCandidate, inBase, inPerConstraint, outBase * out,
        outPerConstraint * out, inScale * in);
  }
}
