package dev.tracegen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.check.TextMetrics;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Seed;
import dev.tracegen.plan.Planner;
import dev.tracegen.taxonomy.Dimension;
import dev.tracegen.taxonomy.Phrasing;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator writing Chinese: instructions, answers and judgements for a {@code zh} taxonomy. */
class ChineseEmbeddedTest {
  static Taxonomy taxonomy;
  static Checkers checkers;
  static List<Seed> seeds;

  @BeforeAll
  static void load() throws IOException {
    checkers = Checkers.load();
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), id -> checkers.get(id).isPresent(), "zh");
    seeds = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("pipeline/seeds/zh/seeds.jsonl")).subList(0, 400)) {
      JsonNode s = Json.PLAIN.readTree(line);
      seeds.add(new Seed(s.path("id").asText(), s.path("instruction").asText(), s.path("input").asText(),
          s.path("family").asText(), "test:1"));
    }
  }

  static boolean meets(Constraint c, String response, String instruction) {
    Dimension d = taxonomy.dimension(c.dimension());
    Optional<Checker> checker = d.hasChecker() ? checkers.get(d.checker()) : Optional.empty();
    if (checker.isPresent()) {
      return checker.get().check(c, response).pass();
    }
    JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match(c.text()), response, instruction);
    return v.decided() && v.pass();
  }

  static String why(Constraint c, String response, String instruction) {
    Dimension d = taxonomy.dimension(c.dimension());
    Optional<Checker> checker = d.hasChecker() ? checkers.get(d.checker()) : Optional.empty();
    return checker.isPresent() ? checker.get().check(c, response).reason()
        : JudgeRules.judge(taxonomy.match(c.text()), response, instruction).reason();
  }

  /** Han letters among all letters. */
  static double hanShare(String text) {
    long letters = text.codePoints().filter(Character::isLetter).count();
    long han = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
    return letters == 0 ? 0 : han / (double) letters;
  }

  @Test
  void chineseAnswersMeetPlannedConstraintsAcrossAllSizesAndAreChinese() {
    EmbeddedChatModel model = new EmbeddedChatModel(taxonomy, checkers, 0, 0);
    Planner planner = new Planner(taxonomy, Map.of(), 7);
    Map<String, Integer> failures = new TreeMap<>();
    int plans = 0;
    int compliant = 0;
    int chinese = 0;
    for (int i = 0; i < 500; i++) {
      Plan plan = planner.plan("p" + i, seeds.get(i % seeds.size()), "train", 1 + (i % 15));
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
            System.out.println("FAIL " + c.text() + " " + why(c, response, x.render()) + "\n" + x.render() + "\n----\n"
                + response + "\n=====");
          }
        }
      }
      compliant += all ? 1 : 0;
      chinese += hanShare(response) >= 0.5 ? 1 : 0;
    }
    double rate = compliant / (double) plans;
    System.out.println("embedded zh compliance " + compliant + "/" + plans + ", Chinese " + chinese + "; failures " + failures);
    assertTrue(plans > 440, "planner drew " + plans);
    assertTrue(rate > 0.93, "compliance " + rate + " failures " + failures);
    assertTrue(chinese >= 0.99 * plans, chinese + " of " + plans + " answers are mostly Han");
  }

  @Test
  void expandWritesAChineseDescriptionAndFillsTaskWordsFromTheSeed() {
    JsonNode payload = Json.PLAIN.createObjectNode().put("step", "expand").put("key", "p1")
        .put("seed", "为新建的城市湿地公园开园写一份活动通知。").put("input", "")
        .set("constraints", Json.PLAIN.createArrayNode().add(Json.PLAIN.createObjectNode()
            .put("dimension", "inclusion").put("text", "回答中须提及“{keyword}”这一术语。")
            .set("choose", Json.PLAIN.createObjectNode().set("keyword",
                Json.PLAIN.createObjectNode().put("kind", "TASK_WORD")))));
    String out = EmbeddedSteps.expand(payload, Voice.CHINESE);
    String[] lines = out.split("\n");
    assertTrue(lines[0].startsWith("为新建的城市湿地公园开园写一份活动通知，") && lines[0].endsWith("。"), lines[0]);
    assertTrue(Pattern.compile("回答中须提及“(城市|湿地|公园|城市湿地公园|活动|通知)”这一术语。").matcher(lines[1]).matches(), lines[1]);
    assertTrue(hanShare(out) > 0.95, out);
  }

  @Test
  void termsOfAChineseTaskAreItsNounsAndCompounds() {
    TaskWords park = TaskWords.ofChinese("为新建的城市湿地公园开园写一份活动通知");
    assertTrue(park.all().containsAll(List.of("城市", "湿地", "公园")), park.all().toString());
    assertTrue(park.phrases().contains("城市湿地公园"), park.phrases().toString());
    TaskWords gym = TaskWords.ofChinese("从下面这条关于一家健身房的评价中分别列出优点和缺点");
    assertTrue(gym.all().contains("健身房"), gym.all().toString());
    assertFalse(gym.all().stream().anyMatch(w -> w.startsWith("一") || w.equals("优点")), gym.all().toString());
    TaskWords quoted = TaskWords.ofChinese("就“在中小学普及游泳课”这个提议，写一篇正方辩论稿。");
    assertTrue(quoted.all().contains("中小学"), quoted.all().toString());
    // One instruction never both asks for and forbids overlapping terms (they share characters).
    String picked = park.pick("k", List.of("城市湿地公园"), ZhPhrases.FALLBACK_TERMS, true);
    assertFalse(picked.contains("城市") || picked.contains("湿地") || picked.contains("公园"), picked);
  }

  @Test
  void aForbiddenChineseWordIsReplacedAndTheCharacterCountKept() {
    String text = "我们去商场买东西，商场很大。学习Python很有用，Pythons也是。";
    String out = Voice.CHINESE.avoid(text, List.of("商场", "Python"));
    assertFalse(out.contains("商场") || out.contains("Python"), out);
    assertEquals(TextMetrics.words(text), TextMetrics.words(out), out);
    assertEquals(TextMetrics.sentences(text), TextMetrics.sentences(out), out);
    assertTrue(Voice.CHINESE.clean(out, List.of("商场")));
    assertFalse(Voice.CHINESE.clean(text, List.of("商场")));
    for (int n = 1; n <= 9; n++) {
      String word = "字".repeat(n);
      assertEquals(n, TextMetrics.words(Voice.standIn(word)), word);
    }
  }

  @Test
  void theJudgeReadsChineseSentencesAndTellsACopyFromAnAnswer() {
    String instruction = "介绍一下城市湿地公园的作用，面向读书会。\n通篇采用正式的语气。";
    AnswerText copied = AnswerText.read("介绍一下城市湿地公园的作用，面向读书会。据此，特此说明。", instruction, List.of());
    assertEquals(2, copied.segments().size(), copied.segments().toString());
    assertTrue(copied.segments().get(0).copied(), "ten characters in a row from the instruction");
    assertFalse(copied.segments().get(1).copied());
    AnswerText own = AnswerText.read("湿地公园可以调节气候。正式的语气贯穿全文！", instruction, List.of());
    assertTrue(own.segments().stream().noneMatch(AnswerText.Segment::copied), "short shared phrases are no copy");
  }

  /** The fixed Chinese wording never carries a value's markers nor a constraint's terms. */
  @Test
  void fixedChineseWordingSatisfiesNoConstraintByAccident() {
    List<String> wording = new ArrayList<>(ZhPhrases.FILLERS);
    for (List<String> bank : List.of(ZhPhrases.ITEMS, ZhPhrases.HEADINGS, ZhPhrases.OPENING_LEADS,
        ZhPhrases.OPENING_TURNS, ZhPhrases.KEYWORD_SENTENCES, ZhPhrases.CONTEXTS, ZhPhrases.ACTION_ITEMS,
        ZhPhrases.IDEA_ITEMS, ZhPhrases.POINT_ITEMS, ZhPhrases.QUESTION_ITEMS, ZhPhrases.STEP_ITEMS,
        ZhPhrases.SHORT_ITEMS, ZhPhrases.ITEM_REASONS, ZhPhrases.SIGN_OFFS, ZhPhrases.REFERENCES)) {
      wording.addAll(bank);
    }
    ZhPhrases.TASK_LEADS.values().forEach(wording::addAll);
    ZhPhrases.TASK_MORE.values().forEach(wording::addAll);
    List<String> problems = new ArrayList<>();
    for (Dimension d : taxonomy.dimensions()) {
      for (Phrasing p : d.phrasings()) {
        if (p.judge() == null) {
          continue;
        }
        for (var e : p.judge().values().entrySet()) {
          for (String marker : e.getValue().markers()) {
            for (String w : wording) {
              if (JudgeRules.regex(marker).matcher(w).find()) {
                problems.add("\"" + w + "\" shows " + d.id() + " " + e.getKey() + " (" + marker + ")");
              }
            }
          }
        }
      }
    }
    for (Taxonomy.PhrasingMatch option : taxonomy.allOptions()) {
      for (String param : List.of("keyword", "field", "group", "detail", "role", "audience", "marker", "step",
          "stage", "city", "fact", "tone", "emotion", "device", "structure", "layout", "pattern_name")) {
        Object v = option.params().get(param);
        if (v != null && String.valueOf(v).length() >= 2) {
          wording.stream().filter(w -> w.contains(String.valueOf(v)))
              .forEach(w -> problems.add("\"" + w + "\" contains " + param + " \"" + v + "\""));
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    for (String w : wording) {
      assertFalse(w.replaceAll("%\\d\\$s|%s", "").matches(".*[0-9A-Za-z].*"),
          "no digits or Latin letters in fixed Chinese wording: " + w);
    }
  }

  /** Quoted text (answer or rule wording, whatever its language) taken out of a reason. */
  private static final Pattern QUOTED = Pattern.compile("“[^”]*”");

  @Test
  void judgementsOfAChineseRunGiveTheirReasonsInChinese() throws IOException {
    // Half the answers miss a constraint on purpose, so that failing reasons are written too.
    EmbeddedChatModel model = new EmbeddedChatModel(taxonomy, checkers, 0.5, 0);
    Planner planner = new Planner(taxonomy, Map.of(), 11);
    int reasons = 0;
    int failed = 0;
    for (int i = 0; i < 150; i++) {
      Plan plan = planner.plan("j" + i, seeds.get(i % seeds.size()), "train", 1 + (i % 15));
      if (plan == null) {
        continue;
      }
      Instruction x = Filled.instruction(taxonomy, plan);
      String response = model.answer(List.of(UserMessage.from(x.render())));
      com.fasterxml.jackson.databind.node.ObjectNode payload = Json.PLAIN.createObjectNode();
      payload.put("step", "judge").put("response", response).put("instruction", x.render());
      com.fasterxml.jackson.databind.node.ArrayNode cs = payload.putArray("constraints");
      int index = 1;
      for (Constraint c : x.constraints()) {
        cs.addObject().put("index", index++).put("dimension", c.dimension()).put("text", c.text())
            .set("params", Json.PLAIN.valueToTree(c.params()));
      }
      JsonNode out = Json.PLAIN.readTree(EmbeddedSteps.judge(taxonomy, checkers, payload, Voice.CHINESE));
      for (JsonNode score : out.path("scores")) {
        String reason = score.path("reason").asText();
        String own = QUOTED.matcher(reason).replaceAll("");
        assertTrue(hanShare(own) == 1.0, "a reason in Chinese outside its quotes: " + reason);
        reasons++;
        failed += score.path("score").asInt() < 10 ? 1 : 0;
      }
    }
    System.out.println("Chinese judgement reasons: " + reasons + ", of failed constraints " + failed);
    assertTrue(reasons > 500 && failed > 50, reasons + " reasons, " + failed + " failing");
  }
}
