package dev.tracegen.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.embedded.Filled;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Params;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.StageContexts;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Structure against the embedded model: an expansion is split into description, labelled
 * constraints with their params and input. Params that disagree with the plan, an expansion
 * without constraints, a constraint of no known dimension and an answer cut off twice are rejected;
 * a wrong param or a cut-off JSON answer that the repair re-ask fixes is kept.
 */
class StructureInstructionsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final Seed SEED = new Seed("seed-1", "Explain how tides work.", "", "explain", "seeds.jsonl:1");

  /** Plans of 2, 3 and 4 constraints, and what expand would have written for each. */
  static Map<Candidate, Instruction> expanded() {
    Planner planner = new Planner(StageContexts.TAXONOMY, Map.of(), StageContexts.RUN_SEED);
    Map<Candidate, Instruction> out = new HashMap<>();
    for (int k = 2; k <= 4; k++) {
      Plan plan = planner.plan("train-k0" + k + "-000000", SEED, "train", k);
      assertNotNull(plan);
      Instruction x = Filled.instruction(StageContexts.TAXONOMY, plan);
      out.put(Candidate.of(plan).withExpanded(x.render()), x);
    }
    return out;
  }

  static final Constraint AT_MOST_8 = new Constraint("c1", "content", "numerical",
      "Use no more than 8 sentences in total.", Params.of("metric", "sentences", "max", 8));

  /** A candidate with one planned constraint and {@code expanded} as the model's expansion. */
  static Candidate handBuilt(String id, String expanded) {
    Plan plan = new Plan(id, SEED, "train", 1, List.of(AT_MOST_8), "", Map.of());
    return Candidate.of(plan).withExpanded(expanded);
  }

  static final Candidate SAYS_TEN = handBuilt("train-k01-000010",
      "Explain how tides work, for a curious reader.\nUse no more than 10 sentences in total.\n");
  static final Candidate NO_CONSTRAINTS = handBuilt("train-k01-000011", "Explain how tides work, for a curious reader.\n");
  static final Candidate UNKNOWN_LINE = handBuilt("train-k01-000012",
      "Explain how tides work, for a curious reader.\nSprinkle the answer with nautical puns wherever they fit.\n");

  static PCollectionTuple run(TestPipeline p, List<Candidate> in, StepContext ctx) {
    return p.apply(Create.of(in).withCoder(JsonCoder.of(Candidate.class))).apply(StructureInstructions.with(ctx));
  }

  static PCollection<String> rejections(PCollectionTuple out) {
    return out.get(CandidateStage.REJECTED).apply("Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason()));
  }

  /** Every kept candidate's x1 is the instruction expand wrote: same texts, dimensions and params. */
  static void assertStructured(Iterable<Candidate> kept, Map<Candidate, Instruction> expected, int calls) {
    int n = 0;
    for (Candidate c : kept) {
      Instruction want = expected.entrySet().stream().filter(e -> e.getKey().id().equals(c.id())).findFirst()
          .orElseThrow().getValue();
      assertEquals(want.description(), c.x1().description(), c.id());
      assertEquals(want.constraints().size(), c.x1().constraints().size(), c.id());
      for (int i = 0; i < want.constraints().size(); i++) {
        Constraint w = want.constraints().get(i);
        Constraint g = c.x1().constraints().get(i);
        assertEquals(w.text(), g.text(), c.id());
        assertEquals(w.dimension(), g.dimension(), c.id());
        assertEquals(w.params(), g.params(), c.id() + " " + g.text());
        assertEquals("c" + (i + 1), g.id());
      }
      assertEquals(calls, c.attempts(), c.id());
      assertTrue(c.promptHashes().containsKey("structure"));
      n++;
    }
    assertEquals(expected.size(), n);
  }

  @Test
  void structuresExpansionsAndRejectsWhatCannotBeStructured(TestPipeline p) {
    Map<Candidate, Instruction> good = expanded();
    List<Candidate> in = new ArrayList<>(good.keySet());
    in.addAll(List.of(SAYS_TEN, NO_CONSTRAINTS, UNKNOWN_LINE));
    PCollectionTuple out = run(p, in, StageContexts.faithful());
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      assertStructured(kept, good, 1);
      return null;
    });
    String stage = Stages.STRUCTURE.id();
    PAssert.that(rejections(out)).containsInAnyOrder(
        SAYS_TEN.id() + " " + stage + "/" + ParamValidator.REASON,
        NO_CONSTRAINTS.id() + " " + stage + "/malformed_output",
        UNKNOWN_LINE.id() + " " + stage + "/malformed_output");
    PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rs -> {
      for (Rejection r : rs) {
        String want = r.id().equals(SAYS_TEN.id()) ? "planned max = 8 but the params give 10"
            : r.id().equals(NO_CONSTRAINTS.id()) ? "\"constraints\" must be a non-empty list"
            : "has unknown dimension \"unknown\"";
        assertTrue(r.detail().contains(want), r.detail());
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void aWrongParamIsRepairedByTheReAsk(TestPipeline p) {
    // Only candidates with a counted or keyword param: the persona gets one of them wrong in every first answer.
    Map<Candidate, Instruction> good = new HashMap<>();
    expanded().forEach((c, x) -> {
      if (x.constraints().stream().anyMatch(k -> k.params().names().stream()
          .anyMatch(List.of("keyword", "min", "max", "count")::contains))) {
        good.put(c, x);
      }
    });
    Instruction atMost8 = new Instruction("Explain how tides work, for a curious reader.", List.of(AT_MOST_8), "");
    good.put(handBuilt("train-k01-000013", atMost8.render()), atMost8);
    PCollectionTuple out = run(p, new ArrayList<>(good.keySet()), StageContexts.realistic("wrongParams=1.0"));
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      assertStructured(kept, good, 2);
      return null;
    });
    PAssert.that(out.get(CandidateStage.REJECTED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void aCutOffJsonAnswerIsRepairedOnceButNotTwice(TestPipeline p) {
    Map<Candidate, Instruction> good = expanded();
    PCollectionTuple repaired = run(p, new ArrayList<>(good.keySet()), StageContexts.knobs(0, 1.0));
    PAssert.that(repaired.get(CandidateStage.KEPT)).satisfies(kept -> {
      assertStructured(kept, good, 2);
      return null;
    });
    PCollectionTuple cut = p.apply("Again", Create.of(new ArrayList<>(good.keySet())).withCoder(JsonCoder.of(Candidate.class)))
        .apply("StructureCutOff", StructureInstructions.with(StageContexts.realistic("truncate=1.0")));
    PAssert.that(cut.get(CandidateStage.KEPT)).empty();
    PAssert.that(cut.get(CandidateStage.REJECTED).apply("CutRejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason())))
        .containsInAnyOrder(good.keySet().stream().map(c -> c.id() + " " + Stages.STRUCTURE.id() + "/malformed_output").toList());
    p.run().waitUntilFinish();
  }
}
