package dev.tracegen.iopo;

import dev.tracegen.llm.LlmSettings;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Lineage;
import dev.tracegen.model.Params;
import dev.tracegen.model.Perturbation;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Score;
import dev.tracegen.model.Seed;
import dev.tracegen.model.Spend;
import dev.tracegen.model.TraceRecord;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quadruple turns each verified candidate into exactly one record: x1, y1, x2, y2, the
 * perturbation and the four judgements under their keys, the constraint count of x1, and the
 * lineage (model labels, prompt hashes, attempts). It has no rejection path: everything reaching
 * it was verified by the cross-judge.
 */
public class BuildQuadruplesTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final Constraint AT_MOST_8 = new Constraint("c1", "content", "numerical",
      "Use no more than 8 sentences in total.", Params.of("metric", "sentences", "max", 8));
  static final Constraint AT_LEAST_12 = new Constraint("c1", "content", "numerical",
      "Write at least 12 complete sentences.", Params.of("metric", "sentences", "min", 12));
  static final Constraint NO_EMOJI = new Constraint("c2", "format", "text_pattern", "Do not use any emoji.",
      Params.of("pattern", "no_emoji"));

  static Judgement judgement(int score, String reason) {
    return new Judgement(List.of(new Score(1, score, "checker:numerical", reason)), score);
  }

  public static Candidate verified(String id, String split) {
    Seed seed = new Seed("seed-" + id, "Explain how tides work.", "", "explain", "seeds.jsonl:1");
    Instruction x1 = new Instruction("Explain tides.", List.of(AT_MOST_8, NO_EMOJI), "");
    Instruction x2 = new Instruction("Explain tides.", List.of(AT_LEAST_12, NO_EMOJI), "");
    Plan plan = new Plan(id, seed, split, 2, x1.constraints(), "", Map.of());
    return Candidate.of(plan).withExpanded(x1.render()).withX1(x1).withY1("y1 " + id)
        .withY1X1(judgement(10, "y1x1")).withX2(x2, new Perturbation("REVISE", List.of(1), List.of()))
        .withY2("y2 " + id).withY2X2(judgement(10, "y2x2")).withCross(judgement(0, "y1x2"), judgement(0, "y2x1"))
        .spent("expand", "h-expand", new Spend.Step(1, 100, 40), Spend.Step.ZERO)
        .spent("judge_y1", "h-judge", new Spend.Step(2, 300, 20), new Spend.Step(1, 150, 10));
  }

  static TraceRecord expected(Candidate c, String generator, String judge) {
    Map<String, Judgement> js = new TreeMap<>();
    js.put("y1|x1", c.y1x1());
    js.put("y2|x2", c.y2x2());
    js.put("y1|x2", c.y1x2());
    js.put("y2|x1", c.y2x1());
    return new TraceRecord(c.id(), c.plan().seed().id(), c.plan().split(), c.x1(), c.y1(), c.x2(), c.y2(),
        c.perturbation(), js, 2, new Lineage(generator, judge, Map.of("expand", "h-expand", "judge_y1", "h-judge"), 3,
            new Spend(Map.of("expand", new Spend.Step(1, 100, 40), "judge_y1", new Spend.Step(2, 300, 20))),
            new Spend(Map.of("judge_y1", new Spend.Step(1, 150, 10)))));
  }

  @Test
  void eachCandidateBecomesOneRecordWithItsLineage(TestPipeline p) {
    LlmSettings generator = LlmSettings.embedded();
    LlmSettings judge = new LlmSettings("openai", "judge-model", "http://localhost:1", "JUDGE_KEY", 0.0, 512, 10, 1, 0, 0);
    List<Candidate> in = List.of(verified("train-k02-000000", "train"), verified("eval-k02-000001", "eval"));
    PCollection<TraceRecord> out = p.apply(Create.of(in).withCoder(JsonCoder.of(Candidate.class)))
        .apply(BuildQuadruples.with(generator, judge));
    PAssert.that(out).containsInAnyOrder(
        expected(in.get(0), "embedded:tracegen-embedded-1", "openai:judge-model"),
        expected(in.get(1), "embedded:tracegen-embedded-1", "openai:judge-model"));
    p.run().waitUntilFinish();
  }
}
