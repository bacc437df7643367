package dev.tracegen.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.embedded.Filled;
import dev.tracegen.llm.ScriptedServer;
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
 * Perturb against the embedded model: each op (REVISE, ADD, DELETE) yields an x2 with the same
 * description and input and a real change; an instruction with nothing revisable, a kept constraint
 * whose params disagree with its sentence and an ADD past 15 constraints are rejected; a wrong
 * param in the first answer is repaired by the re-ask.
 */
class PerturbConstraintsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final Seed SEED = new Seed("seed-1", "Explain how tides work.", "", "explain", "seeds.jsonl:1");
  static final String DESCRIPTION = "Explain how tides work, for a curious reader.";
  static final Constraint AT_MOST_8 = new Constraint("c1", "content", "numerical",
      "Use no more than 8 sentences in total.", Params.of("metric", "sentences", "max", 8));
  static final Constraint NO_EMOJI = new Constraint("c2", "format", "text_pattern", "Do not use any emoji.",
      Params.of("pattern", "no_emoji"));
  /** A value constraint: never revised, so the model finds nothing to change. */
  static final Constraint FAIR = new Constraint("c1", "content", "value",
      "Stay fair and free of stereotypes when referring to older adults.", Params.EMPTY);
  /** A sentence no phrasing matches (so it is not revised) whose params say 10 where the text says 8. */
  static final Constraint MISSTATED = new Constraint("c1", "content", "numerical",
      "Keep it under 8 sentences overall.", Params.of("metric", "sentences", "max", 10));

  static Candidate candidate(String id, List<Constraint> cs) {
    Plan plan = new Plan(id, SEED, "train", cs.size(), cs, "", Map.of());
    return Candidate.of(plan).withX1(new Instruction(DESCRIPTION, cs, "")).withY1("y1 of " + id);
  }

  static final Candidate TWO = candidate("two", List.of(AT_MOST_8, NO_EMOJI));
  static final Candidate NOTHING_REVISABLE = candidate("nothing-revisable", List.of(FAIR));
  static final Candidate PARAMS_OFF = candidate("params-off", List.of(MISSTATED, NO_EMOJI));

  /** A 15-constraint instruction as expand would write it for a planned 15-constraint seed. */
  static Candidate fifteen() {
    Planner planner = new Planner(StageContexts.TAXONOMY, Map.of(), StageContexts.RUN_SEED);
    for (int i = 0; i < 50; i++) {
      Plan plan = planner.plan("train-k15-" + String.format("%06d", i), SEED, "train", 15);
      if (plan != null) {
        return Candidate.of(plan).withX1(Filled.instruction(StageContexts.TAXONOMY, plan)).withY1("y1");
      }
    }
    throw new AssertionError("no 15-constraint plan");
  }

  static PCollectionTuple run(TestPipeline p, String name, List<Candidate> in, StepContext ctx, Map<String, Double> ops) {
    return p.apply(name, Create.of(in).withCoder(JsonCoder.of(Candidate.class)))
        .apply(name + "Perturb", PerturbConstraints.with(ctx, ops));
  }

  static PCollection<String> rejections(PCollectionTuple out, String name) {
    return out.get(CandidateStage.REJECTED).apply(name + "Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason()));
  }

  /** x2 keeps the description and input, differs from x1, and every changed position is a new sentence. */
  static void assertPerturbed(Candidate c, String op) {
    assertNotNull(c.x2(), c.id());
    assertEquals(op, c.perturbation().op());
    assertEquals(c.x1().description(), c.x2().description());
    assertEquals(c.x1().input(), c.x2().input());
    List<String> before = c.x1().constraints().stream().map(Constraint::text).toList();
    List<String> after = c.x2().constraints().stream().map(Constraint::text).toList();
    assertNotEquals(before, after);
    assertFalse(c.perturbation().changed().isEmpty());
    for (int i : c.perturbation().changed()) {
      assertFalse(before.contains(after.get(i - 1)), "changed " + i + " is new: " + after.get(i - 1));
    }
    for (int i = 1; i <= after.size(); i++) {
      if (!c.perturbation().changed().contains(i)) {
        assertTrue(before.contains(after.get(i - 1)), "unchanged " + i + " comes from x1");
      }
    }
    int expected = switch (op) {
      case "ADD" -> before.size() + 1;
      case "DELETE" -> before.size() - 1;
      default -> before.size();
    };
    assertEquals(expected, after.size(), op);
    assertEquals(op.equals("DELETE") ? 1 : 0, c.perturbation().removed().size());
    assertTrue(c.promptHashes().containsKey("perturb"));
  }

  @Test
  void eachOpChangesTheConstraintsAndKeepsTheTask(TestPipeline p) {
    for (String op : List.of("REVISE", "ADD", "DELETE")) {
      PCollectionTuple out = run(p, op, List.of(TWO), StageContexts.faithful(), Map.of(op, 1.0));
      PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
        int n = 0;
        for (Candidate c : kept) {
          assertPerturbed(c, op);
          assertEquals(1, c.attempts());
          n++;
        }
        assertEquals(1, n);
        return null;
      });
      PAssert.that(out.get(CandidateStage.REJECTED)).empty();
    }
    p.run().waitUntilFinish();
  }

  @Test
  void rejectsNothingToChangeMisstatedParamsAndTooManyConstraints(TestPipeline p) {
    Candidate fifteen = fifteen();
    PCollectionTuple out = run(p, "Add", List.of(NOTHING_REVISABLE, PARAMS_OFF, fifteen), StageContexts.faithful(),
        Map.of("ADD", 1.0));
    PAssert.that(out.get(CandidateStage.KEPT)).empty();
    String s = " " + Stages.PERTURB.id() + "/";
    PAssert.that(rejections(out, "Add")).containsInAnyOrder(
        "nothing-revisable" + s + "malformed_output",
        "params-off" + s + "params_mismatch",
        fifteen.id() + s + "constraint_count");
    PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rs -> {
      for (Rejection r : rs) {
        String want = switch (r.id()) {
          case "nothing-revisable" -> "\"changed\" is empty";
          case "params-off" -> "max = 10 but the constraint's text does not state 10";
          default -> "x2 has more than 15 constraints";
        };
        assertTrue(r.detail().contains(want), r.id() + ": " + r.detail());
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void aWrongParamInTheFirstAnswerIsRepaired(TestPipeline p) {
    PCollectionTuple out = run(p, "Wrong", List.of(TWO), StageContexts.realistic("wrongParams=1.0"), Map.of("REVISE", 1.0));
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      for (Candidate c : kept) {
        assertPerturbed(c, "REVISE");
        assertEquals(2, c.attempts(), "the first answer was re-asked");
      }
      return null;
    });
    PAssert.that(out.get(CandidateStage.REJECTED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void aPerturbationThatChangesNothingIsRejected(TestPipeline p) throws Exception {
    // Marked as changed, but every sentence is x1's: the embedded model never answers so.
    String same = "{\"constraints\": [{\"text\": \"Use no more than 8 sentences in total.\", \"dimension\": \"numerical\","
        + " \"params\": {\"metric\": \"sentences\", \"max\": 8}}, {\"text\": \"Do not use any emoji.\","
        + " \"dimension\": \"text_pattern\", \"params\": {\"pattern\": \"no_emoji\"}}], \"changed\": [1], \"removed\": []}";
    try (ScriptedServer unchanged = ScriptedServer.answering(same)) {
      PCollectionTuple out = run(p, "Same", List.of(TWO), unchanged.context(), Map.of("REVISE", 1.0));
      PAssert.that(out.get(CandidateStage.KEPT)).empty();
      PAssert.that(rejections(out, "Same")).containsInAnyOrder("two " + Stages.PERTURB.id() + "/no_change");
      p.run().waitUntilFinish();
    }
  }
}
