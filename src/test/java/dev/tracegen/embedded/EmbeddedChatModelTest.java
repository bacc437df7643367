package dev.tracegen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Phrasing;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's responses must really satisfy what it was asked, as the checkers see it. */
class EmbeddedChatModelTest {
  static Taxonomy taxonomy;
  static Checkers checkers;

  @BeforeAll
  static void load() {
    checkers = Checkers.load();
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
  }

  /** Whether {@code response} meets constraint {@code c}: checker if any, else the embedded judge's rules. */
  static boolean meets(Constraint c, String response, String instruction) {
    Dimension d = taxonomy.dimension(c.dimension());
    Optional<Checker> checker = d.hasChecker() ? checkers.get(d.checker()) : Optional.empty();
    if (checker.isPresent()) {
      return checker.get().check(c, response).pass();
    }
    JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match(c.text()), response, instruction);
    return v.decided() && v.pass();
  }

  @Test
  void responsesMeetPlannedConstraintsAcrossAllSizes() {
    EmbeddedChatModel model = new EmbeddedChatModel(taxonomy, checkers, 0, 0);
    Planner planner = new Planner(taxonomy, Map.of(), 7);
    Map<String, Integer> failures = new TreeMap<>();
    int plans = 0;
    int compliant = 0;
    for (int i = 0; i < 1500; i++) {
      Seed seed = new Seed("s" + (i % 40), "Write a short piece about community gardens number " + (i % 40) + ".",
          i % 5 == 0 ? "Gardens: North Plot, River Plot." : "", "writing", "test:1");
      int k = 1 + (i % 15);
      Plan plan = planner.plan("p" + i, seed, "train", k);
      if (plan == null) {
        continue;
      }
      plans++;
      Instruction x = Filled.instruction(taxonomy, plan);
      String response = model.answer(List.of(UserMessage.from(x.render())));
      boolean all = true;
      for (Constraint c : x.constraints()) {
        if (!meets(c, response, x.render())) {
          all = false;
          failures.merge(c.dimension() + ":" + c.text(), 1, Integer::sum);
          if (System.getenv("DEBUG_EMBEDDED") != null) {
            System.out.println("FAIL " + c.text() + "\n" + x.render() + "\n----\n" + response + "\n=====");
          }
        }
      }
      compliant += all ? 1 : 0;
    }
    double rate = compliant / (double) plans;
    System.out.println("embedded compliance " + compliant + "/" + plans + " failures " + failures);
    assertTrue(plans > 1400, "planner drew " + plans);
    assertTrue(rate > 0.93, "compliance " + rate + " failures " + failures);
  }

  @Test
  void nonComplianceKnobBreaksAboutThatShare() {
    EmbeddedChatModel model = new EmbeddedChatModel(taxonomy, checkers, 0.2, 0);
    Planner planner = new Planner(taxonomy, Map.of(), 11);
    int broken = 0;
    int n = 0;
    for (int i = 0; i < 600; i++) {
      Seed seed = new Seed("s" + i, "Describe a walk along a quiet river.", "", "writing", "t:1");
      Plan plan = planner.plan("q" + i, seed, "train", 1 + (i % 6));
      Instruction x = Filled.instruction(taxonomy, plan);
      String response = model.answer(List.of(UserMessage.from(x.render())));
      n++;
      if (x.constraints().stream().anyMatch(c -> !meets(c, response, x.render()))) {
        broken++;
      }
    }
    double share = broken / (double) n;
    assertTrue(share > 0.12 && share < 0.3, "broken share " + share);
  }

  @Test
  void answersAreDeterministic() {
    EmbeddedChatModel model = new EmbeddedChatModel(taxonomy, checkers, 0.2, 0.1);
    Planner planner = new Planner(taxonomy, Map.of(), 3);
    Seed seed = new Seed("s1", "Explain how tides work.", "", "qa", "t:1");
    Plan plan = planner.plan("d1", seed, "train", 6);
    String prompt = Filled.instruction(taxonomy, plan).render();
    assertEquals(model.answer(List.of(UserMessage.from(prompt))), model.answer(List.of(UserMessage.from(prompt))));
  }

  @Test
  void everyPhrasingOptionIsRecoveredFromItsText() {
    for (Taxonomy.PhrasingMatch option : taxonomy.allOptions()) {
      String text = Phrasing.fill(option.phrasing().text(), option.params());
      Taxonomy.PhrasingMatch m = taxonomy.match(text);
      assertNotNull(m, text);
      assertEquals(option.dimension().id(), m.dimension().id(), text);
      assertEquals(option.params().toString(), m.params().toString(), text);
    }
  }

  @Test
  void fixedWordingNeverSatisfiesAConstraintByAccident() {
    List<String> wording = new java.util.ArrayList<>(Phrases.FILLERS);
    wording.addAll(Phrases.ITEMS);
    wording.addAll(Phrases.HEADINGS);
    wording.addAll(Phrases.CONTEXTS);
    wording.addAll(Phrases.KEYWORD_SENTENCES);
    wording.addAll(Phrases.OPENING_LEADS);
    wording.addAll(Phrases.OPENING_TURNS);
    // The task content's banks too: names, items, reasons and the sentences that do a task.
    for (List<String> bank : List.of(Phrases.NAME_PATTERNS, Phrases.NAME_PLACES, Phrases.NAME_ADJECTIVES,
        Phrases.NAME_PARTNERS, Phrases.NAME_REASONS, Phrases.TAGLINES, Phrases.ACTION_ITEMS, Phrases.IDEA_ITEMS, Phrases.POINT_ITEMS,
        Phrases.QUESTION_ITEMS, Phrases.STEP_ITEMS, Phrases.SHORT_ITEMS, Phrases.ITEM_REASONS, Phrases.SIGN_OFFS)) {
      wording.addAll(bank);
    }
    Phrases.TASK_LEADS.values().forEach(wording::addAll);
    Phrases.TASK_MORE.values().forEach(wording::addAll);
    for (Taxonomy.PhrasingMatch option : taxonomy.allOptions()) {
      for (String param : List.of("keyword", "field", "group", "detail", "role", "audience", "marker", "step",
          "stage", "city", "fact", "tone", "emotion", "device", "structure", "layout", "pattern_name")) {
        Object v = option.params().get(param);
        if (v == null) {
          continue;
        }
        Pattern term = Pattern.compile("(?i)\\b" + Pattern.quote(String.valueOf(v)) + "\\b");
        for (String w : wording) {
          assertTrue(!term.matcher(w).find(), "\"" + w + "\" contains " + param + " \"" + v + "\"");
        }
      }
    }
  }
}
