package dev.tracegen.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.llm.MalformedOutputException;
import dev.tracegen.model.Score;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The judge's answer is read in every unambiguous format, and anything else is re-asked, never guessed. */
class ConstraintJudgeFormatsTest {
  static final List<Integer> WANTED = List.of(2, 3);

  static Map<Integer, Integer> scores(String answer) throws MalformedOutputException {
    Map<Integer, Integer> out = new TreeMap<>();
    for (Map.Entry<Integer, Score> e : ConstraintJudge.parseScores(answer, WANTED).entrySet()) {
      assertEquals(e.getKey(), e.getValue().constraint());
      out.put(e.getKey(), e.getValue().score());
    }
    return out;
  }

  static void malformed(String answer, String why) {
    MalformedOutputException e = assertThrows(MalformedOutputException.class, () -> scores(answer), answer);
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @Test
  void unambiguousFormatsAreRead() throws Exception {
    Map<Integer, Integer> expected = Map.of(2, 9, 3, 4);
    assertEquals(expected, scores("{\"scores\": [{\"constraint\": 2, \"score\": 9, \"reason\": \"ok\"},"
        + " {\"constraint\": 3, \"score\": 4.5, \"reason\": \"no\"}], \"overall\": 6.5}"));
    // Out of order, no overall, scores as strings, fenced and sloppy.
    assertEquals(expected, scores("```json\n{'scores': [{'constraint': 3, 'score': '4'}, {'constraint': '2', "
        + "'score': '9/10',},],}\n```"));
    assertEquals(expected, scores("Constraint 2: Score: 9/10. The response shows it.\n"
        + "Constraint 3: Score: 4/10. Not quite.\nOverall: 6.5"));
    assertEquals(expected, scores("Here are my scores:\n3. 4/10 - too short\n2) Score = 9 - fine"));
  }

  @Test
  void ambiguousOrMissingScoresAreMalformed() {
    malformed("{\"scores\": [{\"constraint\": 2, \"score\": 9}], \"overall\": 9}", "no score for constraint 3");
    malformed("Constraint 2: Score: 9/10.", "no score for constraint 3");
    malformed("{\"scores\": [{\"constraint\": 2, \"score\": \"4/5\"}, {\"constraint\": 3, \"score\": 4}]}", "0 to 10");
    malformed("{\"scores\": [{\"constraint\": 2, \"score\": \"high\"}, {\"constraint\": 3, \"score\": 4}]}", "0 to 10");
    malformed("{\"scores\": [{\"constraint\": 2, \"score\": 11}, {\"constraint\": 3, \"score\": 4}]}", "0 to 10");
    malformed("Constraint 2: Score: 9/10\nConstraint 2: Score: 3/10\nConstraint 3: Score: 4/10", "two different");
    malformed("The response is good overall.", "neither");
    malformed("{\"verdict\": \"good\"}", "\"scores\" must be a list");
  }
}
