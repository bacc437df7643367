package dev.tracegen.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalScoresTest {
  private static int next;

  private static EvalItem item(int count, String category) {
    List<String> constraints = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      constraints.add(i + ". c" + i);
      labels.add(i % 2 == 1 ? "格式约束" : "语气风格约束");
    }
    return new EvalItem(next++, "i" + next, EvalItem.SYSTEM_PROMPT, "task", constraints, labels, category);
  }

  private static EvalResult judged(EvalItem item, double overall, double... scores) {
    List<JudgeVerdict.ConstraintScore> s = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      s.add(new JudgeVerdict.ConstraintScore(i + 1, scores[i], ""));
    }
    return EvalResult.of(item).withAnswer("answer").judged(new JudgeVerdict(s, overall), "text");
  }

  private static final Map<String, String> TYPES = Map.of("格式约束", "format", "语气风格约束", "style");

  @Test
  void ifSAndIfMSplitByConstraintCountAndParseFailuresAreLeftOut() {
    List<EvalResult> results = List.of(
        judged(item(1, "a"), 10, 10),
        judged(item(1, "a"), 4, 4),
        judged(item(2, "b"), 10, 10, 10),
        judged(item(3, "b"), 6, 10, 2, 6),
        EvalResult.of(item(2, "b")).withAnswer("answer").unjudged("no overall score", "garbage"),
        EvalResult.of(item(3, "a")).withAnswerFailure("filtered: content policy"));
    EvalScores s = EvalScores.of(results, l -> TYPES.getOrDefault(l, "other"));
    assertEquals(6, s.items());
    assertEquals(1, s.parseFailures());
    assertEquals(1 / 6.0, s.parseFailureRate(), 1e-9);
    assertEquals(1, s.unanswered());

    assertEquals(2, s.ifS().items());
    assertEquals(2, s.ifS().scored());
    assertEquals(7.0, s.ifS().meanScore());
    assertEquals(0.5, s.ifS().allFull());

    // IF-M: the parse failure is out; the unanswered item scores 0.
    assertEquals(4, s.ifM().items());
    assertEquals(3, s.ifM().scored());
    assertEquals((10 + 6 + 0) / 3.0, s.ifM().meanScore(), 1e-4);
    assertEquals(1 / 3.0, s.ifM().allFull(), 1e-4);

    assertEquals(List.of("1", "2", "3"), List.copyOf(s.byCount().keySet()));
    assertEquals(2, s.byCount().get("2").items());
    assertEquals(1, s.byCount().get("2").scored());
    assertEquals(3, s.byCategory().get("a").scored());

    // Per constraint: formats are constraints 1 and 3, styles constraint 2; the unanswered item's are 0.
    // format: 10, 4, 10, 10, 6, 0 (unanswered c1), 0 (unanswered c3) -> 7 constraints
    EvalScores.ConstraintGroup format = s.byType().get("format");
    assertEquals(7, format.constraints());
    assertEquals(40 / 7.0, format.meanScore(), 1e-4);
    assertEquals(3 / 7.0, format.full(), 1e-4);
    EvalScores.ConstraintGroup style = s.byDimension().get("语气风格约束");
    assertEquals(3, style.constraints());
    assertEquals(4.0, style.meanScore(), 1e-4);
  }

  @Test
  void aVerdictWithoutEveryConstraintScoreCountsForItemsButNotForConstraints() {
    EvalResult partial = EvalResult.of(item(2, "a")).withAnswer("x")
        .judged(new JudgeVerdict(List.of(new JudgeVerdict.ConstraintScore(1, 10, "")), 10), "t");
    EvalScores s = EvalScores.of(List.of(partial), l -> "format");
    assertEquals(1, s.withoutConstraintScores());
    assertEquals(1.0, s.ifM().allFull());
    assertTrue(s.byType().isEmpty());
  }

  @Test
  void intervalsAreReproducibleAndHoldTheMean() {
    List<EvalResult> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      results.add(judged(item(2, "a"), i % 11, i % 11, i % 11));
    }
    EvalScores.ItemGroup a = EvalScores.group(results);
    EvalScores.ItemGroup b = EvalScores.group(results);
    assertEquals(a, b, "a fixed bootstrap seed");
    assertTrue(a.meanScoreCi().get(0) < a.meanScore() && a.meanScore() < a.meanScoreCi().get(1), a.toString());
    assertTrue(a.meanScoreCi().get(1) - a.meanScoreCi().get(0) < 1.5, "200 items pin the mean down: " + a);
    assertTrue(a.allFullCi().get(0) <= a.allFull() && a.allFull() <= a.allFullCi().get(1), a.toString());
  }

  @Test
  void aSetWithNothingScoredHasNoScore() {
    EvalScores s = EvalScores.of(List.of(EvalResult.of(item(1, "")).withAnswer("x").unjudged("bad", "?")), l -> "x");
    assertNull(s.ifS().meanScore());
    assertEquals(0, s.ifS().scored());
    assertNull(s.ifM().meanScore());
    assertEquals(1, s.byCategory().get("(none)").items());
  }
}
