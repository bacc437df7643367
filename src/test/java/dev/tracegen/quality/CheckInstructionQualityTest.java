package dev.tracegen.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.Candidate;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Params;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
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
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quality check on hand-built instructions: a sound one passes unchanged; each rule failure
 * (count, empty, duplicate, unknown dimension, dimensions other than planned) is rejected before any
 * LLM call; the model's review rejects an instruction that refers to a missing input and one whose
 * constraints repeat each other; an answer cut off twice is malformed.
 */
class CheckInstructionQualityTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final Seed SEED = new Seed("seed-1", "Explain how tides work.", "", "explain", "seeds.jsonl:1");
  static final String DESCRIPTION = "Explain how tides work, for a curious reader.";

  static Constraint c(String id, String dimension, String text, Params params) {
    return new Constraint(id, "format", dimension, text, params);
  }

  static final Constraint AT_MOST_8 = c("c1", "numerical", "Use no more than 8 sentences in total.",
      Params.of("metric", "sentences", "max", 8));
  static final Constraint NO_EMOJI = c("c2", "text_pattern", "Do not use any emoji.", Params.of("pattern", "no_emoji"));

  /** A candidate whose plan asked for exactly the dimensions of {@code x}. */
  static Candidate candidate(String id, Instruction x) {
    return candidate(id, x, x.constraints());
  }

  static Candidate candidate(String id, Instruction x, List<Constraint> planned) {
    Plan plan = new Plan(id, SEED, "train", planned.size(), planned, "", Map.of());
    return Candidate.of(plan).withX1(x);
  }

  static final Candidate SOUND = candidate("sound", new Instruction(DESCRIPTION, List.of(AT_MOST_8, NO_EMOJI), ""));
  static final Candidate WITH_INPUT = candidate("with-input", new Instruction(
      "Summarise the following text for a curious reader.", List.of(AT_MOST_8), "The moon pulls the sea."));

  static List<Candidate> ruleFailures() {
    List<Constraint> sixteen = new ArrayList<>();
    for (int i = 1; i <= 16; i++) {
      sixteen.add(c("c" + i, "numerical", "Use no more than " + i + " sentences in total.",
          Params.of("metric", "sentences", "max", i)));
    }
    return List.of(
        candidate("none", new Instruction(DESCRIPTION, List.of(), ""), List.of(AT_MOST_8)),
        candidate("sixteen", new Instruction(DESCRIPTION, sixteen, "")),
        candidate("empty", new Instruction(DESCRIPTION, List.of(AT_MOST_8, c("c2", "text_pattern", "  ", Params.EMPTY)), "")),
        candidate("duplicate", new Instruction(DESCRIPTION,
            List.of(AT_MOST_8, c("c2", "numerical", "use no more than 8 sentences in total.", Params.EMPTY)), "")),
        candidate("unknown", new Instruction(DESCRIPTION, List.of(c("c1", "mood", "Sound cheerful.", Params.EMPTY)), "")),
        candidate("unplanned", new Instruction(DESCRIPTION, List.of(AT_MOST_8), ""), List.of(NO_EMOJI)));
  }

  static List<Candidate> reviewFailures() {
    return List.of(
        candidate("incomplete", new Instruction("Summarise the following text for a curious reader.",
            List.of(AT_MOST_8), "")),
        candidate("redundant", new Instruction(DESCRIPTION,
            List.of(NO_EMOJI, c("c2", "text_pattern", "Do not use any emoji!", Params.of("pattern", "no_emoji"))), "")));
  }

  static PCollectionTuple run(TestPipeline p, List<Candidate> in, StepContext ctx) {
    return p.apply(Create.of(in).withCoder(JsonCoder.of(Candidate.class))).apply(CheckInstructionQuality.with(ctx));
  }

  @Test
  void keepsSoundInstructionsAndRejectsEachFlaw(TestPipeline p) {
    List<Candidate> in = new ArrayList<>(List.of(SOUND, WITH_INPUT));
    in.addAll(ruleFailures());
    in.addAll(reviewFailures());
    PCollectionTuple out = run(p, in, StageContexts.faithful());
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      List<String> ids = new ArrayList<>();
      for (Candidate c : kept) {
        Candidate before = c.id().equals("sound") ? SOUND : WITH_INPUT;
        assertEquals(before.x1(), c.x1(), "the instruction passes unchanged");
        assertEquals(1, c.attempts(), "one review call");
        assertTrue(c.promptHashes().containsKey("quality"));
        ids.add(c.id());
      }
      assertEquals(List.of("sound", "with-input"), ids.stream().sorted().toList());
      return null;
    });
    String q = Stages.QUALITY.id() + "/";
    PAssert.that(out.get(CandidateStage.REJECTED).apply("Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason() + ": " + r.detail())))
        .containsInAnyOrder(
            "none " + q + "constraint_count: 0 constraints, must be 1-15",
            "sixteen " + q + "constraint_count: 16 constraints, must be 1-15",
            "empty " + q + "empty_constraint: constraint c2 is empty",
            "duplicate " + q + "duplicate_constraint: \"use no more than 8 sentences in total.\" appears twice",
            "unknown " + q + "unknown_dimension: mood",
            "unplanned " + q + "planned_dimensions_missing: planned [text_pattern] but labelled [numerical]",
            "incomplete " + q + "incomplete: The description refers to an input that is missing.",
            "redundant " + q + "redundant: A constraint repeats the description or another constraint.");
    p.run().waitUntilFinish();
  }

  @Test
  void anAnswerCutOffTwiceIsMalformed(TestPipeline p) {
    PCollectionTuple out = run(p, List.of(SOUND, WITH_INPUT), StageContexts.realistic("truncate=1.0"));
    PAssert.that(out.get(CandidateStage.KEPT)).empty();
    PAssert.that(out.get(CandidateStage.REJECTED).apply("Rejections", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason())))
        .containsInAnyOrder("sound " + Stages.QUALITY.id() + "/malformed_output",
            "with-input " + Stages.QUALITY.id() + "/malformed_output");
    p.run().waitUntilFinish();
  }
}
