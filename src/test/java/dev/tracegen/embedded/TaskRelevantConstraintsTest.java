package dev.tracegen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Choice;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Params;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.structure.ParamValidator;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan leaves content params open; the simulator fills them from the task, within the taxonomy's ranges. */
class TaskRelevantConstraintsTest {
  static final Checkers CHECKERS = Checkers.load();
  static final Taxonomy TAXONOMY = TaxonomyLoader.load(Path.of("taxonomy"), CHECKERS);
  static final Seed KEYS = new Seed("s1", "Explain why people keep losing their house keys and how a small habit prevents it.",
      "", "qa", "t:1");

  @Test
  void openParamsStayPlaceholdersInThePlan() {
    Planner planner = new Planner(TAXONOMY, Map.of("inclusion", 1e6), 5);
    Plan plan = planner.plan("p1", KEYS, "train", 3);
    // Inclusion is repeatable and open: three mentions of three different task words.
    assertEquals(3, plan.constraints().size());
    for (Constraint c : plan.constraints()) {
      assertEquals("inclusion", c.dimension());
      assertTrue(c.text().contains("\"{keyword}\""), c.text());
      assertFalse(c.params().has("keyword"));
      assertEquals(Choice.Kind.TASK_WORD, plan.choicesOf(c.id()).get("keyword").kind());
    }
  }

  @Test
  void theSimulatorFillsKeywordsFromTheTaskAndNumbersWithinRange() {
    Set<String> keywords = new HashSet<>();
    Planner planner = new Planner(TAXONOMY, Map.of(), 9);
    ParamValidator validator = new ParamValidator(TAXONOMY);
    int numbers = 0;
    int taskWords = 0;
    int fallbacks = 0;
    for (int i = 0; i < 400; i++) {
      Plan plan = planner.plan("p" + i, KEYS, "train", 1 + i % 8);
      Instruction x = Filled.instruction(TAXONOMY, plan);
      for (Constraint c : x.constraints()) {
        assertFalse(c.text().contains("{"), c.text());
        assertEquals(List.of(), validator.problems(c, CHECKERS), c.text());
        Map<String, Choice> open = plan.choicesOf(c.id());
        for (Map.Entry<String, Choice> e : open.entrySet()) {
          Object value = c.params().get(e.getKey());
          assertTrue(e.getValue().allows(value), e.getKey() + "=" + value + " for " + e.getValue());
          if (e.getValue().kind() == Choice.Kind.TASK_WORD) {
            // A task that has run out of subject words (eight constraints on one short question) falls back to stock terms.
            boolean fromTask = KEYS.instruction().toLowerCase(Locale.ROOT).contains(String.valueOf(value).toLowerCase(Locale.ROOT));
            assertTrue(fromTask || Phrases.FALLBACK_TERMS.contains(value), value + " is neither a word of the task nor a fallback");
            if (fromTask) {
              keywords.add(String.valueOf(value));
            } else {
              fallbacks++;
            }
            taskWords++;
          } else {
            numbers++;
          }
        }
      }
      // The plan's fixed params come back unchanged.
      assertEquals(List.of(), validator.planProblems(x.constraints(), plan.constraints()));
    }
    assertTrue(keywords.size() >= 5, "task words used: " + keywords);
    assertTrue(fallbacks * 10 < taskWords, fallbacks + " fallback terms among " + taskWords + " task-word choices");
    assertFalse(keywords.contains("explain"), "an instruction verb is not a subject word");
    assertTrue(numbers > 50, "numbers chosen: " + numbers);
  }

  @Test
  void aForbiddenTaskWordIsKeptOutOfTheAnswer() {
    Instruction x = new Instruction(KEYS.instruction(), List.of(new Constraint("c1", "content", "exclusion",
        "Do not use the word \"keys\" anywhere in the answer.", Params.of("keyword", "keys"))), "");
    String response = new EmbeddedChatModel(TAXONOMY, CHECKERS, 0, 0).answer(List.of(UserMessage.from(x.render())));
    assertTrue(CHECKERS.get("exclusion").orElseThrow().check(x.constraints().get(0), response).pass(), response);
  }

  @Test
  void aChoiceOutsideTheParamsRangeOrWithoutPlaceholderIsRefusedAtLoad(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    for (String f : List.of("content.yaml", "format.yaml", "situation.yaml", "style.yaml", "example.yaml")) {
      java.nio.file.Files.copy(Path.of("taxonomy", f), dir.resolve(f));
    }
    Path content = dir.resolve("content.yaml");
    java.nio.file.Files.writeString(content, java.nio.file.Files.readString(content)
        .replace("choose: {min: {number: [4, 20]}}", "choose: {min: {number: [5, 9000]}}")
        .replace("choose: {max: {number: [6, 14]}}", "choose: {count: {number: [6, 14]}}"));
    List<String> problems = TaxonomyLoader.problems(dir, CHECKERS);
    assertTrue(problems.stream().anyMatch(p -> p.contains("chooses 'min' from 5-9000, outside the param's valid range 0-5000")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("chooses 'count': the text has no {count} placeholder")),
        problems.toString());
  }
}
