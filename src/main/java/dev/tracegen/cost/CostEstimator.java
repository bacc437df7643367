package dev.tracegen.cost;

import dev.tracegen.config.Profile;
import dev.tracegen.facts.LlmStepCounts;
import dev.tracegen.facts.RunFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Expected calls, tokens, money and wall time of a run's LLM steps from the candidates planned per
 * stratum, without any LLM call. Each step follows a {@link StepModel} (defaults, or scaled to what
 * a pilot run measured), refined by the run's own plans and prompts ({@link PlanFigures}).
 */
public final class CostEstimator {
  /** The judge steps whose requests depend on the planned dimensions. */
  static final Set<String> JUDGE_STEPS = Set.of("judge_y1", "judge_y2");

  /**
   * How fast requests can go.
   *
   * @param latencySeconds seconds per request; 0 = 0.5 s plus 20 ms per output token
   * @param inProcess the embedded generator: no network, time is the machine's
   */
  public record Throughput(int maxInFlight, long requestsPerMinute, long tokensPerMinute, double latencySeconds,
      boolean inProcess) {}

  private final List<StepModel> models;
  private final PlanFigures figures;
  private final String basis;

  public CostEstimator(List<StepModel> models, PlanFigures figures, String basis) {
    this.models = List.copyOf(models);
    this.figures = figures;
    this.basis = basis;
  }

  /** The default step models, refined by what the run's plans and prompts say ({@link PlanFigures#NONE}: nothing). */
  public static CostEstimator defaults(PlanFigures figures) {
    return new CostEstimator(StepModel.DEFAULTS, figures, figures.judgeNeed().isEmpty()
        ? "per-step defaults, docs/cost.md"
        : "per-step defaults (docs/cost.md) with judge calls and expand prompts from the run's own plans");
  }

  public List<StepModel> models() {
    return models;
  }

  /** The candidates a profile plans per stratum ({@code split.k}): what this code base's planner draws. */
  public static Map<String, Long> plannedPerStratum(Profile profile) {
    Map<String, Long> out = new TreeMap<>();
    for (String split : List.of("train", "eval")) {
      if (profile.targets() != null && profile.targets().containsKey(split)) {
        profile.stratumTargets(split).forEach((k, target) -> {
          int n = profile.plannedCount(k, target);
          if (n > 0) {
            out.put(split + "." + k, (long) n);
          }
        });
      }
    }
    return out;
  }

  static int k(String stratum) {
    return Integer.parseInt(stratum.substring(stratum.lastIndexOf('.') + 1));
  }

  double callsPerPlan(StepModel m, int k) {
    Double need = JUDGE_STEPS.contains(m.step()) ? figures.judgeNeed().get(k) : null;
    return need != null ? m.reach() * need : m.callsPerPlan(k);
  }

  double inPerCall(StepModel m, int k) {
    Double rendered = m.step().equals("expand") ? figures.expandIn().get(k) : null;
    double raw = rendered != null ? rendered : m.modelledIn(k) + figures.templateDelta().getOrDefault(m.step(), 0.0);
    return m.inScale() * Math.max(1, raw);
  }

