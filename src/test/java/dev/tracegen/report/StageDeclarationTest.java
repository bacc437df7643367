package dev.tracegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.LlmStepCounts;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stage list is declared once: a stage added to the declaration shows up in the funnel, the
 * progress line, the end-of-run summary, the report and the card, in its place.
 */
class StageDeclarationTest {
  static final Stage POLISH = new Stage("polish", "Polish", "polish", "Polish answers",
      "a dummy stage that tidies y2.", Stage.Kind.CANDIDATES);
  static final Stages FLOW = Stages.TRACE.with(POLISH, Stages.CROSS_JUDGE.id());

  static CorpusStats stats() {
    Map<String, Long> byStage = new LinkedHashMap<>();
    byStage.put("judge_y1", 5L);
    byStage.put("polish", 7L);
    byStage.put("select", 8L);
    Map<String, Map<String, Long>> byReason = new LinkedHashMap<>();
    byReason.put("polish", Map.of("too_rough", 7L));
    return new CorpusStats(null, null, null, null, null, null, null, null, null,
        new CorpusStats.Rejections(20, byStage, byReason), null, null, null, null);
  }

  @Test
  void theFunnelHasTheNewStageInItsPlace() {
    Map<String, Long> funnel = Funnel.of(FLOW, 100, stats());
    List<String> order = new ArrayList<>(funnel.keySet());
    assertEquals(order.indexOf("judge_y2") + 1, order.indexOf("polish"), order.toString());
    assertEquals(order.indexOf("polish") + 1, order.indexOf("cross_judge"), order.toString());
    assertEquals(95, funnel.get("judge_y2"));
    assertEquals(88, funnel.get("polish"));
    assertEquals(80, funnel.get("select"));
  }

  @Test
  void theProgressLineCountsIt() {
    Map<String, Map<String, Long>> counters = Map.of("stage", Map.of("judge_y2.out", 4L, "polish.out", 3L,
        "polish.rejected", 1L));
    String line = ProgressReporter.format(FLOW, counters, 10, 0, 5, 5, 0, -1);
    assertTrue(line.contains("› judge 4 › polish 3 › cross 0 |"), line);
    assertTrue(line.contains("| rejected 1 |"), line);
    // Eleven candidate stages now: ten candidates rejected at the tenth are 2 of their 11 passes each.
    assertEquals(2.0 / 11, ProgressReporter.fractionDone(FLOW, Map.of("polish.rejected", 10L), 10), 1e-9);
  }

  @Test
  void theReportTheSummaryAndTheCardNameIt() {
    RunFacts run = RunFacts.NONE.withFunnel(Funnel.of(FLOW, 100, stats()));
    run = new RunFacts(null, null, null, null, null, 0, null, null, null, null, null, null, null, null, null,
        Map.of("polish", new LlmStepCounts(12, 0, 0, 0, 0, 100, 10)), 0, null, null, null, null, run.funnel(), null,
        null, null);
    String html = ReportHtml.render(FLOW, stats(), run, null);
    assertTrue(html.contains(">Polish answers<"), "funnel table row");
    assertTrue(html.contains("Polish answers · too_rough"), "rejection reasons");
    assertTrue(RunSummary.format(FLOW, run).lines().anyMatch(l -> l.startsWith("polish ")),
        RunSummary.format(FLOW, run));
    String card = DatasetCard.render(FLOW, stats(), run);
    assertTrue(card.contains("12. **Polish answers**: a dummy stage that tidies y2.\n13. **Cross-judge**"), card);
  }

  @Test
  void stageIdsAreUniqueAndWellFormed() {
    assertThrows(IllegalArgumentException.class, () -> Stages.TRACE.with(POLISH, "dedup").with(POLISH, "dedup"));
    assertThrows(IllegalArgumentException.class, () -> new Stage("Polish", "Polish", "p", "P", "p", Stage.Kind.RECORDS));
    assertEquals(List.of("expand", "screen", "structure", "quality", "respond_y1", "judge_y1", "perturb", "respond_y2",
        "judge_y2", "cross_judge"), Stages.TRACE.candidateStages().stream().map(Stage::id).toList());
  }
}
