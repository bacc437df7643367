package dev.tracegen.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegen.RunMetrics;
import dev.tracegen.iopo.BuildQuadruples;
import dev.tracegen.iopo.BuildQuadruplesTest;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Spend;
import dev.tracegen.model.TraceRecord;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a run paid for shipped records is counted from the records in flight: what each step spent
 * and what it read from the response cache survive the stages to the export, where {@link
 * ShippedCounters} counts them; the rest of the step's counters went to candidates that did not ship.
 */
class RunWasteTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final Spend.Step PERTURB = new Spend.Step(1, 100, 40);

  /** What the export does with each record it receives. */
  static class ExportCount extends DoFn<TraceRecord, TraceRecord> {
    @ProcessElement
    public void process(@Element TraceRecord r, OutputReceiver<TraceRecord> out) {
      ShippedCounters.count(r);
      out.output(r);
    }
  }

  @Test
  void paidForShippedRecordsAgainstTheRestOfTheStep(TestPipeline p) {
    // Three shipped records, each with one perturb request; the third was answered from the cache.
    // verified() spent on expand (1 request) and judge_y1 (2 requests, 1 of them from the cache) too.
    List<Candidate> in = List.of(
        BuildQuadruplesTest.verified("train-k02-000000", "train").spent("perturb", "h", PERTURB, Spend.Step.ZERO),
        BuildQuadruplesTest.verified("train-k02-000001", "train").spent("perturb", "h", PERTURB, Spend.Step.ZERO),
        BuildQuadruplesTest.verified("eval-k02-000002", "eval").spent("perturb", "h", PERTURB, PERTURB));
    p.apply(Create.of(in).withCoder(JsonCoder.of(Candidate.class)))
        .apply(BuildQuadruples.with(LlmSettings.embedded(), LlmSettings.embedded()))
        .apply(ParDo.of(new ExportCount()));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    Map<String, Long> counters = RunMetrics.counters(result).get(ShippedCounters.NAMESPACE);
    assertEquals(3L, counters.get("perturb.requests"));
    assertEquals(1L, counters.get("perturb.cache_hits"));
    assertEquals(3L, counters.get("expand.requests"));
    assertEquals(null, counters.get("expand.cache_hits"));
    assertEquals(6L, counters.get("judge_y1.requests"));
    assertEquals(3L, counters.get("judge_y1.cache_hits"));
    assertEquals(450L, counters.get("judge_y1.cached_tokens_in"));

    // The steps' own counters. perturb: 5 answers, 2 from the cache; 3 sent, 100 + 40 tokens each.
    Map<String, LlmStepCounts> llm = Map.of(
        "expand", new LlmStepCounts(3, 0, 0, 0, 0, 300, 120),
        "judge_y1", new LlmStepCounts(6, 3, 0, 0, 0, 450, 30),
        "perturb", new LlmStepCounts(5, 2, 0, 0, 0, 300, 120));
    RunWaste w = RunWaste.of(llm, counters, null);
    RunWaste.Part perturb = w.byStep().get("perturb");
    assertEquals(new RunWaste.Paid(2, 1, 200, 80), perturb.shipped());
    assertEquals(new RunWaste.Paid(1, 1, 100, 40), perturb.notShipped());
    assertEquals(new Waste.Share(0.3333, 0.3333), perturb.notShippedShare());
    // Every expand and judge request went to shipped records.
    assertEquals(RunWaste.Paid.ZERO, w.byStep().get("expand").notShipped());
    assertEquals(new RunWaste.Paid(3, 3, 450, 30), w.byStep().get("judge_y1").shipped());
    assertEquals(RunWaste.Paid.ZERO, w.byStep().get("judge_y1").notShipped());
    assertEquals(List.of("expand", "judge_y1", "perturb"), List.copyOf(w.byStep().keySet()), "pipeline order");
    assertEquals(new RunWaste.Paid(8, 4, 950, 230), w.shipped());
    assertEquals(new RunWaste.Paid(1, 1, 100, 40), w.notShipped());
    assertEquals(new Waste.Share(0.1111, 0.1061), w.notShippedShare());
  }

  @Test
  void aRunThatMadeNoRequestHasNoWasteAndAWarmRerunPaysNothing() {
    assertEquals(null, RunWaste.of(Map.of(), Map.of(), null));
    // Everything from the cache: nothing sent, so no share of it.
    RunWaste w = RunWaste.of(Map.of("expand", new LlmStepCounts(4, 4, 0, 0, 0, 0, 0)),
        Map.of("expand.requests", 3L, "expand.cache_hits", 3L, "expand.tokens_in", 300L,
            "expand.cached_tokens_in", 300L), null);
    assertEquals(new RunWaste.Paid(0, 3, 0, 0), w.shipped());
    assertEquals(new RunWaste.Paid(0, 1, 0, 0), w.notShipped());
    assertEquals(new Waste.Share(0.0, 0.0), w.notShippedShare());
  }
}
