package dev.tracegen.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Candidate;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Params;
import dev.tracegen.model.Perturbation;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Score;
import dev.tracegen.model.Seed;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.StageContexts;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cross-judge on hand-built quadruples: a pair where y1 fails x2 and y2 fails x1 is kept with both
 * cross judgements; an x2 that keeps all of x1, an x2 that y1 still satisfies, an x1 that y2 still
 * satisfies and a judge answer cut off twice are rejected.
 */
class CrossJudgeResponsesTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final Seed SEED = new Seed("seed-1", "Explain how tides work.", "", "explain", "seeds.jsonl:1");
  static final String DESCRIPTION = "Explain how tides work, for a curious reader.";

  static Constraint sentences(String text, String bound, int n) {
    return new Constraint("c1", "content", "numerical", text, Params.of("metric", "sentences", bound, n));
  }

  static final Constraint AT_MOST_8 = sentences("Use no more than 8 sentences in total.", "max", 8);
  static final Constraint AT_MOST_10 = sentences("Use no more than 10 sentences in total.", "max", 10);
  static final Constraint AT_LEAST_12 = sentences("Write at least 12 complete sentences.", "min", 12);
  static final Constraint NO_EMOJI = new Constraint("c1", "format", "text_pattern", "Do not use any emoji.",
      Params.of("pattern", "no_emoji"));
  static final Constraint PASSIVE = new Constraint("c1", "format", "grammar",
      "Include at least one sentence in the passive voice and label it.", Params.of("structure", "passive voice"));

  static final String SHORT = "The moon pulls on the oceans. Water bulges toward it. The earth turns beneath the bulge.";
  static final String THIRTEEN = String.join(" ", Collections.nCopies(13, "Tides rise and fall."));

  static List<Constraint> numbered(Constraint... cs) {
    List<Constraint> out = new java.util.ArrayList<>();
    for (int i = 0; i < cs.length; i++) {
      out.add(new Constraint("c" + (i + 1), cs[i].type(), cs[i].dimension(), cs[i].text(), cs[i].params()));
    }
    return out;
  }

  static Candidate quadruple(String id, List<Constraint> x1, String y1, List<Constraint> x2, String y2, String op,
      List<Integer> changed) {
    Plan plan = new Plan(id, SEED, "train", x1.size(), x1, "", Map.of());
    return Candidate.of(plan).withX1(new Instruction(DESCRIPTION, x1, "")).withY1(y1)
        .withX2(new Instruction(DESCRIPTION, x2, ""), new Perturbation(op, changed, List.of())).withY2(y2);
  }

  static final Candidate CONTRASTIVE = quadruple("contrastive", numbered(AT_MOST_8), SHORT, numbered(AT_LEAST_12),
      THIRTEEN, "REVISE", List.of(1));
  static final Candidate KEEPS_ALL = quadruple("keeps-all", numbered(AT_MOST_8), SHORT, numbered(AT_MOST_8, NO_EMOJI),
      SHORT, "ADD", List.of(2));
  static final Candidate Y1_SATISFIES = quadruple("y1-satisfies", numbered(AT_MOST_8), SHORT, numbered(AT_MOST_10),
      SHORT, "REVISE", List.of(1));
  static final Candidate Y2_SATISFIES = quadruple("y2-satisfies", numbered(NO_EMOJI), THIRTEEN, numbered(AT_MOST_8),
      SHORT, "REVISE", List.of(1));
  static final Candidate LLM_JUDGED = quadruple("llm-judged", numbered(AT_MOST_8), SHORT, numbered(PASSIVE),
      THIRTEEN + " Marked as passive voice: the water is pulled by the moon.", "REVISE", List.of(1));

  static PCollectionTuple run(TestPipeline p, String name, List<Candidate> in, StepContext ctx) {
    return p.apply(name, Create.of(in).withCoder(JsonCoder.of(Candidate.class)))
        .apply(name + "Cross", CrossJudgeResponses.with(ctx));
  }

  static PCollection<String> rejections(PCollectionTuple out, String name) {
    return out.get(CandidateStage.REJECTED).apply(name + "Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason()));
  }

  @Test
  void keepsContrastivePairsAndRejectsTheRest(TestPipeline p) {
    PCollectionTuple out = run(p, "Faithful", List.of(CONTRASTIVE, KEEPS_ALL, Y1_SATISFIES, Y2_SATISFIES, LLM_JUDGED),
        StageContexts.faithful());
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      List<String> ids = new java.util.ArrayList<>();
      for (Candidate c : kept) {
        ids.add(c.id());
        assertFalse(c.y1x2().full(), "y1 fails x2");
        assertFalse(c.y2x1().full(), "y2 fails x1");
        assertTrue(c.promptHashes().containsKey("cross_judge"));
      }
      assertEquals(List.of("contrastive", "llm-judged"), ids.stream().sorted().toList());
      Candidate c = java.util.stream.StreamSupport.stream(kept.spliterator(), false)
          .filter(x -> x.id().equals("contrastive")).findFirst().orElseThrow();
      // Only the changed constraints are judged: x2's first for y1, x1's first for y2, both by the checker.
      assertEquals(List.of(new Score(1, 0, "checker:numerical", c.y1x2().scores().get(0).reason())), c.y1x2().scores());
      assertEquals(1, c.y2x1().scores().size());
      assertEquals("checker:numerical", c.y2x1().scores().get(0).method());
      assertEquals(0, c.attempts(), "checkers decide; no LLM call");
      Candidate llm = java.util.stream.StreamSupport.stream(kept.spliterator(), false)
          .filter(x -> x.id().equals("llm-judged")).findFirst().orElseThrow();
      assertEquals("llm", llm.y1x2().scores().get(0).method(), "grammar has no checker");
      assertEquals(1, llm.attempts());
      return null;
    });
    String s = " " + Stages.CROSS_JUDGE.id() + "/";
    PAssert.that(rejections(out, "Faithful")).containsInAnyOrder(
        "keeps-all" + s + "y2_cannot_fail_x1",
        "y1-satisfies" + s + "y1_satisfies_x2",
        "y2-satisfies" + s + "y2_satisfies_x1");
    p.run().waitUntilFinish();
  }

  @Test
  void aJudgeAnswerCutOffTwiceIsMalformed(TestPipeline p) {
    PCollectionTuple out = run(p, "Cut", List.of(LLM_JUDGED, CONTRASTIVE), StageContexts.realistic("truncate=1.0"));
    PAssert.that(out.get(CandidateStage.KEPT).apply("KeptIds", MapElements.into(TypeDescriptors.strings())
        .via(Candidate::id))).containsInAnyOrder("contrastive");
    PAssert.that(rejections(out, "Cut")).containsInAnyOrder("llm-judged " + Stages.CROSS_JUDGE.id() + "/malformed_output");
    p.run().waitUntilFinish();
  }
}
