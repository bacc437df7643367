package dev.tracegen.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.LlmStepCounts;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.facts.WasteStatsTest;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The waste in the end-of-run summary, the report and the card. */
class WasteReportTest {
  static RunFacts run(CorpusStats stats) {
    Map<String, LlmStepCounts> llm = Map.of(
        "expand", new LlmStepCounts(7, 0, 0, 0, 0, 700, 280),
        "structure", new LlmStepCounts(14, 0, 0, 0, 0, 2100, 420),
        "judge_y1", new LlmStepCounts(6, 0, 0, 0, 0, 300, 60));
    Map<String, Long> shipped = Map.of("expand.requests", 3L, "expand.tokens_in", 300L, "expand.tokens_out", 120L,
        "structure.requests", 6L, "structure.tokens_in", 900L, "structure.tokens_out", 180L,
        "judge_y1.requests", 3L, "judge_y1.tokens_in", 150L, "judge_y1.tokens_out", 30L);
    return new RunFacts("tracegen", "1", "test", null, null, 1, "g", "j", "t", null, null, null, null, null, null, llm,
        1.0, "complete", null, null, null, null, null, null, null).withWaste(shipped, stats.waste());
  }

  @Test
  void summaryHasTheShareAndTheStagesOfLossInPipelineOrder(@TempDir Path dir) throws IOException {
    CorpusStats stats = CorpusStats.compute(WasteStatsTest.corpus(dir).toString());
    String summary = RunSummary.format(Stages.TRACE, run(stats));
    assertTrue(summary.contains("waste: 55.6 % of LLM requests (56.5 % of tokens) went to candidates that did not "
        + "ship; this run sent 27 requests, 15 of them (55.6 %) for candidates that did not ship"), summary);
    assertTrue(summary.contains("lost at (share of requests): quality 11.1 %, judge_y1 14.8 %, dedup 14.8 %, "
        + "select 14.8 %"), summary);
    // The LLM table says per step which part of what it sent did not ship.
    assertTrue(summary.lines().anyMatch(l -> l.startsWith("LLM step") && l.endsWith("not shipped")), summary);
    assertTrue(summary.lines().anyMatch(l -> l.startsWith("structure") && l.endsWith("57.1 %")), summary);
    assertTrue(summary.lines().anyMatch(l -> l.startsWith("total") && l.endsWith("55.6 %")), summary);
  }

  @Test
  void reportHasAWasteTableAndTheCardOneSentence(@TempDir Path dir) throws IOException {
    CorpusStats stats = CorpusStats.compute(WasteStatsTest.corpus(dir).toString());
    String html = ReportHtml.render(Stages.TRACE, stats, run(stats), null);
    assertTrue(html.contains("<section id=\"waste\">"), html);
    assertTrue(html.contains("<td>Quality check</td>"), "stages of loss by their titles");
    String card = DatasetCard.render(Stages.TRACE, stats, run(stats));
    assertTrue(card.contains("55.6 % of the LLM requests (56.5 % of the tokens) were spent on candidates that did not"
        + " ship; most were dropped at judge_y1 14.8 %, dedup 14.8 %, select 14.8 %"), card);
    // Without spends in the files there is nothing to say.
    assertFalse(DatasetCard.render(Stages.TRACE, CorpusStats.EMPTY, RunFacts.NONE).contains("did not ship"));
    assertFalse(ReportHtml.render(Stages.TRACE, CorpusStats.EMPTY, RunFacts.NONE, null).contains("id=\"waste\""));
  }
}
