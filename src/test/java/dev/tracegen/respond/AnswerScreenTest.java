package dev.tracegen.respond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.check.Checkers;
import dev.tracegen.embedded.Filled;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.embedded.Persona;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refusals and answers in another language are caught, and good responses are not. */
class AnswerScreenTest {
  static Taxonomy taxonomy;
  static Checkers checkers;
  static final List<Instruction> instructions = new ArrayList<>();

  @BeforeAll
  static void load() {
    checkers = Checkers.load();
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
    Planner planner = new Planner(taxonomy, Map.of(), 5);
    for (int i = 0; instructions.size() < 400 && i < 4000; i++) {
      Seed seed = new Seed("s" + i, "Explain how a small bakery could cut food waste, case " + i + ".",
          i % 4 == 0 ? "Items: bread, cakes." : "", "advice", "test:1");
      Plan plan = planner.plan("p" + i, seed, "train", 1 + (i % 12));
      if (plan != null) {
        instructions.add(Filled.instruction(taxonomy, plan));
      }
    }
  }

  static EmbeddedChatModel persona(String rates) {
    return new EmbeddedChatModel(taxonomy, checkers, 0, 0, Persona.of(Persona.REALISTIC_NAME, rates));
  }

  static String answer(EmbeddedChatModel model, Instruction x) {
    return model.answer(List.of(UserMessage.from(x.render())));
  }

  @Test
  void faithfulResponsesPassBothScreens() {
    EmbeddedChatModel faithful = new EmbeddedChatModel(taxonomy, checkers, 0, 0);
    for (Instruction x : instructions) {
      String r = answer(faithful, x);
      assertFalse(AnswerScreen.refusal(r), r);
      assertEquals(java.util.Optional.empty(), AnswerScreen.wrongLanguage(x.render(), r), r);
    }
  }

  @Test
  void everyRefusalOfThePersonaIsCaught() {
    EmbeddedChatModel refusing = persona("refusal=1,truncate=0,wrongLanguage=0");
    for (Instruction x : instructions.subList(0, 60)) {
      assertTrue(AnswerScreen.refusal(answer(refusing, x)), answer(refusing, x));
    }
    assertTrue(AnswerScreen.refusal("  **I’m sorry, but I cannot** write that."));
    assertTrue(AnswerScreen.refusal("As an AI language model, I cannot fulfil this request."));
    assertFalse(AnswerScreen.refusal("I'm sorry to hear about the bakery; here is a plan that helps."));
    assertFalse(AnswerScreen.refusal("Bakers often say: I can't stand waste. Here is how to cut it."));
    assertFalse(AnswerScreen.refusal("Avoid openings like \"I'm sorry, but I can't\" in customer emails."));
  }

  @Test
  void everyAnswerInAnotherLanguageIsCaught() {
    EmbeddedChatModel french = persona("wrongLanguage=1,refusal=0,truncate=0");
    for (Instruction x : instructions.subList(0, 60)) {
      String r = answer(french, x);
      assertTrue(AnswerScreen.wrongLanguage(x.render(), r).isPresent(), x.render() + "\n---\n" + r);
    }
    String en = "Explain how a small bakery could cut food waste for the staff.";
    assertTrue(AnswerScreen.wrongLanguage(en, "这是一个简短的总结。面包店可以减少浪费，这是一个很好的方法，可以节省成本。").isPresent());
    assertTrue(AnswerScreen.wrongLanguage(en, "Die Bäckerei kann Abfall reduzieren, und das ist nicht schwer, "
        + "wenn man mit einer Liste arbeitet und die Reste spendet.").isPresent());
  }

  @Test
  void otherLanguagesThatWereAskedForAreKept() {
    String zh = "这是一个简短的总结。面包店可以减少浪费，这是一个很好的方法，可以节省成本。";
    assertFalse(AnswerScreen.wrongLanguage("Translate the following note into Chinese for the staff.", zh).isPresent());
    assertFalse(AnswerScreen.wrongLanguage("请解释面包店如何减少浪费。", zh).isPresent());
    assertFalse(AnswerScreen.wrongLanguage("Write the note in Chinese for the staff, please.", zh)
        .isPresent());
    assertTrue(AnswerScreen.wrongLanguage("Write a short note for the staff about waste.\nAdd one closing sentence "
        + "written in Chinese.", zh).isPresent());
    assertFalse(AnswerScreen.wrongLanguage("Explain how a bakery could cut waste.",
        "| Item | Waste |\n|---|---|\n| Bread | 12 |\n| Cakes | 4 |").isPresent());
  }
}