  /**
   * The estimate for {@code expectedPlans} (candidates planned per {@code split.k} stratum), priced
   * at {@code generator}'s and {@code judge}'s prices.
   */
  public Estimate estimate(Map<String, Long> expectedPlans, ModelPrice generator, ModelPrice judge, Throughput t) {
    List<Estimate.Step> steps = new ArrayList<>();
    double busy = 0;
    for (StepModel m : models) {
      double calls = 0;
      double in = 0;
      double out = 0;
      for (Map.Entry<String, Long> e : expectedPlans.entrySet()) {
        int k = k(e.getKey());
        double c = e.getValue() * callsPerPlan(m, k);
        calls += c;
        in += c * inPerCall(m, k);
        out += c * m.outPerCall(k);
      }
      ModelPrice price = m.judged() ? judge : generator;
      steps.add(new Estimate.Step(m.step(), calls, in, out, price.known() ? price.cost(in, out) : null,
          price.known() ? price.batchCost(in, out) : null));
      double latency = t.latencySeconds() > 0 ? t.latencySeconds() : 0.5 + 0.02 * (calls == 0 ? 0 : out / calls);
      busy += calls * latency;
    }
    long plans = expectedPlans.values().stream().mapToLong(Long::longValue).sum();
    Estimate partial = new Estimate(plans, basis, generator, judge, steps, 0, "", List.of());
    double wall;
    String throughput;
    if (t.inProcess()) {
      wall = 0;
      throughput = "the embedded generator answers in this process: time is the machine's, not the model's";
    } else {
      double byLatency = busy / Math.max(1, t.maxInFlight());
      double byRequests = t.requestsPerMinute() > 0 ? partial.calls() * 60.0 / t.requestsPerMinute() : 0;
      double byTokens = t.tokensPerMinute() > 0 ? (partial.tokensIn() + partial.tokensOut()) * 60.0
          / t.tokensPerMinute() : 0;
      wall = Math.max(byLatency, Math.max(byRequests, byTokens));
      String bound = wall == byRequests && byRequests > 0 ? "bound by --requestsPerMinute=" + t.requestsPerMinute()
          : wall == byTokens && byTokens > 0 ? "bound by --tokensPerMinute=" + t.tokensPerMinute()
          : "bound by latency";
      throughput = String.format(Locale.ROOT, "%d requests in flight, %s per request; %s", t.maxInFlight(),
          t.latencySeconds() > 0 ? Estimate.money(t.latencySeconds()) + " s" : "0.5 s + 20 ms per output token",
          bound);
    }
    List<String> notes = new ArrayList<>();
    for (ModelPrice p : List.of(generator, judge)) {
      if (!p.known() && notes.stream().noneMatch(n -> n.contains(p.model()))) {
        notes.add("cost unknown: no price for " + p.model() + "; " + p.hint());
      }
    }
    return new Estimate(plans, basis, generator, judge, steps, wall, throughput, notes);
  }

  /**
   * These step models scaled so that they reproduce what a pilot run measured over the plans it
   * planned ({@code pilotPlans}): requests per plan, and tokens in and out per request sent. A step
   * the pilot never called keeps its model.
   */
  public CostEstimator calibrated(RunFacts pilot, Map<String, Long> pilotPlans) {
    Throughput none = new Throughput(1, 0, 0, 1, true);
    ModelPrice free = ModelPrice.unknown("", "USD", "");
    Estimate modelled = estimate(pilotPlans, free, free, none);
    List<StepModel> scaled = new ArrayList<>();
    for (StepModel m : models) {
      LlmStepCounts measured = pilot.llm().get(m.step());
      Estimate.Step expected = modelled.step(m.step());
      if (measured == null || measured.calls() == 0 || expected == null || expected.calls() == 0) {
        scaled.add(m);
        continue;
      }
      double calls = measured.calls() / expected.calls();
      long sent = measured.sent();
      double in = sent == 0 ? 1 : (measured.tokensIn() / (double) sent) / (expected.tokensIn() / expected.calls());
      double out = sent == 0 ? 1 : (measured.tokensOut() / (double) sent) / (expected.tokensOut() / expected.calls());
      scaled.add(m.scaled(calls, in, out));
    }
    long plans = pilotPlans.values().stream().mapToLong(Long::longValue).sum();
    // Steps the defaults do not model (revisions: the embedded reference build needs none) are
    // taken from the pilot as they were: requests per plan and tokens per request.
    pilot.llm().forEach((step, measured) -> {
      if (plans > 0 && measured.calls() > 0 && models.stream().noneMatch(m -> m.step().equals(step))) {
        long sent = Math.max(1, measured.sent());
        scaled.add(StepModel.measured(step, false, measured.calls() / (double) plans,
            measured.tokensIn() / (double) sent, measured.tokensOut() / (double) sent));
      }
    });
    return new CostEstimator(scaled, figures, "scaled to a pilot run of " + plans + " plans against "
        + pilot.generator());
  }
}
