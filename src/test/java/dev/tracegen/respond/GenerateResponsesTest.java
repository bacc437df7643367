package dev.tracegen.respond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.check.Checkers;
import dev.tracegen.config.Prompts;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.embedded.Filled;
import dev.tracegen.embedded.Persona;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.ScriptedServer;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.stage.CandidateStage;
import dev.tracegen.stage.Stages;
import dev.tracegen.stage.StepContext;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Respond against a model that refuses, drifts into French or Spanish and runs out of tokens: each
 * such answer is rejected with its reason, and every kept response is the whole, right answer.
 */
class GenerateResponsesTest {
  static final String RATES = "fence=0,sloppyJson=0,paraphrase=0,wrongParams=0,countMiss=0,ignoreDont=0,"
      + "judgeFormat=0,refusal=0.15,wrongLanguage=0.15,truncate=0.4";

  @RegisterExtension final TestPipelineExtension pipelineExtension = TestPipelineExtension.create();

  @Test
  void refusalsOtherLanguagesAndTruncationsAreRejectedWithTheirReason(TestPipeline p) {
    Checkers checkers = Checkers.load();
    Taxonomy taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
    Prompts prompts = Prompts.load(Path.of("prompts"));
    LlmSettings generator = LlmSettings.embedded().withPersona(Persona.of(Persona.REALISTIC_NAME, RATES))
        .withRunId(UUID.randomUUID().toString());
    StepContext ctx = new StepContext(prompts, taxonomy, generator, generator, 1, 0, 0);
    EmbeddedChatModel faithful = new EmbeddedChatModel(taxonomy, checkers, 0, 0);

    Planner planner = new Planner(taxonomy, Map.of(), 3);
    List<Candidate> in = new ArrayList<>();
    Map<String, String> whole = new HashMap<>();
    for (int i = 0; in.size() < 120 && i < 2000; i++) {
      Seed seed = new Seed("s" + i, "Describe a good morning routine for students, variant " + i + ".", "",
          "advice", "test:1");
      Plan plan = planner.plan("p" + i, seed, "train", 1 + (i % 8));
      if (plan != null) {
        Instruction x = Filled.instruction(taxonomy, plan);
        in.add(Candidate.of(plan).withX1(x));
        String prompt = prompts.render("respond", Map.of("instruction", x.render()));
        whole.put(plan.id(), faithful.answer(List.of(UserMessage.from(prompt))).strip());
      }
    }
    int total = in.size();

    PCollectionTuple out = p.apply(Create.of(in).withCoder(JsonCoder.of(Candidate.class)))
        .apply(GenerateResponses.forX1(ctx));
    PAssert.that(out.get(CandidateStage.KEPT)).satisfies(kept -> {
      for (Candidate c : kept) {
        assertEquals(whole.get(c.id()), c.y1(), "a kept response is the whole answer");
      }
      return null;
    });
    PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rejected -> {
      Map<String, Integer> reasons = new TreeMap<>();
      for (Rejection r : rejected) {
        assertEquals("respond_y1", r.stage());
        reasons.merge(r.reason(), 1, Integer::sum);
      }
      assertEquals(Set.of("refusal", "truncated", "wrong_language"), reasons.keySet(), reasons.toString());
      int sum = reasons.values().stream().mapToInt(Integer::intValue).sum();
      assertTrue(sum > total / 5 && sum < total * 3 / 5, "rejected " + sum + " of " + total);
      return null;
    });
    p.run().waitUntilFinish();
  }

  /**
   * y2 is written for x2 and rejected under its own stage: a model that always refuses loses every
   * candidate to respond_y2/refusal, and a faithful one fills y2 and leaves y1 as it was.
   */
  @Test
  void y2IsWrittenForX2AndRejectedUnderItsOwnStage(TestPipeline p) {
    Checkers checkers = Checkers.load();
    Taxonomy taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
    Prompts prompts = Prompts.load(Path.of("prompts"));
    Planner planner = new Planner(taxonomy, Map.of(), 3);
    List<Candidate> in = new ArrayList<>();
    for (int i = 0; in.size() < 3 && i < 50; i++) {
      Seed seed = new Seed("s" + i, "Describe a good morning routine for students, variant " + i + ".", "",
          "advice", "test:1");
      Plan plan = planner.plan("p" + i, seed, "train", 2);
      Plan other = planner.plan("q" + i, seed, "train", 2);
      if (plan != null && other != null) {
        in.add(Candidate.of(plan).withX1(Filled.instruction(taxonomy, plan)).withY1("y1 of " + plan.id())
            .withX2(Filled.instruction(taxonomy, other), null));
      }
    }
    assertEquals(3, in.size());
    LlmSettings refusing = LlmSettings.embedded().withPersona(Persona.of(Persona.REALISTIC_NAME,
        RATES.replace("refusal=0.15", "refusal=1.0").replace("wrongLanguage=0.15", "wrongLanguage=0")
            .replace("truncate=0.4", "truncate=0"))).withRunId(UUID.randomUUID().toString());
    PCollectionTuple refused = p.apply("Refused", Create.of(in).withCoder(JsonCoder.of(Candidate.class)))
        .apply("RespondRefusing", GenerateResponses.forX2(new StepContext(prompts, taxonomy, refusing, refusing, 1, 0, 0)));
    PAssert.that(refused.get(CandidateStage.KEPT)).empty();
    PAssert.that(refused.get(CandidateStage.REJECTED)).satisfies(rs -> {
      List<String> ids = new ArrayList<>();
      for (Rejection r : rs) {
        assertEquals(Stages.RESPOND_Y2.id() + "/refusal", r.stage() + "/" + r.reason());
        ids.add(r.id());
      }
      assertEquals(in.stream().map(Candidate::id).sorted().toList(), ids.stream().sorted().toList());
      return null;
    });

    EmbeddedChatModel faithful = new EmbeddedChatModel(taxonomy, checkers, 0, 0);
    Map<String, String> whole = new HashMap<>();
    for (Candidate c : in) {
      String prompt = prompts.render("respond", Map.of("instruction", c.x2().render()));
      whole.put(c.id(), faithful.answer(List.of(UserMessage.from(prompt))).strip());
    }
    LlmSettings plain = LlmSettings.embedded().withRunId(UUID.randomUUID().toString());
    PCollectionTuple answered = p.apply("Answered", Create.of(in).withCoder(JsonCoder.of(Candidate.class)))
        .apply("RespondFaithful", GenerateResponses.forX2(new StepContext(prompts, taxonomy, plain, plain, 1, 0, 0)));
    PAssert.that(answered.get(CandidateStage.REJECTED)).empty();
    PAssert.that(answered.get(CandidateStage.KEPT)).satisfies(kept -> {
      int n = 0;
      for (Candidate c : kept) {
        assertEquals(whole.get(c.id()), c.y2(), "y2 answers x2");
        assertEquals("y1 of " + c.id(), c.y1(), "y1 is untouched");
        assertTrue(c.promptHashes().containsKey(Stages.RESPOND_Y2.id()));
        n++;
      }
      assertEquals(in.size(), n);
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void anEmptyResponseIsRejected(TestPipeline p) throws Exception {
    Instruction x = new Instruction("Explain how tides work.", List.of(), "");
    Plan plan = new Plan("p-empty", new Seed("s-empty", "Explain how tides work.", "", "explain", "test:1"), "train", 0,
        List.of(), "", Map.of());
    try (ScriptedServer blank = ScriptedServer.answering(" \n ")) {
      PCollectionTuple out = p.apply(Create.of(List.of(Candidate.of(plan).withX1(x))).withCoder(JsonCoder.of(Candidate.class)))
          .apply(GenerateResponses.forX1(blank.context()));
      PAssert.that(out.get(CandidateStage.KEPT)).empty();
      PAssert.that(out.get(CandidateStage.REJECTED)).satisfies(rs -> {
        List<String> got = new ArrayList<>();
        rs.forEach(r -> got.add(r.id() + " " + r.stage() + "/" + r.reason()));
        assertEquals(List.of("p-empty " + Stages.RESPOND_Y1.id() + "/empty_response"), got);
        return null;
      });
      p.run().waitUntilFinish();
    }
  }
}
