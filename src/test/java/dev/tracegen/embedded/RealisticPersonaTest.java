package dev.tracegen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.check.Checkers;
import dev.tracegen.judge.JudgeSchema;
import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.llm.SchemaCheck;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.structure.InstructionParser;
import dev.tracegen.structure.StructureSchema;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each habit of the realistic persona really shows, at about its rate, deterministically, and
 * only where it is switched on; the faithful persona is unchanged.
 */
class RealisticPersonaTest {
  static final String[] HABITS = {"fence", "sloppyJson", "paraphrase", "wrongParams", "countMiss", "ignoreDont",
      "truncate", "refusal", "judgeFormat", "wrongLanguage"};
  static Taxonomy taxonomy;
  static Checkers checkers;
  static EmbeddedChatModel faithful;
  static List<Instruction> instructions = new ArrayList<>();

  @BeforeAll
  static void load() {
    checkers = Checkers.load();
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
    faithful = new EmbeddedChatModel(taxonomy, checkers, 0, 0);
    EmbeddedChatModelTest.load();
    Planner planner = new Planner(taxonomy, Map.of(), 11);
    for (int i = 0; instructions.size() < 600 && i < 5000; i++) {
      Seed seed = new Seed("s" + i, "Write a short piece about city parks, take " + i + ".",
          i % 5 == 0 ? "Parks: North Green, River Walk." : "", "writing", "test:1");
      Plan plan = planner.plan("p" + i, seed, "train", 2 + (i % 6));
      if (plan != null) {
        instructions.add(Filled.instruction(taxonomy, plan));
      }
    }
  }

  /** The realistic persona with every habit off except {@code habit} at {@code rate}. */
  static EmbeddedChatModel only(String habit, double rate) {
    StringBuilder rates = new StringBuilder();
    for (String h : HABITS) {
      rates.append(rates.length() == 0 ? "" : ",").append(h).append('=').append(h.equals(habit) ? rate : 0);
    }
    return new EmbeddedChatModel(taxonomy, checkers, 0, 0, Persona.of("realistic", rates.toString()));
  }

  static String payload(ObjectNode p) {
    return "Answer in JSON.\n```tracegen-payload\n" + p + "\n```";
  }

  static String structurePrompt(Instruction x) {
    return payload(Json.PLAIN.createObjectNode().put("step", "structure").put("instruction", x.render()));
  }

  static String expandPrompt(Instruction x, int i) {
    ObjectNode p = Json.PLAIN.createObjectNode().put("step", "expand").put("key", "k" + i)
        .put("seed", x.description()).put("input", x.input());
    ArrayNode cs = p.putArray("constraints");
    x.constraints().forEach(c -> cs.addObject().put("dimension", c.dimension()).put("text", c.text()));
    return payload(p);
  }

  static String judgePrompt(Instruction x) {
    ObjectNode p = Json.PLAIN.createObjectNode().put("step", "judge")
        .put("response", faithful.answer(ask(x.render())));
    ArrayNode cs = p.putArray("constraints");
    for (int i = 0; i < x.constraints().size(); i++) {
      Constraint c = x.constraints().get(i);
      cs.addObject().put("index", i + 1).put("dimension", c.dimension()).put("text", c.text())
          .set("params", Json.PLAIN.valueToTree(c.params()));
    }
    return payload(p);
  }

  static List<ChatMessage> ask(String prompt) {
    return List.of(UserMessage.from(prompt));
  }

  /** The share of {@code prompts} whose answer by {@code model} shows the habit, after checking determinism. */
  static double share(EmbeddedChatModel model, List<String> prompts, Predicate<Pair> shows) {
    int n = 0;
    for (String p : prompts) {
      String answer = model.answer(ask(p));
      assertEquals(answer, model.answer(ask(p)), "the same conversation gets the same answer");
      n += shows.test(new Pair(p, faithful.answer(ask(p)), answer)) ? 1 : 0;
    }
    return n / (double) prompts.size();
  }

  record Pair(String prompt, String faithful, String realistic) {}

  /** Within three standard errors of a share measured over {@code n} draws (at least 0.08). */
  static void assertNear(double expected, double actual, int n, String what) {
    double tolerance = Math.max(0.08, 3 * Math.sqrt(expected * (1 - expected) / n));
    assertTrue(Math.abs(expected - actual) <= tolerance, what + ": expected about " + expected + " (+-" + tolerance
        + " over " + n + "), got " + actual);
  }

