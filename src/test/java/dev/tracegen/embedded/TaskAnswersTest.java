package dev.tracegen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.check.Checkers;
import dev.tracegen.check.TextMetrics;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Json;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded generator's answers address the task: a naming task gets names, a list task its items. */
class TaskAnswersTest {
  static Taxonomy taxonomy;
  static Checkers checkers;
  static EmbeddedChatModel model;

  @BeforeAll
  static void load() {
    checkers = Checkers.load();
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent());
    model = new EmbeddedChatModel(taxonomy, checkers, 0, 0);
  }

  /** The answer to an instruction of {@code task} (first line) and {@code constraints}. */
  static String answer(String task, String... constraints) {
    return model.answer(List.of(UserMessage.from(task + "\n" + String.join("\n", constraints) + "\n")));
  }

  /** The top-level items of the answer's lists, markers removed. */
  static List<String> items(String response) {
    List<String> out = new ArrayList<>();
    for (String line : TextMetrics.plainText(response).split("\n")) {
      if (line.matches("^(?:\\d+[.)]|[-*•])\\s+.*")) {
        out.add(line.replaceFirst("^(?:\\d+[.)]|[-*•])\\s+", ""));
      }
    }
    return out;
  }

  static final String POTTERY = "Suggest ten possible names for a pottery studio, with a short reason for each, for a book club.";

  @Test
  void theTaskIsReadFromItsWording() {
    TaskCore names = TaskCore.read(POTTERY + "\nUse at least 2 emoji.\n");
    assertEquals(TaskCore.Kind.NAMES, names.kind());
    assertEquals(10, names.count());
    assertEquals("a pottery studio", names.subject());
    assertEquals("studio", names.head());
    assertTrue(names.reasons());
    TaskCore list = TaskCore.of("List five ways to reduce food waste at home.", "");
    assertEquals(TaskCore.Kind.LIST, list.kind());
    assertEquals(5, list.count());
    assertEquals("ways", list.noun());
    assertEquals("to reduce food waste at home", list.subject());
    assertTrue(!list.reasons());
    TaskCore email = TaskCore.of("Write a polite email to a teacher explaining why your child missed two days of school.", "");
    assertEquals(TaskCore.Kind.EMAIL, email.kind());
    assertEquals("teacher", email.head());
    assertEquals(TaskCore.Kind.SUMMARY, TaskCore.of("Summarise the following passage about a bird count in two sentences.",
        "Every January, thousands of people count birds.").kind());
    assertEquals("a bird count", TaskCore.of("Summarise the following passage about a bird count in two sentences.", "").subject());
    assertEquals(3, TaskCore.of("Give three tips for a first marathon.", "").count());
    assertEquals(TaskCore.Kind.TRANSLATION, TaskCore.of("Translate \"The museum is closed on Mondays.\" into French.", "").kind());
    assertEquals("why some flowers close at night",
        TaskCore.of("Explain to a ten-year-old why some flowers close at night.", "").subject());
  }

  @Test
  void aNamingTaskGetsThatManyNamesWithReasons() {
    String response = answer(POTTERY);
    List<String> names = items(response);
    assertEquals(10, names.size(), response);
    for (String n : names) {
      String name = n.substring(0, n.indexOf(" — "));
      assertTrue(name.matches(".*\\b(?:Pottery|Studio)\\b.*") || name.split(" ").length <= 3, response);
      assertTrue(n.indexOf(" — ") > 0 && n.length() > name.length() + 10, "no reason: " + n);
    }
    assertTrue(names.stream().filter(n -> n.matches("(?i).*\\b(?:pottery|studio)\\b.*")).count() >= 7, response);
    assertEquals(10, names.stream().map(n -> n.substring(0, n.indexOf(" — "))).distinct().count(), response);
    assertTrue(response.startsWith("Here are ten possible names for a pottery studio")
        || response.toLowerCase(Locale.ROOT).contains("pottery studio"), response);
  }

  @Test
  void aNameAndTaglineTaskGetsOneOfEach() {
    String response = answer("Come up with a catchy name and a tagline for a podcast about urban wildlife.");
    List<String> names = items(response);
    assertEquals(1, names.size(), response);
    assertTrue(names.get(0).contains(" — tagline: "), response);
    assertTrue(names.get(0).matches("(?i).*\\b(?:wildlife|urban|podcast)\\b.*"), response);
    assertTrue(response.startsWith("Here is one catchy name and tagline for a podcast about urban wildlife."), response);
  }

  @Test
  void aListConstraintFixesHowManyNames() {
    String list = "Include a numbered list with exactly 4 items.";
    String response = answer(POTTERY, list);
    List<String> names = items(response);
    assertEquals(4, names.size(), response);
    assertTrue(names.stream().allMatch(n -> n.contains(" — ")), response);
    assertTrue(passes("numbering_list", list, response), response);
    assertTrue(response.contains("four possible names") || response.contains("four names")
        || response.contains("four") || response.contains("Four"), response);
  }

  @Test
  void aListTaskGetsItsItemsAboutTheSubject() {
    String task = "List five ways to reduce food waste at home, for a study group.";
    List<String> items = items(answer(task));
    assertEquals(5, items.size(), items.toString());
    assertTrue(items.stream().allMatch(i -> i.matches("(?i).*\\b(?:food|waste|home)\\b.*")), items.toString());

    String bullets = "Include a bulleted list with exactly 3 items.";
    String response = answer(task, bullets);
    assertEquals(3, items(response).size(), response);
    assertTrue(items(response).stream().allMatch(i -> i.matches("(?i).*\\b(?:food|waste|home)\\b.*")), response);
    assertTrue(passes("numbering_list", bullets, response), response);
  }

  @Test
  void aForbiddenWordStaysOutOfNamesAndLists() {
    String ban = "Do not use the word \"pottery\" anywhere in the answer.";
    String response = answer(POTTERY, ban, "Include a bulleted list with exactly 6 items.");
    assertTrue(passes("exclusion", ban, response), response);
    assertEquals(6, items(response).size(), response);
    assertTrue(items(response).stream().noneMatch(i -> i.startsWith("that ") || i.contains(" that ")), response);
  }

  @Test
  void answersAreDeterministic() {
    String[] cs = {"Include a bulleted list with exactly 4 items.", "Adopt a formal tone throughout.",
        "Make sure the answer mentions the term \"glaze\"."};
    assertEquals(answer(POTTERY, cs), answer(POTTERY, cs));
    assertTrue(!answer(POTTERY).equals(answer(POTTERY.replace("a book club", "a youth club"))));
  }

  @Test
  void theTaskBanksShowNoJudgedMarkerOrForbiddenPattern() {
    List<String> wording = new ArrayList<>();
    for (List<String> bank : List.of(Phrases.NAME_PLACES, Phrases.NAME_ADJECTIVES, Phrases.NAME_PARTNERS,
        Phrases.NAME_REASONS, Phrases.TAGLINES, Phrases.ACTION_ITEMS, Phrases.IDEA_ITEMS, Phrases.POINT_ITEMS, Phrases.QUESTION_ITEMS,
        Phrases.STEP_ITEMS, Phrases.SHORT_ITEMS, Phrases.ITEM_REASONS, Phrases.SIGN_OFFS, Phrases.KEYWORD_SENTENCES)) {
      wording.addAll(bank);
    }
    Phrases.TASK_LEADS.values().forEach(wording::addAll);
    Phrases.TASK_MORE.values().forEach(wording::addAll);
    List<String> problems = new ArrayList<>();
    for (PhrasingMatch option : taxonomy.allOptions()) {
      for (String w : wording) {
        String text = w;
        for (String fill : List.of("clay", "ten", "ideas", "kiln", "glaze", "Sam", "notes")) {
          text = text.replaceFirst("%\\d?\\$?s", fill);
        }
        if (JudgeRules.trips(option, text)) {
          problems.add(option.phrasing().text() + " " + option.params() + ": " + w);
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** Whether {@code response} meets {@code c}: its checker if any, else the embedded judge's rules. */
  static boolean meets(Constraint c, String response, String instruction) {
    var d = taxonomy.dimension(c.dimension());
    if (d.hasChecker()) {
      return checkers.get(d.checker()).orElseThrow().check(c, response).pass();
    }
    JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match(c.text()), response, instruction);
    return v.decided() && v.pass();
  }

  static boolean passes(String checker, String text, String response) {
    PhrasingMatch m = taxonomy.match(text);
    return checkers.get(checker).orElseThrow()
        .check(new Constraint("c", "t", m.dimension().id(), text, m.params()), response).pass();
  }

  /** One seed of the bank, as the expand step turns it into an instruction. */
  record Case(Seed seed, String instruction) {}

  static List<Case> sample(int n, int k0, long runSeed) throws IOException {
    List<String> lines = Files.readAllLines(Path.of("pipeline/seeds/seeds.jsonl"));
    Planner planner = new Planner(taxonomy, Map.of(), runSeed);
    List<Case> out = new ArrayList<>();
    int step = Math.max(1, lines.size() / n);
    for (int i = 0; out.size() < n && i < lines.size() * 4; i++) {
      JsonNode j = Json.PLAIN.readTree(lines.get((i * step + i / lines.size()) % lines.size()));
      Seed seed = new Seed(j.path("id").asText(), j.path("instruction").asText(), j.path("input").asText(),
          j.path("family").asText(), "test:1");
      Plan plan = planner.plan("p" + i, seed, "train", k0 + i % 9);
      if (plan != null) {
        out.add(new Case(seed, expand(plan)));
      }
    }
    return out;
  }

  static String expand(Plan plan) {
    ObjectNode payload = Json.PLAIN.createObjectNode();
    payload.put("key", plan.id());
    payload.put("seed", plan.seed().instruction());
    payload.put("input", plan.input());
    ArrayNode cs = payload.putArray("constraints");
    for (Constraint k : plan.constraints()) {
      ObjectNode entry = cs.addObject().put("dimension", k.dimension()).put("text", k.text());
      entry.set("choose", Json.PLAIN.valueToTree(new TreeMap<>(plan.choicesOf(k.id()))));
    }
    return EmbeddedSteps.expand(payload);
  }

  @Test
  void seedBankAnswersMeetEveryConstraintAndTalkAboutTheTask() throws IOException {
    List<Case> cases = sample(360, 1, 5);
    assertTrue(cases.size() >= 300, "cases " + cases.size());
    List<String> failures = new ArrayList<>();
    int onTopic = 0;
    for (Case c : cases) {
      String response = model.answer(List.of(UserMessage.from(c.instruction())));
      EmbeddedSteps.ParsedInstruction parsed = EmbeddedSteps.parseInstruction(taxonomy, c.instruction());
      List<String> forbidden = new ArrayList<>();
      for (int i = 0; i < parsed.constraints().size(); i++) {
        PhrasingMatch m = parsed.matches().get(i);
        Constraint constraint = new Constraint("c" + i, m.dimension().type(), m.dimension().id(),
            parsed.constraints().get(i), m.params());
        if (m.dimension().id().equals("exclusion")) {
          forbidden.add(String.valueOf(m.params().get("keyword")).toLowerCase(Locale.ROOT));
        }
        if (!meets(constraint, response, c.instruction())) {
          failures.add(m.dimension().id() + ": " + constraint.text() + "\n" + c.instruction() + "----\n" + response);
        }
      }
      String lower = response.toLowerCase(Locale.ROOT);
      if (TaskWords.of(c.seed().instruction()).all().stream().map(w -> w.toLowerCase(Locale.ROOT))
          .filter(w -> !forbidden.contains(w))
          .anyMatch(w -> Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(lower).find())) {
        onTopic++;
      }
    }
    double share = onTopic / (double) cases.size();
    System.out.println("seed-bank answers: " + cases.size() + ", failing constraints " + failures.size()
        + ", on topic " + share);
    assertTrue(failures.isEmpty(), failures.size() + " failures, first:\n" + (failures.isEmpty() ? "" : failures.get(0)));
    assertTrue(share >= 0.95, "answers that use a word of the task: " + share);
  }
}
