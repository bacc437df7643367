package dev.tracegen.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.config.Profile;
import dev.tracegen.plan.PlanSlots;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WavePlannerTest {
  private static final Profile SMOKE = Profile.load(Path.of("pipeline/smoke.yaml"));
  private static final WavePlanner.Settings ADAPTIVE = new WavePlanner.Settings(true, 1.0, 2.0, 5);

  @Test
  void theFirstWavePlansTheTargetsOverThePriorYield() {
    WavePlanner planner = new WavePlanner(SMOKE, Map.of("train.2", 100, "train.3", 7, "eval.2", 10),
        new WavePlanner.Settings(true, 0.8, 2.0, 5));
    PlanSlots train = planner.next("train");
    assertEquals(Map.of("train.2", 125, "train.3", 9), sizes(train));
    assertTrue(train.ranges().stream().allMatch(r -> r.from() == 0));
    assertEquals(Map.of("eval.2", 13), sizes(planner.next("eval")));
  }

  @Test
  void aTopUpStartsAfterTheSlotsBeforeItAndOnlyForShortStrata() {
    WavePlanner planner = new WavePlanner(SMOKE, Map.of("train.2", 100, "train.3", 50), ADAPTIVE);
    PlanSlots first = planner.next("train");
    planner.planned(first);
    planner.kept(Map.of("train.2", 90L, "train.3", 50L));
    PlanSlots second = planner.next("train");
    assertEquals(1, second.ranges().size(), "train.3 is met");
    PlanSlots.Range r = second.ranges().get(0);
    assertEquals("train", r.split());
    assertEquals(2, r.k());
    assertEquals(100, r.from(), "a top-up never reuses a slot");
    assertTrue(r.size() >= 10 && r.size() < 20, "10 short at a yield near 0.9: " + r.size());
  }

  @Test
  void topUpsCloseTheGapWithAMarginFromTheBinomialSpread() {
    // 400 short at yield 0.95: 421.05 expected, about 4.4 plans of spread per sigma.
    assertEquals(422, WavePlanner.plansFor(400, 0.95, 0));
    int two = WavePlanner.plansFor(400, 0.95, 2);
    assertTrue(two > 425 && two < 435, "two sigmas: " + two);
    assertEquals(10, WavePlanner.plansFor(10, 1.0, 2), "a stratum that keeps everything needs no margin");
    int chase = WavePlanner.plansFor(10, 0.02, 0);
    assertTrue(chase > 450 && chase < 520, "the lowest yield bounds the chase: " + chase);
  }

  @Test
  void smallGapsAreSizedFromTheExactBinomial() {
    // One record short at 0.85: one plan meets it with even odds or better; 97.7 % needs two.
    assertEquals(1, WavePlanner.plansFor(1, 0.85, 0));
    assertEquals(2, WavePlanner.plansFor(1, 0.85, 2));
    // Five short at 0.7: the smallest n with P(Bin(n, 0.7) >= 5) >= Phi(1) = 0.841.
    int n = WavePlanner.plansFor(5, 0.7, 1);
    assertTrue(WavePlanner.atLeast(n, 0.7, 5) >= 0.841 && WavePlanner.atLeast(n - 1, 0.7, 5) < 0.841, "n " + n);
    assertEquals(0.5, WavePlanner.normalCdf(0), 1e-9);
    assertEquals(0.97725, WavePlanner.normalCdf(2), 1e-4);
    assertEquals(0.02275, WavePlanner.normalCdf(-2), 1e-4);
  }

  @Test
  void beforeFinishingWavesAimATenthOfAPercentAboveTheTargetAndKeepAWaveBack() {
    WavePlanner planner = new WavePlanner(SMOKE, Map.of("train.4", 20_000, "train.9", 40), ADAPTIVE);
    assertEquals(20_020, planner.goal(20_000), "a tenth of a percent for what finishing takes");
    assertEquals(40, planner.goal(40), "nothing extra for a small stratum");
    assertEquals(ADAPTIVE.maxWaves() - 1, planner.waveLimit(), "one wave is kept for a top-up after finishing");
    planner.planned(planner.next("train"));
    planner.kept(Map.of("train.4", 20_000L, "train.9", 40L));
    assertTrue(planner.isShort("train"), "met, but not with the allowance");
    PlanSlots topUp = planner.next("train");
    assertEquals(Map.of("train.4", 20), sizes(topUp), "20 more plans at a yield of 1");
    assertEquals(Map.of("train.4", 20_000), topUpStarts(topUp));
    planner.available(Map.of("train.4", 20_000L, "train.9", 40L));
    assertFalse(planner.isShort("train"), "after finishing the target itself is the goal");
    assertEquals(ADAPTIVE.maxWaves(), planner.waveLimit());
  }

  private static Map<String, Integer> topUpStarts(PlanSlots slots) {
    Map<String, Integer> out = new TreeMap<>();
    slots.ranges().forEach(r -> out.put(r.split() + "." + r.k(), r.from()));
    return out;
  }

  @Test
  void theMarginGrowsAsASplitsWavesRunOut() {
    assertEquals(0, WavePlanner.marginFor(5, 2.0));
    assertEquals(0, WavePlanner.marginFor(3, 2.0));
    assertEquals(1.0, WavePlanner.marginFor(2, 2.0));
    assertEquals(2.0, WavePlanner.marginFor(1, 2.0));
  }

  @Test
  void aSmallStratumBorrowsItsSplitsYield() {
    WavePlanner planner = new WavePlanner(SMOKE, Map.of("train.2", 1000, "train.9", 2), ADAPTIVE);
    planner.planned(planner.next("train"));
    // The small stratum lost both of its plans; alone that says little against the split's 0.9.
    planner.kept(Map.of("train.2", 900L, "train.9", 0L));
    double y = planner.yieldOf("train.9");
    assertTrue(y > 0.7 && y < 0.9, "blended yield " + y);
  }

  @Test
  void wavesStopAtTheLimitAndFixedPlanningMakesOne() {
    WavePlanner limited = new WavePlanner(SMOKE, Map.of("train.2", 100), new WavePlanner.Settings(true, 1.0, 2.0, 2));
    for (int i = 0; i < 2; i++) {
      limited.planned(limited.next("train"));
      limited.kept(Map.of("train.2", 10L));
    }
    assertTrue(limited.isShort("train"));
    assertTrue(limited.next("train").isEmpty());

    WavePlanner fixed = new WavePlanner(SMOKE, Map.of("train.4", 100), WavePlanner.Settings.fixed());
    PlanSlots one = fixed.next("train");
    assertEquals(SMOKE.plannedCount(4, 100), one.total());
    fixed.planned(one);
    assertTrue(fixed.next("train").isEmpty());
  }

  @Test
  void finishingReplacesTheCountsWithWhatSelectFound() {
    WavePlanner planner = new WavePlanner(SMOKE, Map.of("train.2", 100, "eval.2", 10), ADAPTIVE);
    planner.planned(planner.next("eval"));
    planner.planned(planner.next("train"));
    planner.kept(Map.of("train.2", 100L, "eval.2", 10L));
    assertFalse(planner.isShort(null));
    planner.available(Map.of("train.2", 97L, "eval.2", 10L));
    assertTrue(planner.isShort("train"));
    assertFalse(planner.isShort("eval"));
    PlanSlots.Range topUp = planner.next("train").ranges().get(0);
    assertEquals(100, topUp.from());
    assertTrue(topUp.size() >= 3 && topUp.size() <= 10, "3 short: " + topUp.size());
  }

  @Test
  void afterFinishingATopUpBringsStrataBelowTheirAllowanceAlong() {
    WavePlanner planner = new WavePlanner(SMOKE,
        Map.of("train.4", 20_000, "train.5", 20_000, "eval.2", 10, "eval.3", 2_000), ADAPTIVE);
    planner.planned(planner.next("eval"));
    planner.planned(planner.next("train"));
    planner.kept(Map.of("train.4", 20_020L, "train.5", 20_020L, "eval.2", 10L, "eval.3", 2_002L));
    assertFalse(planner.isShort(null));

    // Every stratum met but not with its allowance: no finishing again for that.
    planner.available(Map.of("train.4", 20_001L, "train.5", 20_000L, "eval.2", 10L, "eval.3", 2_000L));
    assertFalse(planner.isShort(null), "nothing below its target");

    // One stratum short: the top-up takes the others below their allowance along (a top-up's
    // records change what finishing takes from them), and aims every one at its allowance.
    planner.available(Map.of("train.4", 19_990L, "train.5", 20_005L, "eval.2", 10L, "eval.3", 2_000L));
    assertTrue(planner.isShort("train"));
    assertTrue(planner.isShort("eval"), "eval.3 is met but below its allowance");
    Map<String, Integer> train = sizes(planner.next("train"));
    Map<String, Integer> eval = sizes(planner.next("eval"));
    assertEquals(Map.of("eval.3", 2), eval, "2 under its allowance at a yield near 1; eval.2 has none");
    assertTrue(train.get("train.4") >= 30 && train.get("train.4") < 40, "30 under its allowance: " + train);
    assertTrue(train.get("train.5") >= 15 && train.get("train.5") < 25, "15 under its allowance: " + train);
  }

  @Test
  void aTopUpAfterFinishingMeetsItsStrataTogether() {
    assertEquals(2.0, WavePlanner.jointMargin(2.0, 1), 1e-12);
    assertEquals(2.0, WavePlanner.quantile(WavePlanner.normalCdf(2.0)), 1e-6);
    double z = WavePlanner.jointMargin(2.0, 20);
    assertEquals(WavePlanner.normalCdf(2.0), Math.pow(WavePlanner.normalCdf(z), 20), 1e-6);
    assertTrue(z > 3.0 && z < 3.1, "20 strata: " + z);

    // Twenty small strata, each 35 short at a yield of 0.65 after finishing: all of them met
    // together with 97.7 %, not each on its own.
    Map<String, Integer> targets = new TreeMap<>();
    Map<String, Long> available = new TreeMap<>();
    for (int i = 1; i <= 20; i++) {
      targets.put("train." + i, 100);
      available.put("train." + i, 65L);
    }
    WavePlanner planner = new WavePlanner(SMOKE, targets, ADAPTIVE);
    planner.planned(planner.next("train"));
    planner.kept(available);
    planner.available(available);
    double y = planner.yieldOf("train.1");
    assertEquals(0.65, y, 1e-9);
    int n = sizes(planner.next("train")).get("train.1");
    double all = WavePlanner.normalCdf(2.0);
    assertTrue(Math.pow(WavePlanner.atLeast(n, y, 35), 20) >= all - 1e-9, "n " + n);
    assertTrue(Math.pow(WavePlanner.atLeast(n - 1, y, 35), 20) < all, "n " + n);
  }

  @Test
  void simulatedFullBuildsFinishAtMostTwice() {
    // The strata of the full profile with the yields of a real build, and a finishing that takes
    // what it took at ten times that size: 0.2 % of train, 6 % and 3 % of eval's one- and
    // two-constraint strata, 0.5 % of eval's others, and for every eval record 0.2 train records
    // more (its near duplicates in train and its n-grams). A stratum that finishing leaves short
    // costs another finishing, so one top-up after it has to do.
    int[] train = {996, 8047, 26566, 34343, 26472, 13934, 5914, 2197, 1005, 467, 8, 20, 20, 8, 4};
    int[] eval = {192, 96, 96, 96, 96, 96, 96, 96, 96, 10, 10, 10, 4, 4, 4};
    Map<String, Integer> targets = new TreeMap<>();
    Map<String, Double> yields = new HashMap<>();
    Map<String, Double> losses = new HashMap<>();
    for (int k = 1; k <= 15; k++) {
      targets.put("train." + k, train[k - 1]);
      targets.put("eval." + k, eval[k - 1]);
      yields.put("train." + k, k == 15 ? 0.65 : 0.85);
      yields.put("eval." + k, k == 15 ? 0.65 : 0.95);
      losses.put("train." + k, 0.002);
      losses.put("eval." + k, k == 1 ? 0.06 : k == 2 ? 0.03 : 0.005);
    }
    int most = 0;
    for (int seed = 1; seed <= 20; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      WavePlanner planner = new WavePlanner(SMOKE, targets, ADAPTIVE);
      Map<String, Long> candidates = new TreeMap<>();
      Map<String, Long> lost = new TreeMap<>();
      for (String split : new String[] {"eval", "train"}) {
        simulateWave(planner, planner.next(split), yields, losses, rnd, candidates, lost);
      }
      while (planner.isShort(null)) {
        PlanSlots both = joint(planner);
        if (both.isEmpty()) {
          break;
        }
        simulateWave(planner, both, yields, losses, rnd, candidates, lost);
      }
      int finishings = 0;
      while (true) {
        finishings++;
        planner.available(finish(targets, candidates, lost));
        PlanSlots topUp = joint(planner);
        if (topUp.isEmpty()) {
          break;
        }
        simulateWave(planner, topUp, yields, losses, rnd, candidates, lost);
      }
      assertFalse(planner.isShort(null), "seed " + seed + ": every target met");
      most = Math.max(most, finishings);
      assertTrue(finishings <= 2, "seed " + seed + ": " + finishings + " finishings");
    }
    assertEquals(2, most, "the first finishing falls short at these losses: the case tested");
  }

  private static PlanSlots joint(WavePlanner planner) {
    java.util.List<PlanSlots.Range> ranges = new java.util.ArrayList<>();
    for (String split : new String[] {"eval", "train"}) {
      if (planner.isShort(split)) {
        ranges.addAll(planner.next(split).ranges());
      }
    }
    return new PlanSlots(ranges);
  }

  private static void simulateWave(WavePlanner planner, PlanSlots slots, Map<String, Double> yields,
      Map<String, Double> losses, SplittableRandom rnd, Map<String, Long> candidates, Map<String, Long> lost) {
    planner.planned(slots);
    Map<String, Long> added = new TreeMap<>();
    for (PlanSlots.Range r : slots.ranges()) {
      String stratum = r.split() + "." + r.k();
      for (int j = 0; j < r.size(); j++) {
        if (rnd.nextDouble() < yields.get(stratum)) {
          added.merge(stratum, 1L, Long::sum);
          // Whether finishing takes this candidate is a property of the candidate: decided once.
          if (rnd.nextDouble() < losses.get(stratum)) {
            lost.merge(stratum, 1L, Long::sum);
          }
        }
      }
    }
    added.forEach((s, n) -> candidates.merge(s, n, Long::sum));
    planner.kept(added);
  }

  /** What Select finds: candidates less their own losses, train less 0.2 records per eval record. */
  private static Map<String, Long> finish(Map<String, Integer> targets, Map<String, Long> candidates,
      Map<String, Long> lost) {
    long evalRecords = 0;
    long trainTargets = 0;
    for (Map.Entry<String, Integer> t : targets.entrySet()) {
      if (t.getKey().startsWith("eval.")) {
        evalRecords += candidates.getOrDefault(t.getKey(), 0L) - lost.getOrDefault(t.getKey(), 0L);
      } else {
        trainTargets += t.getValue();
      }
    }
    Map<String, Long> available = new TreeMap<>();
    for (Map.Entry<String, Integer> t : targets.entrySet()) {
      long own = candidates.getOrDefault(t.getKey(), 0L) - lost.getOrDefault(t.getKey(), 0L);
      long taken = t.getKey().startsWith("train.") ? Math.round(0.2 * evalRecords * t.getValue() / trainTargets) : 0;
      available.put(t.getKey(), own - taken);
    }
    return available;
  }

  @Test
  void simulatedRunsMeetEveryTargetWithLittleSurplus() {
    // Strata of a 12K-like build, yields between 0.55 and 0.97 drawn per plan: the waves must meet
    // every target within the limit, and what they plan beyond the need stays small.
    Map<String, Integer> targets = new TreeMap<>();
    Map<String, Double> yields = new HashMap<>();
    int[] sizes = {1057, 9182, 5000, 2000, 699, 36, 15, 7};
    for (int i = 0; i < sizes.length; i++) {
      targets.put("train." + (i + 1), sizes[i]);
      yields.put("train." + (i + 1), 0.55 + 0.42 * i / (sizes.length - 1));
    }
    SplittableRandom rnd = new SplittableRandom(7);
    WavePlanner planner = new WavePlanner(SMOKE, targets, ADAPTIVE);
    Map<String, Long> kept = new TreeMap<>();
    int waves = 0;
    PlanSlots slots;
    while (planner.isShort("train") && !(slots = planner.next("train")).isEmpty()) {
      waves++;
      planner.planned(slots);
      Map<String, Long> added = new TreeMap<>();
      for (PlanSlots.Range r : slots.ranges()) {
        String stratum = r.split() + "." + r.k();
        long n = 0;
        for (int j = 0; j < r.size(); j++) {
          n += rnd.nextDouble() < yields.get(stratum) ? 1 : 0;
        }
        added.put(stratum, n);
        kept.merge(stratum, n, Long::sum);
      }
      planner.kept(added);
    }
    assertFalse(planner.isShort("train"), "met in " + waves + " waves: " + kept);
    assertTrue(waves <= ADAPTIVE.maxWaves(), "waves " + waves);
    long surplus = 0;
    for (Map.Entry<String, Integer> t : targets.entrySet()) {
      surplus += kept.get(t.getKey()) - t.getValue();
    }
    long total = targets.values().stream().mapToLong(Integer::longValue).sum();
    assertTrue(surplus < 0.01 * total, "surplus " + surplus + " of " + total);
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new WavePlanner.Settings(true, 0, 2, 5));
    assertThrows(IllegalArgumentException.class, () -> new WavePlanner.Settings(true, 1.5, 2, 5));
    assertThrows(IllegalArgumentException.class, () -> new WavePlanner.Settings(true, 1, -1, 5));
    assertThrows(IllegalArgumentException.class, () -> new WavePlanner.Settings(true, 1, 2, 0));
  }

  private static Map<String, Integer> sizes(PlanSlots slots) {
    Map<String, Integer> out = new TreeMap<>();
    slots.ranges().forEach(r -> out.put(r.split() + "." + r.k(), r.size()));
    return out;
  }
}
