package dev.tracegen.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Candidate;
import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Spend;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.StageContexts;
import dev.tracegen.stage.Stages;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a candidate cost travels with it: one that judge_y1 drops is rejected with the spend of
 * every earlier step and of the judge call that dropped it; one it keeps carries the judge's
 * requests on, and what this run read from the cache travels with it but never reaches a file.
 */
class JudgeSpendTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final Spend.Step EXPAND = new Spend.Step(1, 120, 300);
  static final Spend.Step STRUCTURE = new Spend.Step(2, 700, 90);
  static final Spend.Step RESPOND = new Spend.Step(1, 200, 80);
  static final Spend EARLIER = new Spend(Map.of("expand", EXPAND, "structure", STRUCTURE, "respond_y1", RESPOND));

  /** A candidate that went through expand..respond_y1; the respond answer came from the response cache. */
  static Candidate spent(Candidate c) {
    return c.spent("expand", "h1", EXPAND, Spend.Step.ZERO).spent("structure", "h2", STRUCTURE, Spend.Step.ZERO)
        .spent("respond_y1", "h3", RESPOND, RESPOND);
  }

  @Test
  void aCandidateDroppedAtJudgeY1CarriesExpandToJudgeY1(TestPipeline p) {
    List<Candidate> in = List.of(
        spent(JudgeResponsesTest.handBuilt("llm-miss", JudgeResponsesTest.SHORT, JudgeResponsesTest.PASSIVE)),
        spent(JudgeResponsesTest.handBuilt("llm-pass", JudgeResponsesTest.PASSIVE_ANSWER, JudgeResponsesTest.PASSIVE)),
        spent(JudgeResponsesTest.handBuilt("checker-miss", JudgeResponsesTest.TWELVE, JudgeResponsesTest.AT_MOST_8)));
    PCollectionTuple out = JudgeResponsesTest.run(p, "Spend", in, JudgeResponses.y1OnX1(StageContexts.faithful()));
    String judge = Stages.JUDGE_Y1.id();
    PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rs -> {
      int n = 0;
      for (Rejection r : rs) {
        n++;
        assertEquals(judge, r.stage());
        Spend judged = r.spend();
        assertEquals(EXPAND, judged.of("expand"), r.id());
        assertEquals(STRUCTURE, judged.of("structure"), r.id());
        assertEquals(RESPOND, judged.of("respond_y1"), r.id());
        assertEquals(EARLIER.total().plus(judged.of(judge)), judged.total(), "earlier steps and the judge only");
        if (r.id().equals("llm-miss")) {
          // The judge asked the LLM once about the one constraint; that request is in the spend.
          assertEquals(1, judged.of(judge).requests());
          assertTrue(judged.of(judge).tokensIn() > 0 && judged.of(judge).tokensOut() > 0, judged.toString());
        } else {
          assertEquals("checker-miss", r.id());
        }
        // The record is the candidate as it entered the step; files never hold what came from the cache.
        Candidate entered = Json.read(r.record(), Candidate.class);
        assertEquals(EARLIER, entered.spend());
        assertFalse(r.record().contains("cached"), r.record());
        assertFalse(Json.write(r).contains("cached"));
      }
      assertEquals(2, n);
      return null;
    });
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      for (Candidate c : kept) {
        assertEquals("llm-pass", c.id());
        assertEquals(1, c.spend().of(judge).requests());
        assertEquals(EARLIER.total().requests() + 1, c.spend().total().requests());
        assertEquals(5, c.attempts());
        // What this run read from the cache travels with the candidate between stages.
        assertEquals(new Spend(Map.of("respond_y1", RESPOND)), c.cached());
      }
      return null;
    });
    p.run().waitUntilFinish();
  }
}
