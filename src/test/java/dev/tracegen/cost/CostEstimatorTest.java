package dev.tracegen.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Profile;
import dev.tracegen.config.Prompts;
import dev.tracegen.facts.LlmStepCounts;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.io.SeedFormat;
import dev.tracegen.report.Funnel;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {
  static final ModelPrice GEN = new ModelPrice("openai:g", true, "USD", 1.0, 2.0, 0.5, 0.5, 1.0, "test", "");
  static final ModelPrice JUDGE = new ModelPrice("openai:j", true, "USD", 3.0, 4.0, 1.5, 1.5, 2.0, "test", "");
  static final CostEstimator.Throughput FAST = new CostEstimator.Throughput(16, 0, 0, 1.0, false);

  @Test
  void plansPerStratumAreWhatTheProfilePlans() {
    Profile smoke = Profile.load(Path.of("pipeline/smoke.yaml"));
    Map<String, Long> plans = CostEstimator.plannedPerStratum(smoke);
    assertEquals(Funnel.planned(smoke), plans.values().stream().mapToLong(Long::longValue).sum());
    assertTrue(plans.containsKey("train.4") && plans.containsKey("eval.1"), plans.toString());
  }

  @Test
  void eachStepIsPricedAtItsModelsPrices() {
    CostEstimator e = CostEstimator.defaults(PlanFigures.NONE);
    Map<String, Long> plans = Map.of("train.3", 1000L, "eval.5", 100L);
    Estimate est = e.estimate(plans, GEN, JUDGE, FAST);
    assertEquals(1100, est.plans());
    assertEquals(9, est.steps().size());
    double expected = 0;
    for (StepModel m : StepModel.DEFAULTS) {
      Estimate.Step s = est.step(m.step());
      double calls = 1000 * m.callsPerPlan(3) + 100 * m.callsPerPlan(5);
      assertEquals(calls, s.calls(), 1e-6, m.step());
      assertEquals(1000 * m.callsPerPlan(3) * m.inPerCall(3) + 100 * m.callsPerPlan(5) * m.inPerCall(5), s.tokensIn(),
          1e-6, m.step());
      ModelPrice p = m.judged() ? JUDGE : GEN;
      assertEquals(p.cost(s.tokensIn(), s.tokensOut()), s.cost(), 1e-9, m.step());
      expected += s.cost();
    }
    assertEquals(expected, est.cost(), 1e-9);
    assertTrue(est.batchCost() < est.cost());
    // 16 requests at once, a second each.
    assertEquals(est.calls() / 16, est.wallSeconds(), 1e-6);
    String table = est.format();
    assertTrue(table.contains("judge_y1") && table.contains("total") && table.contains("cost USD"), table);
  }

  @Test
  void judgeCallsFollowThePlannedDimensions() {
    CostEstimator e = CostEstimator.defaults(new PlanFigures(Map.of(3, 0.5), Map.of(), Map.of()));
    Estimate est = e.estimate(Map.of("train.3", 1000L), GEN, JUDGE, FAST);
    StepModel judge = StepModel.DEFAULTS.stream().filter(m -> m.step().equals("judge_y1")).findFirst().orElseThrow();
    assertEquals(1000 * judge.reach() * 0.5, est.step("judge_y1").calls(), 1e-6);
  }

  @Test
  void anUnknownPriceLeavesTheCostUnknownAndSaysWhatToPass() {
    ModelPrice unknown = ModelPrice.unknown("openai:x", "USD", "pass --priceInput=X and --priceOutput=Y");
    Estimate est = CostEstimator.defaults(PlanFigures.NONE).estimate(Map.of("train.2", 10L), unknown, JUDGE, FAST);
    assertNull(est.cost());
    assertNull(est.step("expand").cost());
    assertTrue(est.step("judge_y1").cost() > 0, "the judge's price is known");
    String table = est.format();
    assertTrue(table.contains("unknown") && table.contains("--priceInput"), table);
  }

  @Test
  void rateLimitsBoundTheWallTime() {
    Estimate est = CostEstimator.defaults(PlanFigures.NONE).estimate(Map.of("train.3", 1000L), GEN, JUDGE,
        new CostEstimator.Throughput(64, 60, 0, 0.1, false));
    assertEquals(est.calls(), est.wallSeconds(), 1e-6, "60 requests a minute: a second per request");
    assertTrue(est.throughput().contains("--requestsPerMinute=60"), est.throughput());
  }

  @Test
  void aCalibratedEstimatorReproducesItsPilot() {
    Map<String, Long> pilotPlans = Map.of("train.2", 40L, "train.4", 100L, "eval.7", 10L);
    Map<String, LlmStepCounts> llm = new TreeMap<>();
    long i = 0;
    for (StepModel m : StepModel.DEFAULTS) {
      i++;
      llm.put(m.step(), new LlmStepCounts(140 + i, 0, 0, 0, 0, 90_000 * i, 11_000 + 500 * i));
    }
    // Revisions: a step the defaults do not model (the embedded reference build needs none).
    llm.put("revise_y1", new LlmStepCounts(30, 0, 0, 0, 0, 15_000, 6_000));
    RunFacts pilot = new RunFacts("tracegen", "0", "pilot", null, null, 0, "openai:g", "openai:g", null, null, null,
        null, null, null, null, llm, 0, "short_published", null, 150L, null, null, null, null, null);
    CostEstimator calibrated = CostEstimator.defaults(new PlanFigures(Map.of(2, 0.9, 4, 0.95, 7, 1.0),
        Map.of(2, 500.0, 4, 700.0), Map.of("structure", 20.0))).calibrated(pilot, pilotPlans);
    Estimate again = calibrated.estimate(pilotPlans, GEN, JUDGE, FAST);
    for (StepModel m : StepModel.DEFAULTS) {
      LlmStepCounts c = llm.get(m.step());
      Estimate.Step s = again.step(m.step());
      assertEquals(c.calls(), s.calls(), 1e-6, m.step());
      assertEquals(c.tokensIn(), s.tokensIn(), 1e-3, m.step());
      assertEquals(c.tokensOut(), s.tokensOut(), 1e-3, m.step());
    }
    Estimate.Step revise = again.step("revise_y1");
    assertEquals(30, revise.calls(), 1e-6, "revisions are taken from the pilot as they were");
    assertEquals(15_000, revise.tokensIn(), 1e-3);
    assertEquals(6_000, revise.tokensOut(), 1e-3);
    // Twice the plans, twice the revisions.
    Map<String, Long> twice = new TreeMap<>();
    pilotPlans.forEach((k, v) -> twice.put(k, 2 * v));
    assertEquals(60, calibrated.estimate(twice, GEN, JUDGE, FAST).step("revise_y1").calls(), 1e-6);
    assertTrue(again.basis().contains("pilot"), again.basis());
  }

  @Test
  void planFiguresComeFromTheRunsOwnPlansAndPrompts() {
    Taxonomy taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), Checkers.load());
    Prompts prompts = Prompts.load(Path.of("prompts"));
    List<String> seeds = List.of("pipeline/seeds/seeds.jsonl");
    PlanFigures none = PlanFigures.of(taxonomy, prompts, Map.of(), 1, seeds, SeedFormat.AUTO, 0.0, List.of(1, 3, 6));
    PlanFigures all = PlanFigures.of(taxonomy, prompts, Map.of(), 1, seeds, SeedFormat.AUTO, 1.0, List.of(1, 3, 6));
    assertEquals(3, none.judgeNeed().size());
    for (int k : List.of(1, 3, 6)) {
      assertTrue(none.judgeNeed().get(k) >= 0 && none.judgeNeed().get(k) <= 1, none.toString());
      assertEquals(1.0, all.judgeNeed().get(k), 1e-9, "every constraint goes to the judge when all are calibrated");
    }
    assertTrue(none.judgeNeed().get(6) >= none.judgeNeed().get(1), "more constraints, more often one without a checker");
    // The rendered expand prompt: the template's 1,164 characters and more, growing with k.
    assertTrue(none.expandIn().get(1) > 1164 / 4.0, none.toString());
    assertTrue(none.expandIn().get(6) > none.expandIn().get(3) && none.expandIn().get(3) > none.expandIn().get(1));
    for (double d : none.templateDelta().values()) {
      assertEquals(0.0, d, 1e-9, "the repository's prompts are the reference ones");
    }
    PlanFigures unreadable = PlanFigures.of(taxonomy, prompts, Map.of(), 1, List.of("no-such-file.jsonl"),
        SeedFormat.AUTO, 0.05, List.of(3));
    assertTrue(unreadable.judgeNeed().isEmpty() && unreadable.expandIn().isEmpty());
  }
}
