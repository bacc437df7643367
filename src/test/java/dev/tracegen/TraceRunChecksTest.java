package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.facts.CorpusStats;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run whose written records and rejections do not add up to its plans is not published. */
class TraceRunChecksTest {
  static Map<String, Long> funnel(long planned, long afterDedup, long afterSelect) {
    Map<String, Long> f = new LinkedHashMap<>();
    f.put("planned", planned);
    f.put("dedup", afterDedup);
    f.put("select", afterSelect);
    return f;
  }

  static CorpusStats stats(long train, long eval) {
    return new CorpusStats(Map.of("train", train, "eval", eval), null, null, null, null, null, null, null, null, null,
        null, null, null, null);
  }

  @Test
  void plansThatAreWrittenOrRejectedPass() {
    assertDoesNotThrow(() -> TraceRun.checkNothingLost(funnel(1000, 900, 340), stats(300, 40)));
  }

  @Test
  void candidatesThatVanishedFailTheRun() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TraceRun.checkNothingLost(funnel(171_000, 170_000, 121_000), stats(0, 0)));
    assertTrue(e.getMessage().startsWith("records lost: 171,000 plans less 50,000 rejections leave 121,000, but 0"),
        e.getMessage());
  }
}