  static void assertNear(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= 0.08, what + ": expected about " + expected + ", got " + actual);
  }

  static JsonNode strict(String text) {
    try {
      // A sentence after the JSON is as much a deviation as one before it.
      return Json.PLAIN.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  static JsonNode lenient(String text) {
    try {
      return InstructionParser.object(text);
    } catch (MalformedOutputException e) {
      throw new AssertionError(e.getMessage() + " in\n" + text);
    }
  }

  @Test
  void faithfulPersonaAndRealisticWithNoHabitAnswerAlike() {
    EmbeddedChatModel explicit = new EmbeddedChatModel(taxonomy, checkers, 0, 0, Persona.FAITHFUL);
    EmbeddedChatModel none = only("none", 0);
    for (Instruction x : instructions.subList(0, 100)) {
      for (String p : List.of(x.render(), structurePrompt(x), judgePrompt(x), expandPrompt(x, 1))) {
        assertEquals(faithful.answer(ask(p)), explicit.answer(ask(p)));
        assertEquals(faithful.answer(ask(p)), none.answer(ask(p)));
      }
    }
  }

  @Test
  void fencesAndProseAroundJsonAtTheirRate() {
    List<String> prompts = instructions.stream().map(RealisticPersonaTest::structurePrompt).toList();
    double share = share(only("fence", 0.3), prompts, p -> {
      assertEquals(strict(p.faithful()), lenient(p.realistic()), "the same JSON inside");
      return strict(p.realistic()) == null;
    });
    assertNear(0.3, share, "fenced or wrapped");
  }

  @Test
  void sloppyJsonAtItsRateReadsBackLeniently() {
    List<String> prompts = instructions.stream().map(RealisticPersonaTest::structurePrompt).toList();
    double share = share(only("sloppyJson", 0.3), prompts, p -> {
      assertEquals(strict(p.faithful()), lenient(p.realistic()), "the same JSON, leniently read");
      boolean sloppy = strict(p.realistic()) == null;
      if (sloppy) {
        assertTrue(p.realistic().contains("'description'") && p.realistic().contains(", }"), p.realistic());
      }
      return sloppy;
    });
    assertNear(0.3, share, "sloppy JSON");
  }

  @Test
  void paraphrasedConstraintsKeepTheirNumbersAndAreStillLabelled() {
    EmbeddedChatModel model = only("paraphrase", 0.5);
    int rewordable = 0;
    int reworded = 0;
    for (int i = 0; i < instructions.size(); i++) {
      Instruction x = instructions.get(i);
      String[] before = faithful.answer(ask(expandPrompt(x, i))).split("\n");
      String[] after = model.answer(ask(expandPrompt(x, i))).split("\n");
      assertEquals(before.length, after.length);
      for (int l = 0; l < before.length; l++) {
        if (Paraphrases.reword(before[l]) == null) {
          assertEquals(before[l], after[l]);
          continue;
        }
        rewordable++;
        if (!before[l].equals(after[l])) {
          reworded++;
          assertEquals(Paraphrases.reword(before[l]), after[l]);
          assertEquals(before[l].replaceAll("\\D+", " ").strip(), after[l].replaceAll("\\D+", " ").strip(),
              "numbers kept");
        }
      }
      // The structure step labels the reworded instruction as it labels the original, and keeps its wording.
      String reworded1 = String.join("\n", after);
      JsonNode original = strict(faithful.answer(ask(payload(Json.PLAIN.createObjectNode().put("step", "structure")
          .put("instruction", String.join("\n", before))))));
      JsonNode labelled = strict(model.answer(ask(payload(Json.PLAIN.createObjectNode().put("step", "structure")
          .put("instruction", reworded1)))));
      for (int c = 0; c < original.path("constraints").size(); c++) {
        JsonNode o = original.path("constraints").get(c);
        JsonNode r = labelled.path("constraints").get(c);
        assertEquals(o.path("dimension"), r.path("dimension"));
        assertEquals(o.path("params"), r.path("params"));
        assertTrue(reworded1.contains(r.path("text").asText()), "the structure answer keeps the wording");
      }
    }
    assertTrue(rewordable > 100, "enough rewordable constraints: " + rewordable);
    assertNear(0.5, reworded / (double) rewordable, "reworded");
  }

  @Test
  void wrongParamsAtTheirRateAndARepairIsAnsweredCorrectly() {
    EmbeddedChatModel model = only("wrongParams", 0.3);
    List<String> prompts = instructions.stream().map(RealisticPersonaTest::structurePrompt).toList();
    double share = share(model, prompts, p -> {
      boolean wrong = !p.faithful().equals(p.realistic());
      if (wrong) {
        JsonNode f = strict(p.faithful());
        JsonNode r = strict(p.realistic());
        int differences = 0;
        for (int c = 0; c < f.path("constraints").size(); c++) {
          assertEquals(f.path("constraints").get(c).path("text"), r.path("constraints").get(c).path("text"));
          differences += f.path("constraints").get(c).path("params").equals(r.path("constraints").get(c).path("params")) ? 0 : 1;
        }
        assertEquals(1, differences, "exactly one constraint's params are wrong");
        List<ChatMessage> repair = List.of(UserMessage.from(p.prompt()), AiMessage.from(p.realistic()),
            UserMessage.from("Your previous answer could not be used: a parameter disagrees with its text."));
        assertEquals(p.faithful(), model.answer(repair), "a repair re-ask is answered correctly");
      }
      return wrong;
    });
    // Nearly every planned instruction has a number or keyword to get wrong.
    assertNear(0.3, share, "wrong params");
  }

  @Test
  void countsMissedByALittleAtTheirRate() {
    EmbeddedChatModel model = only("countMiss", 0.4);
    List<Instruction> counted = instructions.stream().filter(x -> x.constraints().stream()
        .anyMatch(c -> "numerical".equals(taxonomy.dimension(c.dimension()).checker())
            || "numbering_list".equals(taxonomy.dimension(c.dimension()).checker())))
        .toList();
    assertTrue(counted.size() > 100, "enough instructions with a count: " + counted.size());
    int missed = 0;
    int changed = 0;
    for (Instruction x : counted) {
      String f = faithful.answer(ask(x.render()));
      String r = model.answer(ask(x.render()));
      if (f.equals(r)) {
        continue;
      }
      changed++;
      if (x.constraints().stream().anyMatch(c -> EmbeddedChatModelTest.meets(c, f, x.render()) && !EmbeddedChatModelTest.meets(c, r, x.render()))) {
        missed++;
      }
    }
    double share = changed / (double) counted.size();
    assertTrue(share > 0.25 && share <= 0.45, "changed share " + share);
    assertTrue(missed >= 0.9 * changed, "a changed response misses a constraint: " + missed + " of " + changed);
  }

  @Test
  void prohibitionsIgnoredAtTheirRate() {
    EmbeddedChatModel model = only("ignoreDont", 0.4);
    List<Instruction> forbidding = instructions.stream().filter(x -> x.constraints().stream()
        .anyMatch(c -> "exclusion".equals(c.dimension()) || "no_emoji".equals(c.params().get("pattern"))
            || "no_bold".equals(c.params().get("pattern")))).toList();
    assertTrue(forbidding.size() > 40, "enough instructions with a prohibition: " + forbidding.size());
    int breached = 0;
    for (Instruction x : forbidding) {
      String r = model.answer(ask(x.render()));
      boolean breaks = x.constraints().stream().filter(c -> "exclusion".equals(c.dimension())
              || "no_emoji".equals(c.params().get("pattern")) || "no_bold".equals(c.params().get("pattern")))
          .anyMatch(c -> !EmbeddedChatModelTest.meets(c, r, x.render()));
      breached += breaks ? 1 : 0;
      assertEquals(breaks, !r.equals(faithful.answer(ask(x.render()))), x.render() + "\n----\n" + r);
    }
    assertNear(0.4, breached / (double) forbidding.size(), forbidding.size(), "prohibitions ignored");
  }

  @Test
  void truncatedAnswersEndMidSentenceWithFinishReasonLength() {
    EmbeddedChatModel model = only("truncate", 0.3);
    List<String> prompts = new ArrayList<>();
    instructions.forEach(x -> prompts.add(prompts.size() % 2 == 0 ? x.render() : structurePrompt(x)));
    int cut = 0;
    for (String p : prompts) {
      ChatResponse r = model.chat(ChatRequest.builder().messages(ask(p)).build());
      String full = faithful.answer(ask(p));
      if (r.finishReason() == FinishReason.LENGTH) {
        cut++;
        String text = r.aiMessage().text();
        assertTrue(full.startsWith(text) && text.length() < full.length(), "a prefix of the full answer");
        assertFalse(text.matches("(?s).*[.!?]$"), "ends mid-sentence: " + text);
      } else {
        assertEquals(FinishReason.STOP, r.finishReason());
        assertEquals(full, r.aiMessage().text());
      }
    }
    assertNear(0.3, cut / (double) prompts.size(), "truncated");
  }

  @Test
  void refusalsAndOtherLanguagesAtTheirRates() {
    List<String> prompts = instructions.stream().map(Instruction::render).toList();
    double refused = share(only("refusal", 0.2), prompts, p -> {
      boolean r = !p.realistic().equals(p.faithful());
      assertTrue(!r || RealisticPersona.REFUSALS.contains(p.realistic()), p.realistic());
      return r;
    });
    assertNear(0.2, refused, "refusals");
    double foreign = share(only("wrongLanguage", 0.2), prompts, p -> {
      boolean r = !p.realistic().equals(p.faithful());
      assertTrue(!r || RealisticPersona.FRENCH.stream().anyMatch(p.realistic()::contains)
          || RealisticPersona.SPANISH.stream().anyMatch(p.realistic()::contains), p.realistic());
      return r;
    });
    assertNear(0.2, foreign, "other languages");
  }

  @Test
  void judgeAnswersInOtherFormatsAtTheirRate() {
    List<String> prompts = instructions.subList(0, 400).stream().map(RealisticPersonaTest::judgePrompt).toList();
    double share = share(only("judgeFormat", 0.4), prompts, p -> !p.faithful().equals(p.realistic()));
    // A single reversed score or a missing overall on an answer without one cannot always be told apart.
    assertTrue(share > 0.3 && share <= 0.45, "judge formats: " + share);
  }

  @Test
  void underAJsonSchemaOnlyFaultsOfContentShow() {
    EmbeddedChatModel model = new EmbeddedChatModel(taxonomy, checkers, 0, 0, Persona.of("realistic",
        "fence=1,sloppyJson=1,judgeFormat=1,wrongParams=0.3,paraphrase=0,countMiss=0,ignoreDont=0,truncate=0,"
            + "refusal=0,wrongLanguage=0"));
    ResponseFormat structureFormat = ResponseFormat.builder().type(ResponseFormatType.JSON)
        .jsonSchema(StructureSchema.SCHEMA).build();
    int wrongParams = 0;
    int reordered = 0;
    for (Instruction x : instructions.subList(0, 100)) {
      String structure = structurePrompt(x);
      assertEquals(null, strict(model.answer(ask(structure))), "without a schema the JSON is dressed or sloppy");
      String constrained = model.chat(ChatRequest.builder().messages(ask(structure)).responseFormat(structureFormat)
          .build()).aiMessage().text();
      JsonNode node = strict(constrained);
      assertTrue(node != null && SchemaCheck.problems(StructureSchema.SCHEMA.rootElement(), node).isEmpty(), constrained);
      wrongParams += constrained.equals(faithful.answer(ask(structure))) ? 0 : 1;
      String judged = model.reply(ask(judgePrompt(x)), true).text();
      JsonNode scores = strict(judged);
      assertTrue(scores != null && SchemaCheck.problems(JudgeSchema.SCHEMA.rootElement(), scores).isEmpty(), judged);
      reordered += judged.equals(faithful.answer(ask(judgePrompt(x)))) ? 0 : 1;
    }
    assertTrue(wrongParams > 10, "wrong params still show under a schema: " + wrongParams);
    assertTrue(reordered > 50, "judge answers still reorder or drop scores: " + reordered);
  }

  @Test
  void ratesParseValidateAndNeedTheRealisticPersona() {
    PersonaRates r = PersonaRates.parse("fence=0.5, refusal=0");
    assertEquals(0.5, r.fence());
    assertEquals(0, r.refusal());
    assertEquals(PersonaRates.DEFAULTS.truncate(), r.truncate());
    assertEquals(r, PersonaRates.parse(r.toString()));
    assertThrows(IllegalArgumentException.class, () -> PersonaRates.parse("fences=0.5"));
    assertThrows(IllegalArgumentException.class, () -> PersonaRates.parse("fence=1.5"));
    assertThrows(IllegalArgumentException.class, () -> PersonaRates.parse("fence=lots"));
    assertThrows(IllegalArgumentException.class, () -> Persona.of("faithful", "fence=0.5"));
    assertThrows(IllegalArgumentException.class, () -> Persona.of("chatty", ""));
    assertNotEquals(Persona.of("realistic", "").label(), Persona.FAITHFUL.label());
  }
}
