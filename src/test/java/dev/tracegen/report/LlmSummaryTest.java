package dev.tracegen.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.facts.LlmStepCounts;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LlmSummaryTest {
  @Test
  void tableHasOneRowPerStepAndATotal() {
    Map<String, LlmStepCounts> c = new TreeMap<>();
    c.put("expand", LlmStepCounts.of(Map.of("calls", 510L, "cache_hits", 10L, "retries", 3L, "tokens_in", 1000L,
        "tokens_out", 200L)));
    c.put("judge_y1", LlmStepCounts.of(Map.of("calls", 400L, "failures", 2L, "repairs", 1L)));
    String t = LlmSummary.format(c);
    String[] lines = t.split("\n");
    assertTrue(lines[0].startsWith("LLM step") && lines[0].contains("cache hits") && lines[0].contains("tokens out"), t);
    assertTrue(lines[1].matches("expand\\s+510\\s+10\\s+500\\s+3\\s+0\\s+0\\s+1000\\s+200"), lines[1]);
    assertTrue(lines[2].matches("judge_y1\\s+400\\s+0\\s+400\\s+0\\s+2\\s+1\\s+0\\s+0"), lines[2]);
    assertTrue(lines[4].matches("total\\s+910\\s+10\\s+900\\s+3\\s+2\\s+1\\s+1000\\s+200"), lines[4]);
  }
}
