package dev.tracegen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlanSlotsTest {
  static final PlanSlots WAVE = new PlanSlots(List.of(new PlanSlots.Range("train", 1, 0, 1_000),
      new PlanSlots.Range("train", 7, 300, 2_301), new PlanSlots.Range("eval", 3, 10, 13)));

  /** Slot counts per stratum key over {@code parts}, and that no slot is in two parts. */
  static Map<String, Integer> covered(List<PlanSlots> parts) {
    Map<String, Integer> out = new TreeMap<>();
    Map<String, Integer> next = new TreeMap<>();
    for (PlanSlots part : parts) {
      for (PlanSlots.Range r : part.ranges()) {
        String key = r.split() + "." + r.k();
        assertEquals(next.getOrDefault(key, r.from()), r.from(), "parts follow each other without gap or overlap");
        next.put(key, r.to());
        out.merge(key, r.size(), Integer::sum);
      }
    }
    return out;
  }

  @Test
  void aWaveIsCutIntoTheFewestPartsThatKeepEveryStratumsShare() {
    List<PlanSlots> parts = WAVE.parts(1_000);
    assertEquals(4, parts.size(), "3,004 plans in parts of about 1,000");
    assertEquals(Map.of("train.1", 1_000, "train.7", 2_001, "eval.3", 3), covered(parts));
    for (PlanSlots part : parts) {
      assertTrue(Math.abs(part.total() - 751) <= 3, "like sizes: " + part.total());
      long train7 = part.ranges().stream().filter(r -> r.k() == 7).mapToLong(PlanSlots.Range::size).sum();
      assertTrue(Math.abs(train7 - 500) <= 1, "each part has its share of every stratum: " + train7);
    }
  }

  @Test
  void aSmallWaveOrNoLimitIsOnePart() {
    assertEquals(List.of(WAVE), WAVE.parts(0));
    assertEquals(List.of(WAVE), WAVE.parts(3_004));
    List<PlanSlots> single = new ArrayList<>(WAVE.parts(3_003));
    assertEquals(2, single.size());
    assertEquals(Map.of("train.1", 1_000, "train.7", 2_001, "eval.3", 3), covered(single));
  }
}
