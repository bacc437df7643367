package dev.tracegen.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.embedded.Filled;
import dev.tracegen.llm.LlmClient;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.ScriptedServer;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Params;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Score;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.StageContexts;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.taxonomy.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Judge against the embedded model: faithful answers score full on every constraint and are kept
 * with their judgement; an answer that misses a checked constraint or one the LLM judges is
 * rejected naming the first missed dimension, for y1 and y2 alike; a judge answer cut off twice is
 * malformed, while a candidate whose constraints checkers decide needs no LLM call at all.
 */
class JudgeResponsesTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final Seed SEED = new Seed("seed-1", "Explain how tides work.", "", "explain", "seeds.jsonl:1");
  static final String DESCRIPTION = "Explain how tides work, for a curious reader.";
  static final Constraint AT_MOST_8 = new Constraint("c1", "content", "numerical",
      "Use no more than 8 sentences in total.", Params.of("metric", "sentences", "max", 8));
  static final Constraint NO_EMOJI = new Constraint("c1", "format", "text_pattern", "Do not use any emoji.",
      Params.of("pattern", "no_emoji"));
  static final Constraint PASSIVE = new Constraint("c1", "format", "grammar",
      "Include at least one sentence in the passive voice and label it.", Params.of("structure", "passive voice"));

  static final String SHORT = "The moon pulls on the oceans. Water bulges toward it. The earth turns beneath the bulge.";
  static final String TWELVE = String.join(" ", java.util.Collections.nCopies(12, "Tides rise and fall."));
  static final String PASSIVE_ANSWER = SHORT + " Marked as passive voice: the water is pulled by the moon.";

  static Candidate handBuilt(String id, String y1, Constraint... cs) {
    List<Constraint> list = new ArrayList<>();
    for (int i = 0; i < cs.length; i++) {
      list.add(new Constraint("c" + (i + 1), cs[i].type(), cs[i].dimension(), cs[i].text(), cs[i].params()));
    }
    Plan plan = new Plan(id, SEED, "train", list.size(), list, "", Map.of());
    return Candidate.of(plan).withX1(new Instruction(DESCRIPTION, list, "")).withY1(y1);
  }

  /** Plans of 2 to 5 constraints, with the faithful model's answer as y1. */
  static List<Candidate> faithful() {
    Planner planner = new Planner(StageContexts.TAXONOMY, Map.of(), StageContexts.RUN_SEED);
    EmbeddedChatModel model = new EmbeddedChatModel(StageContexts.TAXONOMY, StageContexts.CHECKERS, 0, 0);
    List<Candidate> out = new ArrayList<>();
    for (int k = 2; k <= 5; k++) {
      Plan plan = planner.plan("train-k0" + k + "-000000", SEED, "train", k);
      assertNotNull(plan);
      Instruction x = Filled.instruction(StageContexts.TAXONOMY, plan);
      String prompt = StageContexts.PROMPTS.render("respond", Map.of("instruction", x.render()));
      out.add(Candidate.of(plan).withX1(x).withY1(model.answer(List.of(UserMessage.from(prompt))).strip()));
    }
    return out;
  }

  static PCollectionTuple run(TestPipeline p, String name, List<Candidate> in, JudgeResponses judge) {
    return p.apply(name, Create.of(in).withCoder(JsonCoder.of(Candidate.class))).apply(name + "Judge", judge);
  }

  static org.apache.beam.sdk.values.PCollection<String> rejections(PCollectionTuple out, String name) {
    return out.get(CandidateStage.REJECTED).apply(name + "Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason()));
  }

  @Test
  void fullAnswersAreKeptAndTheFirstMissedDimensionIsTheReason(TestPipeline p) {
    List<Candidate> in = new ArrayList<>(faithful());
    in.add(handBuilt("checker-miss", TWELVE, AT_MOST_8));
    in.add(handBuilt("llm-miss", SHORT, PASSIVE));
    in.add(handBuilt("second-miss", SHORT + " 🌊", AT_MOST_8, NO_EMOJI));
    PCollectionTuple out = run(p, "Y1", in, JudgeResponses.y1OnX1(StageContexts.faithful()));
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      List<String> ids = new ArrayList<>();
      for (Candidate c : kept) {
        ids.add(c.id());
        assertTrue(c.y1x1().full(), c.id());
        assertEquals(c.x1().constraints().size(), c.y1x1().scores().size());
        assertEquals(10.0, c.y1x1().overall());
        for (Score s : c.y1x1().scores()) {
          Dimension d = StageContexts.TAXONOMY.dimension(c.x1().constraints().get(s.constraint() - 1).dimension());
          assertEquals(d.hasChecker() ? "checker:" + d.checker() : "llm", s.method(), c.id());
        }
        assertNull(c.y2x2());
        assertTrue(c.promptHashes().containsKey(Stages.JUDGE_Y1.id()));
      }
      assertEquals(faithful().stream().map(Candidate::id).sorted().toList(), ids.stream().sorted().toList());
      return null;
    });
    String j = " " + Stages.JUDGE_Y1.id() + "/";
    PAssert.that(rejections(out, "Y1")).containsInAnyOrder(
        "checker-miss" + j + "y1_not_full:numerical",
        "llm-miss" + j + "y1_not_full:grammar",
        "second-miss" + j + "y1_not_full:text_pattern");
    PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rs -> {
      for (Rejection r : rs) {
        if (r.id().equals("second-miss")) {
          assertTrue(r.detail().startsWith("constraint 2 (text_pattern) scored 0"), r.detail());
        }
        if (r.id().equals("checker-miss")) {
          assertTrue(r.detail().startsWith("constraint 1 (numerical) scored 0: 12 sentences"), r.detail());
        }
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void y2IsJudgedOnX2(TestPipeline p) {
    Candidate full = handBuilt("y2-full", "unused", NO_EMOJI);
    Candidate miss = handBuilt("y2-miss", "unused", NO_EMOJI);
    Instruction x2 = new Instruction(DESCRIPTION, List.of(AT_MOST_8), "");
    List<Candidate> in = List.of(full.withX2(x2, null).withY2(SHORT), miss.withX2(x2, null).withY2(TWELVE));
    PCollectionTuple out = run(p, "Y2", in, JudgeResponses.y2OnX2(StageContexts.faithful()));
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      for (Candidate c : kept) {
        assertEquals("y2-full", c.id());
        assertTrue(c.y2x2().full());
        assertNull(c.y1x1(), "y1 is not judged again");
      }
      return null;
    });
    PAssert.that(rejections(out, "Y2")).containsInAnyOrder("y2-miss " + Stages.JUDGE_Y2.id() + "/y2_not_full:numerical");
    p.run().waitUntilFinish();
  }

  @Test
  void aJudgeAnswerCutOffTwiceIsMalformedButCheckersNeedNoCall(TestPipeline p) {
    List<Candidate> in = List.of(handBuilt("llm-judged", PASSIVE_ANSWER, PASSIVE), handBuilt("checked", SHORT, AT_MOST_8));
    PCollectionTuple out = run(p, "Cut", in, JudgeResponses.y1OnX1(StageContexts.realistic("truncate=1.0")));
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      for (Candidate c : kept) {
        assertEquals("checked", c.id());
        assertEquals(0, c.attempts(), "no LLM call for a checker-decided constraint");
      }
      return null;
    });
    PAssert.that(rejections(out, "Cut")).containsInAnyOrder("llm-judged " + Stages.JUDGE_Y1.id() + "/malformed_output");
    // The same LLM-judged answer passes with a judge that is not cut off.
    PCollectionTuple whole = run(p, "Whole", List.of(in.get(0)), JudgeResponses.y1OnX1(StageContexts.faithful()));
    PAssert.that(whole.get(CandidateStage.REJECTED)).empty();
    PAssert.that(whole.get(CandidateStage.KEPT)).satisfies(kept -> {
      kept.forEach(c -> assertEquals(1, c.attempts()));
      return null;
    });
    p.run().waitUntilFinish();
  }

  /** The faithful plans with a y1 that the judge fails (the model was told to break a constraint). */
  static List<Candidate> breaking() throws Exception {
    EmbeddedChatModel model = new EmbeddedChatModel(StageContexts.TAXONOMY, StageContexts.CHECKERS, 1.0, 0);
    StepContext ctx = StageContexts.faithful();
    LlmClient judge = LlmClient.shared(ctx.judge(), ctx.taxonomy());
    List<Candidate> out = new ArrayList<>();
    try {
      for (Candidate c : faithful()) {
        String prompt = StageContexts.PROMPTS.render("respond", Map.of("instruction", c.x1().render()));
        String y1 = model.answer(List.of(UserMessage.from(prompt))).strip();
        List<Integer> all = java.util.stream.IntStream.rangeClosed(1, c.x1().constraints().size()).boxed().toList();
        if (!ConstraintJudge.judge(ctx, new LlmSession(judge, "judge_y1"), c.x1(), y1, all).full()) {
          out.add(c.withY1(y1));
        }
      }
    } finally {
      judge.release();
    }
    assertTrue(out.size() >= 2, "too few broken answers to test with: " + out.size());
    return out;
  }

  @Test
  void aFailedResponseIsRevisedWithTheJudgesFindingsAndKeptWhenTheRevisionPasses(TestPipeline p) throws Exception {
    List<Candidate> in = breaking();
    List<String> ids = in.stream().map(Candidate::id).sorted().toList();
    Map<String, String> before = new java.util.HashMap<>();
    in.forEach(c -> before.put(c.id(), c.y1()));
    // Without revisions every one is dropped, as the paper's flow does.
    PCollectionTuple none = run(p, "NoRevision", in, JudgeResponses.y1OnX1(StageContexts.faithful()));
    PAssert.that(none.get(CandidateStage.KEPT)).empty();
    // With one, the generator sees the findings and answers again; the new answer is judged and kept.
    PCollectionTuple one = run(p, "OneRevision", in,
        JudgeResponses.y1OnX1(StageContexts.revising(StageContexts.faithful(), 1)));
    PAssert.that(one.get(CandidateStage.REJECTED)).empty();
    PAssert.that(one.get(CandidateStage.KEPT)).satisfies(kept -> {
      List<String> seen = new ArrayList<>();
      for (Candidate c : kept) {
        seen.add(c.id());
        assertTrue(c.y1x1().full(), c.id());
        assertTrue(!c.y1().equals(before.get(c.id())), "y1 is the revised answer: " + c.id());
        assertEquals(1, c.spend().steps().get(JudgeResponses.reviseStep(false)).requests(), c.id());
        assertTrue(c.promptHashes().containsKey(JudgeResponses.reviseStep(false)));
      }
      assertEquals(ids, seen.stream().sorted().toList());
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void aResponseThatFailsEveryRevisionIsDroppedWithWhatTheRevisionsCost(TestPipeline p) throws Exception {
    List<Candidate> in = breaking();
    StepContext stubborn = StageContexts.revising(StageContexts.knobs(1.0, 0), 2);
    PCollectionTuple out = run(p, "Stubborn", in, JudgeResponses.y1OnX1(stubborn));
    PAssert.that(out.get(CandidateStage.KEPT)).empty();
    PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rs -> {
      int n = 0;
      for (Rejection r : rs) {
        n++;
        assertTrue(r.reason().startsWith("y1_not_full:"), r.reason());
        assertEquals(2, r.spend().steps().get(JudgeResponses.reviseStep(false)).requests(), r.id());
      }
      assertEquals(in.size(), n);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void theReviseListNamesEachFailedRequirementWithItsReason() {
    Instruction x = new Instruction(DESCRIPTION, List.of(AT_MOST_8, NO_EMOJI), "");
    dev.tracegen.model.Judgement j = new dev.tracegen.model.Judgement(List.of(
        new Score(1, 0, "checker:numerical", "12 sentences"), new Score(2, 10, "checker:text_pattern", "ok")), 5);
    assertEquals("- Requirement 1 (\"Use no more than 8 sentences in total.\") scored 0/10: 12 sentences",
        JudgeResponses.failures(x, j));
  }

  @Test
  void anAnswerTheGeneratorRepeatsIsNotJudgedAgain(TestPipeline p) throws Exception {
    // A generator that always gives the same answer: each revision is asked for (the follow-up
    // names its number, so it is a new request), but the repeated answer is not judged again.
    try (ScriptedServer same = ScriptedServer.answering(SHORT)) {
      StepContext judgeEmbedded = StageContexts.faithful();
      StepContext ctx = new StepContext(StageContexts.PROMPTS, StageContexts.TAXONOMY, same.context().generator(),
          judgeEmbedded.judge(), StageContexts.RUN_SEED, 0, 3);
      PCollectionTuple out = run(p, "Same", List.of(handBuilt("stuck", SHORT, PASSIVE)), JudgeResponses.y1OnX1(ctx));
      PAssert.that(out.get(CandidateStage.KEPT)).empty();
      PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rs -> {
        for (Rejection r : rs) {
          assertEquals("y1_not_full:grammar", r.reason());
          assertEquals(3, r.spend().steps().get(JudgeResponses.reviseStep(false)).requests());
          assertEquals(1, r.spend().steps().get(Stages.JUDGE_Y1.id()).requests());
        }
        return null;
      });
      p.run().waitUntilFinish();
    }
  }
}
