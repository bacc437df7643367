package dev.tracegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After the LLM stages the progress line keeps counting: dedup, split, decontaminate, select, write. */
class ProgressAfterLlmTest {
  static Map<String, Long> llmDone(long n) {
    Map<String, Long> stage = new HashMap<>();
    for (String s : Stages.TRACE.candidateStages().stream().map(Stage::id).toList()) {
      stage.put(s + ".out", n);
    }
    return stage;
  }

  @Test
  void eachPhaseAfterTheLlmStagesHasCountsAndAnEta() {
    Map<String, Long> stage = llmDone(1_000);
    assertNull(ProgressReporter.afterLlm(Stages.TRACE, Map.of("stage", stage), 100, -1), "still in the LLM stages");

    String clustering = ProgressReporter.format(Stages.TRACE, Map.of("stage", stage, "dedup",
        Map.of("near.band_collisions", 5_000L, "near.candidate_pairs", 40L)), 1_000, 100, 70, 5, 0, 60);
    assertTrue(clustering.endsWith("| 100% LLM | dedup: clustering 1,000 records (5,000 band collisions, 40 candidate"
        + " pairs) | 0% ETA after clustering"), clustering);

    String embedding = ProgressReporter.format(Stages.TRACE, Map.of("stage", stage, "dedup",
        Map.of("fingerprints", 256L, "semantic.embedded", 256L)), 1_000, 100, 70, 5, 0, 60);
    assertTrue(embedding.endsWith("| 100% LLM | dedup: embedding 256 of 1,000 records | 0% ETA after clustering"), embedding);
    String finishing = ProgressReporter.afterLlm(Stages.TRACE, Map.of("dedup", Map.of("fingerprints", 512L)), 100, 3);
    assertTrue(finishing.startsWith("100% LLM | dedup: fingerprinting 512 records |"), finishing);

    String dedup = ProgressReporter.format(Stages.TRACE, Map.of("stage", stage, "dedup", Map.of("input", 500L)), 1_000, 100, 80, 5, 0, 60);
    // 45% weight x half done = 22.5% after 20 s: 69 s to go.
    assertTrue(dedup.endsWith("| 100% LLM | dedup 500 of 1,000 | 23% ETA 1:09"), dedup);

    String decontaminating = ProgressReporter.format(Stages.TRACE, Map.of("stage", stage, "dedup", Map.of("input", 1_000L, "kept", 990L),
        "split", Map.of("train", 900L, "eval", 90L), "decontaminate", Map.of("input", 450L)), 1_000, 100, 100, 5, 0, 60);
    assertTrue(decontaminating.contains("| 100% LLM | decontaminating 450 of 900 | 60% ETA "), decontaminating);

    Map<String, Map<String, Long>> writing = new HashMap<>(Map.of("stage", stage, "dedup", Map.of("input", 1_000L, "kept",
        990L), "split", Map.of("train", 900L, "eval", 90L), "decontaminate", Map.of("input", 900L),
        "select", Map.of("selected.train.1", 90L, "selected.eval.1", 10L), "export", Map.of("records", 50L)));
    String line = ProgressReporter.format(Stages.TRACE, writing, 1_000, 100, 120, 5, 0, 60);
    assertTrue(line.endsWith("| 100% LLM | writing 50 of 100 | 88% ETA 0:09"), line);
  }

  @Test
  void theEvalFlowCountsItsTwoStepsAndEndsWithThem() {
    String starting = ProgressReporter.format(Stages.EVAL, Map.of(), 1_042, 0, 1, 1, 0, -1);
    assertTrue(starting.endsWith("| starting, 0 of 1,042"), starting);
    String half = ProgressReporter.format(Stages.EVAL, Map.of("stage", Map.of("eval_answer.out", 1_042L,
        "eval_judge.out", 0L)), 1_042, 0, 10, 5, 0, -1);
    assertTrue(half.contains("answer 1,042 › judge 0 |") && half.endsWith("| 50% ETA 0:10"), half);
    String done = ProgressReporter.format(Stages.EVAL, Map.of("stage", Map.of("eval_answer.out", 1_042L,
        "eval_judge.out", 1_042L)), 1_042, 0, 20, 5, 0, 19);
    assertTrue(done.endsWith("| 100% ETA 0:00"), "nothing after the judge: " + done);
  }

  @Test
  void theShareDoneGrowsWithEveryPhase() {
    Map<String, Long> stage = llmDone(10);
    String[] phases = {
        ProgressReporter.afterLlm(Stages.TRACE, Map.of("stage", stage), 10, 1),
        ProgressReporter.afterLlm(Stages.TRACE, Map.of("stage", stage, "dedup", Map.of("input", 10L, "kept", 10L)), 10, 1),
        ProgressReporter.afterLlm(Stages.TRACE, Map.of("stage", stage, "dedup", Map.of("input", 10L, "kept", 10L),
            "split", Map.of("train", 10L)), 10, 1),
        ProgressReporter.afterLlm(Stages.TRACE, Map.of("stage", stage, "dedup", Map.of("input", 10L, "kept", 10L),
            "split", Map.of("train", 10L), "decontaminate", Map.of("input", 10L), "select", Map.of("selected.train.1", 10L),
            "export", Map.of("records", 10L)), 10, 1)};
    int previous = -1;
    for (String p : phases) {
      int percent = Integer.parseInt(p.replaceAll(".*\\| (\\d+)% .*", "$1"));
      assertTrue(percent > previous, p);
      previous = percent;
    }
    assertEquals(100, previous);
  }
}
