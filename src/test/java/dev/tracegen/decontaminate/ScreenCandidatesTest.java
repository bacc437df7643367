package dev.tracegen.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.dedup.Planted;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.Stages;
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
 * Screen: after Expand, a train candidate quoting 13 words of an eval candidate's task is dropped
 * with the reason decontamination would give; a 12-word quote, shared template phrasing, eval
 * candidates themselves, and everything when there is no eval side pass.
 */
class ScreenCandidatesTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final String EVAL_TASK = DecontaminateRecordsTest.EVAL_DESCRIPTION;
  static final String TEMPLATE = DecontaminateRecordsTest.TEMPLATE;

  static Candidate expanded(String id, String split, String text) {
    Plan plan = new Plan(id, new Seed("seed-" + id, "a seed task", "", "", "test"), split, 1, List.of(), "", Map.of());
    return Candidate.of(plan).withExpanded(text);
  }

  static List<TraceRecord> eval() {
    return List.of(
        Planted.record("eval-a", "seed-ea", "eval", EVAL_TASK, List.of("Keep it under 100 words."), ""),
        Planted.record("eval-b", "seed-eb", "eval", "Summarise the plot of a film you like. " + TEMPLATE,
            List.of("Use three paragraphs."), ""),
        Planted.record("eval-c", "seed-ec", "eval", "Explain why leaves change colour. " + TEMPLATE,
            List.of("Use two paragraphs."), ""));
  }

  static List<Candidate> candidates() {
    String[] words = EVAL_TASK.split(" ");
    String thirteen = String.join(" ", List.of(words).subList(2, 15));
    String twelve = String.join(" ", List.of(words).subList(2, 14));
    return List.of(
        expanded("train-quote", "train", "Rewrite this request more formally: " + thirteen + ".\n1. Be brief."),
        expanded("train-twelve", "train", "Rewrite this request more formally: " + twelve + ".\n1. Be brief."),
        expanded("train-template", "train", "Describe a walk in the park. " + TEMPLATE),
        expanded("eval-quote", "eval", "Rewrite this request more formally: " + thirteen + "."),
        expanded("train-plain", "train", "Write a haiku about autumn rain."));
  }

  private static PCollectionTuple run(TestPipeline p, List<TraceRecord> eval) {
    PCollection<TraceRecord> evalSide = p.apply("Eval", Create.of(eval).withCoder(JsonCoder.of(TraceRecord.class)));
    return p.apply("Candidates", Create.of(candidates()).withCoder(JsonCoder.of(Candidate.class)))
        .apply(ScreenCandidates.against(evalSide, DecontaminationConfig.defaults(2)));
  }

  @Test
  void dropsTrainCandidatesThatQuoteAnEvalTask(TestPipeline p) {
    PCollectionTuple out = run(p, eval());
    PAssert.that(out.get(CandidateStage.KEPT).apply("KeptIds",
            MapElements.into(TypeDescriptors.strings()).via(Candidate::id)))
        .containsInAnyOrder("train-twelve", "train-template", "eval-quote", "train-plain");
    PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rs -> {
      int n = 0;
      for (Rejection r : rs) {
        n++;
        assertEquals("train-quote", r.id());
        assertEquals(Stages.SCREEN.id(), r.stage());
        assertEquals("ngram_overlap_eval", r.reason());
        assertTrue(r.detail().contains("13-word") && r.detail().contains("eval record eval-a"), r.detail());
        assertTrue(r.record().contains("\"expanded\""), "the candidate is kept in the rejection");
      }
      assertEquals(1, n);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void withoutAnEvalSideNothingIsDropped(TestPipeline p) {
    PCollectionTuple out = run(p, List.of());
    PAssert.that(out.get(CandidateStage.REJECTED)).empty();
    PAssert.that(out.get(CandidateStage.KEPT).apply("KeptIds",
            MapElements.into(TypeDescriptors.strings()).via(Candidate::id)))
        .containsInAnyOrder("train-quote", "train-twelve", "train-template", "eval-quote", "train-plain");
    p.run().waitUntilFinish();
  }

  @Test
  void theScreenedTextHoldsThePlansInputToo() {
    // An input drawn by the plan (a background passage) becomes part of x1, so it is screened too.
    Plan plan = new Plan("train-input", new Seed("seed-i", "a seed task", "", "", "test"), "train", 1, List.of(),
        "A passage about tides.", Map.of());
    assertEquals("Summarise the input.\nA passage about tides.",
        ScreenCandidates.screenedText(Candidate.of(plan).withExpanded("Summarise the input.")));
    assertEquals("Write a haiku.", ScreenCandidates.screenedText(expanded("train-plain", "train", "Write a haiku.")));
  }
}
