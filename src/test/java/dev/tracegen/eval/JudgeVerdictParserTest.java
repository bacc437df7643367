package dev.tracegen.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.llm.MalformedOutputException;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class JudgeVerdictParserTest {
  private static List<Double> scores(JudgeVerdict v) {
    return v.scores().stream().map(JudgeVerdict.ConstraintScore::score).toList();
  }

  @Test
  void readsTheOfficialFormatAsTheOfficialScriptDoes() throws Exception {
    String text = """
        Constraint 1 explanation: The slogan has 9 words, one more than the 8 allowed.
        Constraint 1 score: 3
        Constraint 2 explanation: Bread is never named.
        Constraint 2 score: 2
        Constraints Overall Score: [[2]]""";
    JudgeVerdict v = JudgeVerdictParser.parse(text, 2);
    assertEquals(2.0, v.overall());
    assertEquals(List.of(3.0, 2.0), scores(v));
    assertEquals("The slogan has 9 words, one more than the 8 allowed.", v.scores().get(0).explanation());
    Matcher official = JudgeVerdictParser.OFFICIAL.matcher(text);
    assertTrue(official.find());
    assertEquals(v.overall(), Double.parseDouble(official.group(1)), "the same figure as the official regex");
    assertTrue(v.complete(2));
    assertFalse(v.allFull(2));
  }

  @Test
  void readsTheChineseLayout() throws Exception {
    String text = """
        约束1 说明：广告语共 15 个字，超过了 10 个字的上限。
        约束1 得分：1
        约束2 说明：没有出现“面包”二字。
        约束2 得分：2分
        Constraints Overall Score: [[1]]""";
    JudgeVerdict v = JudgeVerdictParser.parse(text, 2);
    assertEquals(1.0, v.overall());
    assertEquals(List.of(1.0, 2.0), scores(v));
    assertEquals("广告语共 15 个字，超过了 10 个字的上限。", v.scores().get(0).explanation());
  }

  @Test
  void readsWhatRealJudgesWriteInstead() throws Exception {
    // Markdown emphasis, scores on the header line, "/10", a full-width colon, spaces in the brackets.
    String markdown = """
        **Constraint 1:** The answer uses a formal tone throughout. **Score: 10/10**
        **Constraint 2:** It has four bullet points, not five. **Score: 4/10**

        **Constraints Overall Score:** [[ 7 ]]""";
    JudgeVerdict v = JudgeVerdictParser.parse(markdown, 2);
    assertEquals(7.0, v.overall());
    assertEquals(List.of(10.0, 4.0), scores(v));

    String numbered = """
        1. The response is in JSON. Score: 10
        2. The response mentions the keyword twice. Score: 8.5
        Constraints Overall Score：[[9/10]]""";
    JudgeVerdict n = JudgeVerdictParser.parse(numbered, 2);
    assertEquals(9.0, n.overall());
    assertEquals(List.of(10.0, 8.5), scores(n));

    String chinese = """
        （1）语气正式，符合要求。评分：10
        （2）没有使用列表。评分：0
        总分：[[5]]""";
    JudgeVerdict c = JudgeVerdictParser.parse(chinese, 2);
    assertEquals(5.0, c.overall());
    assertEquals(List.of(10.0, 0.0), scores(c));

    // The brackets forgotten: the official label and a number are still the overall score.
    assertEquals(6.0, JudgeVerdictParser.parse("Constraint 1 score: 6\nConstraints Overall Score: 6", 1).overall());
    assertEquals(8.0, JudgeVerdictParser.parse("Overall score: [[8]]", 1).overall());
  }

  @Test
  void theLastOverallScoreIsTheVerdict() throws Exception {
    // A judge that echoes the worked example before its own verdict.
    String text = """
        Example: Constraints Overall Score: [[2]]
        Constraint 1 explanation: Met.
        Constraint 1 score: 10
        Constraints Overall Score: [[10]]""";
    JudgeVerdict v = JudgeVerdictParser.parse(text, 1);
    assertEquals(10.0, v.overall());
    assertTrue(v.allFull(1));
  }

  @Test
  void anOverallScoreWithoutPerConstraintScoresIsReadButIncomplete() throws Exception {
    JudgeVerdict v = JudgeVerdictParser.parse("The answer meets everything.\nConstraints Overall Score: [[10]]", 3);
    assertEquals(10.0, v.overall());
    assertTrue(v.scores().isEmpty());
    assertFalse(v.complete(3));
    assertTrue(v.allFull(3), "without per-constraint scores, all met means an overall 10");
  }

  @Test
  void scoresOfConstraintsThatDoNotExistAreIgnoredAndTheFirstScoreOfOneCounts() throws Exception {
    String text = """
        Constraint 1 score: 7
        Constraint 1 score: 9
        Constraint 4 score: 3
        Constraints Overall Score: [[7]]""";
    JudgeVerdict v = JudgeVerdictParser.parse(text, 2);
    assertEquals(1, v.scores().size());
    assertEquals(7.0, v.scores().get(0).score());
  }

  @Test
  void garbageIsAParseFailureNeverAZeroOrATen() {
    for (String garbage : List.of("", "   ", "I cannot judge this.", "Score: 10", "{\"overall\": 10}",
        "Constraints Overall Score: [[]]", "Constraints Overall Score: [[ten]]", "Constraints Overall Score: [[1.2.3]]",
        "Constraint 1 score: 10\nConstraint 2 score: 10")) {
      MalformedOutputException e = assertThrows(MalformedOutputException.class,
          () -> JudgeVerdictParser.parse(garbage, 2), garbage);
      assertEquals(JudgeVerdictParser.REASON, e.reason());
    }
  }

  @Test
  void scoresOutsideTheScaleAreRefused() {
    MalformedOutputException overall = assertThrows(MalformedOutputException.class,
        () -> JudgeVerdictParser.parse("Constraints Overall Score: [[12]]", 1));
    assertTrue(overall.getMessage().contains("12"), overall.getMessage());
    assertThrows(MalformedOutputException.class,
        () -> JudgeVerdictParser.parse("Constraint 1 score: 15\nConstraints Overall Score: [[9]]", 1));
  }

  @Test
  void theOverallScoreAloneIsFoundByEachOfItsForms() {
    assertEquals(3.5, JudgeVerdictParser.overall("Constraints Overall Score: [[3.5]]"));
    assertEquals(4.0, JudgeVerdictParser.overall("**Constraints Overall Score**: [[4]]"));
    assertEquals(4.0, JudgeVerdictParser.overall("约束总体得分：[[4]]"));
    assertNull(JudgeVerdictParser.overall("no score here [[4]]"));
  }
}
