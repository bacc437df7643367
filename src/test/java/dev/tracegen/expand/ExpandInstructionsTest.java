package dev.tracegen.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.llm.ScriptedServer;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Choice;
import dev.tracegen.model.Constraint;
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
 * Expand against the embedded model: every plan becomes one instruction carrying its constraints
 * with the open params filled; a placeholder left unfilled and an answer cut off twice are rejected.
 */
class ExpandInstructionsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  /** Plans of 1, 3 and 5 constraints for three small seeds. */
  static List<Plan> plans() {
    Planner planner = new Planner(StageContexts.TAXONOMY, Map.of(), StageContexts.RUN_SEED);
    List<Plan> out = new ArrayList<>();
    String[] tasks = {"Explain how tides work.", "Describe a good morning routine for students.",
        "Give advice on keeping a vegetable garden."};
    for (int i = 0; i < tasks.length; i++) {
      Seed seed = new Seed("seed-" + i, tasks[i], "", "explain", "seeds.jsonl:" + (i + 1));
      Plan plan = planner.plan("train-k0" + (1 + 2 * i) + "-000000", seed, "train", 1 + 2 * i);
      assertNotNull(plan);
      out.add(plan);
    }
    return out;
  }

  /** A plan whose open param is listed under no constraint of it, so nobody is asked to fill it. */
  static Plan orphanChoice() {
    return new Plan("train-k01-000099", new Seed("seed-9", "Explain tides.", "", "explain", "seeds.jsonl:9"), "train",
        1, List.of(new Constraint("c1", "content", "inclusion", "Make sure the answer mentions the term \"{keyword}\".",
            Params.EMPTY)), "", Map.of("c9", Map.of("keyword", Choice.taskWord())));
  }

  static PCollectionTuple run(TestPipeline p, List<Plan> plans, StepContext ctx) {
    return p.apply(Create.of(plans.stream().map(Candidate::of).toList()).withCoder(JsonCoder.of(Candidate.class)))
        .apply(ExpandInstructions.with(ctx));
  }

  static PCollection<String> rejections(PCollectionTuple out) {
    return out.get(CandidateStage.REJECTED).apply("Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason()));
  }

  @Test
  void everyPlanBecomesOneInstructionAndALeftoverPlaceholderIsRejected(TestPipeline p) {
    List<Plan> in = new ArrayList<>(plans());
    in.add(orphanChoice());
    PCollectionTuple out = run(p, in, StageContexts.faithful());

    PAssert.that(out.get(CandidateStage.KEPT).apply("KeptIds", MapElements.into(TypeDescriptors.strings())
        .via(Candidate::id))).containsInAnyOrder(plans().stream().map(Plan::id).toList());
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      for (Candidate c : kept) {
        String[] lines = c.expanded().strip().split("\n");
        assertEquals(1 + c.plan().k(), lines.length, c.expanded());
        assertTrue(lines[0].startsWith(c.plan().seed().instruction().replaceAll("[.?!]$", "")), lines[0]);
        for (int i = 0; i < c.plan().k(); i++) {
          Constraint planned = c.plan().constraints().get(i);
          if (c.plan().choicesOf(planned.id()).isEmpty()) {
            assertEquals(planned.text(), lines[i + 1].strip(), "a fixed constraint is kept word for word");
          } else {
            assertFalse(lines[i + 1].contains("{"), "an open param is filled: " + lines[i + 1]);
          }
        }
        assertNull(ExpandInstructions.unfilledPlaceholder(c.plan(), c.expanded()));
        assertTrue(c.promptHashes().containsKey("expand"));
        assertEquals(1, c.attempts());
        assertNull(c.x1(), "structure has not run yet");
      }
      return null;
    });
    PAssert.that(rejections(out)).containsInAnyOrder(orphanChoice().id() + " " + Stages.EXPAND.id() + "/unfilled_placeholder");
    PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rs -> {
      for (Rejection r : rs) {
        assertEquals("the instruction still holds {keyword}", r.detail());
        assertTrue(r.record().contains(orphanChoice().id()), "the rejected candidate is kept whole");
      }
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void anAnswerCutOffTwiceIsRejectedAsTruncated(TestPipeline p) {
    PCollectionTuple out = run(p, plans(), StageContexts.realistic("truncate=1.0"));
    PAssert.that(out.get(CandidateStage.KEPT)).empty();
    PAssert.that(rejections(out)).containsInAnyOrder(plans().stream()
        .map(plan -> plan.id() + " " + Stages.EXPAND.id() + "/truncated").toList());
    p.run().waitUntilFinish();
  }

  @Test
  void anEmptyAnswerIsRejected(TestPipeline p) throws Exception {
    try (ScriptedServer blank = ScriptedServer.answering("  \n")) {
      PCollectionTuple out = run(p, plans(), blank.context());
      PAssert.that(out.get(CandidateStage.KEPT)).empty();
      PAssert.that(rejections(out)).containsInAnyOrder(plans().stream()
          .map(plan -> plan.id() + " " + Stages.EXPAND.id() + "/empty_expansion").toList());
      p.run().waitUntilFinish();
    }
  }
}
