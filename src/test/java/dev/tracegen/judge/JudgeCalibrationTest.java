package dev.tracegen.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.Checkers;
import dev.tracegen.config.Prompts;
import dev.tracegen.llm.FakeSessions;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.Params;
import dev.tracegen.model.Score;
import dev.tracegen.stage.StepContext;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sample of checker verdicts is put to the LLM judge as well; the checker still decides. */
class JudgeCalibrationTest {
  static final Taxonomy TAXONOMY = TaxonomyLoader.load(Path.of("taxonomy"), Checkers.load());
  static final Instruction X = new Instruction("Explain tides.", List.of(
      new Constraint("c1", "content", "inclusion", "Make sure the answer mentions the term \"moon\".", Params.of("keyword", "moon")),
      new Constraint("c2", "style", "tone_style", "Adopt a formal tone throughout.", Params.of("tone", "formal"))), "");
  static final String RESPONSE = "Tides follow the moon. I keep the register deliberately formal from start to finish.";

  static StepContext ctx(double calibration) {
    return new StepContext(Prompts.load(Path.of("prompts")), TAXONOMY, null, null, 7, calibration, 0);
  }

  @Test
  void withCalibrationTheJudgeIsAskedAboutCheckerVerdictsTooButTheCheckerDecides() throws Exception {
    // The judge disagrees with the checker on constraint 1 and passes constraint 2.
    LlmSession session = FakeSessions.scripted("judge_y1", n -> "{\"scores\": [{\"constraint\": 1, \"score\": 3, \"reason\": \"no\"},"
        + " {\"constraint\": 2, \"score\": 10, \"reason\": \"ok\"}], \"overall\": 6.5}");
    Judgement j = ConstraintJudge.judge(ctx(1.0), session, X, RESPONSE, List.of(1, 2));
    Score checked = j.scores().get(0);
    assertEquals("checker:inclusion", checked.method());
    assertEquals(10, checked.score());
    assertEquals(3, checked.judgeScore());
    assertFalse(checked.judgeAgrees());
    assertEquals("llm", j.scores().get(1).method());
    assertNull(j.scores().get(1).judgeScore());
    assertEquals(10.0, j.overall());
    assertEquals(List.of(1, 0), FakeSessions.counts(session));
  }

  @Test
  void withoutCalibrationCheckerVerdictsNeverReachTheJudge() throws Exception {
    LlmSession session = FakeSessions.scripted("judge_y1", n -> "{\"scores\": [{\"constraint\": 2, \"score\": 10,"
        + " \"reason\": \"ok\"}], \"overall\": 10}");
    Judgement j = ConstraintJudge.judge(ctx(0), session, X, RESPONSE, List.of(1, 2));
    assertNull(j.scores().get(0).judgeScore());
    assertEquals(List.of(1, 0), FakeSessions.counts(session));
  }

  @Test
  void theSampleIsAboutTheConfiguredShareAndDeterministic() throws Exception {
    int asked = 0;
    int n = 400;
    for (int i = 0; i < n; i++) {
      LlmSession session = FakeSessions.scripted("judge_y1", k -> "{\"scores\": [{\"constraint\": 1, \"score\": 10,"
          + " \"reason\": \"ok\"}], \"overall\": 10}");
      Judgement j = ConstraintJudge.judge(ctx(0.25), session, X, RESPONSE + " " + i, List.of(1));
      Judgement again = ConstraintJudge.judge(ctx(0.25), FakeSessions.scripted("judge_y1", k -> "{\"scores\": [{\"constraint\":"
          + " 1, \"score\": 10, \"reason\": \"ok\"}], \"overall\": 10}"), X, RESPONSE + " " + i, List.of(1));
      assertEquals(j, again);
      if (j.scores().get(0).judgeScore() != null) {
        asked++;
        assertTrue(j.scores().get(0).judgeAgrees());
      }
    }
    assertTrue(asked > n * 0.17 && asked < n * 0.33, "asked " + asked + " of " + n);
  }
}
