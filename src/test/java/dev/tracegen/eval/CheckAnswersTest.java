package dev.tracegen.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.check.Checkers;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckAnswersTest {
  static final Taxonomy TAXONOMY = TaxonomyLoader.load(Path.of("taxonomy"), Checkers.load(), "en");

  static EvalItem item(String... constraints) {
    List<String> numbered = new java.util.ArrayList<>();
    for (int i = 0; i < constraints.length; i++) {
      numbered.add((i + 1) + ". " + constraints[i]);
    }
    return new EvalItem(0, "x", EvalItem.SYSTEM_PROMPT, "Describe the sea.\n" + String.join("\n", numbered),
        numbered, List.of(), "");
  }

  @Test
  void ruleCheckableConstraintsAreDecidedByTheirCheckersAndTheRestAreLeftToTheJudge() {
    EvalItem item = item("Keep the answer to at most 5 words.", "Use a warm, friendly tone.",
        "Make sure the answer mentions the term \"tide\".");
    List<CheckerVerdict> v = CheckAnswers.check(TAXONOMY, Checkers.load(), item, "The tide comes in slowly today.");
    assertEquals(List.of(1, 3), v.stream().map(CheckerVerdict::constraint).toList(), "the tone is the judge's");
    assertFalse(v.get(0).pass(), "six words: " + v.get(0).reason());
    assertEquals(5, ((Number) v.get(0).params().get("max")).intValue(), "parameters read back from the text");
    assertTrue(v.get(1).pass(), v.get(1).reason());
    assertTrue(CheckAnswers.check(TAXONOMY, Checkers.load(), item("Write with warmth."), "x").isEmpty());
  }

  private static EvalResult judged(EvalItem item, List<CheckerVerdict> checks, double overall, double... scores) {
    List<JudgeVerdict.ConstraintScore> s = new java.util.ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      s.add(new JudgeVerdict.ConstraintScore(i + 1, scores[i], "judge"));
    }
    return EvalResult.of(item).withAnswer("a").judged(new JudgeVerdict(s, overall), "t").withChecks(checks);
  }

  @Test
  void checkerFirstScoringReplacesTheJudgesScoresOfCheckedConstraints() {
    EvalItem item = item("a", "b", "c");
    List<CheckerVerdict> checks = List.of(new CheckerVerdict(1, "numerical", "numerical", null, false, "6 words"),
        new CheckerVerdict(3, "inclusion", "inclusion", null, true, "found"));
    EvalResult r = Scoring.checkerFirst(judged(item, checks, 10, 10, 10, 7));
    assertEquals(List.of(0.0, 10.0, 10.0), r.verdict().scores().stream().map(JudgeVerdict.ConstraintScore::score)
        .toList());
    assertEquals(6.67, r.verdict().overall(), "the mean once every constraint has a score");
    assertFalse(r.verdict().allFull(3));

    // Without the judge's per-constraint scores its overall stands.
    EvalResult partial = Scoring.checkerFirst(judged(item, checks, 9));
    assertEquals(9.0, partial.verdict().overall());
    // A parse failure stays one.
    EvalResult failed = EvalResult.of(item).withAnswer("a").unjudged("bad", "?").withChecks(checks);
    assertNull(Scoring.checkerFirst(failed).verdict());
  }

  @Test
  void agreementCountsWhereJudgeAndCheckerDiffer() {
    EvalItem item = item("a", "b", "c");
    List<CheckerVerdict> checks = List.of(new CheckerVerdict(1, "numerical", "numerical", null, false, ""),
        new CheckerVerdict(2, "inclusion", "inclusion", null, true, ""),
        new CheckerVerdict(3, "exclusion", "exclusion", null, true, ""));
    JudgeCheckerAgreement a = JudgeCheckerAgreement.of(List.of(judged(item, checks, 8, 10, 10, 6)));
    assertEquals(3, a.constraints());
    assertEquals(1, a.agree());
    assertEquals(1, a.judgeFullCheckerFail());
    assertEquals(1, a.judgeShortCheckerPass());
    assertEquals(0.3333, a.rate());
    assertNull(JudgeCheckerAgreement.of(List.of()).rate());
  }

  @Test
  void scoringIsOneOfThree() {
    assertEquals(Scoring.CHECKER_FIRST, Scoring.parse("checker-first"));
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Scoring.parse("rules")).getMessage().contains("judge, checker-first or both"));
  }
}
