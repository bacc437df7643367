package dev.tracegen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
  @Test
  void traceProfileScalesThePaperShapesToExactTotals() {
    Profile p = Profile.load(Path.of("pipeline/trace.yaml"));
    Map<Integer, Integer> train = p.stratumTargets("train");
    Map<Integer, Integer> eval = p.stratumTargets("eval");
    assertEquals(120_000, train.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(1_000, eval.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(15, train.size());
    // Largest remainder keeps every stratum within one record of its exact share.
    double exact4 = 120_000 * 34155.0 / 119345;
    assertTrue(Math.abs(train.get(4) - exact4) < 1, "k=4 " + train.get(4));
    double mean = train.entrySet().stream().mapToDouble(e -> e.getKey() * e.getValue()).sum() / 120_000;
    assertEquals(4.36, mean, 0.01);
  }

  @Test
  void theChineseTraceProfileHasTheCountsOfTheEnglishOneAndTheChineseSeeds() {
    Profile en = Profile.load(Path.of("pipeline/trace.yaml"));
    Profile zh = Profile.load(Path.of("pipeline/trace-zh.yaml"));
    assertEquals("zh", zh.language());
    assertEquals(List.of("pipeline/seeds/zh/seeds.jsonl"), zh.seeds());
    for (String split : List.of("train", "eval")) {
      assertEquals(en.stratumTargets(split), zh.stratumTargets(split), split);
    }
    assertEquals(en.overgeneration(), zh.overgeneration());
    assertEquals(en.reference(), zh.reference());
  }

  @Test
  void theTraceProfilesNameTheOfficialEvalSetAsTheirReference() {
    for (String name : List.of("trace", "trace-zh", "trace-12k", "trace-10x")) {
      Profile p = Profile.load(Path.of("pipeline/" + name + ".yaml"));
      assertTrue(Files.isRegularFile(Path.of(p.reference())), name + ": " + p.reference());
      assertTrue(p.reference().endsWith("trace_eval_official.jsonl"), p.reference());
    }
    assertEquals("", Profile.load(Path.of("src/test/resources/profiles/tiny.yaml")).reference(), "unset: none");
  }

  @Test
  void cardLicenceAndTitleComeFromTheProfileWhenGiven(@TempDir Path dir) throws IOException {
    String tiny = Files.readString(Path.of("src/test/resources/profiles/tiny.yaml"));
    Path f = Files.writeString(dir.resolve("named.yaml"), tiny + "license: cc-by-4.0\npretty_name: My TRACE\n");
    Profile p = Profile.load(f);
    assertEquals("cc-by-4.0", p.license());
    assertEquals("My TRACE", p.prettyName());
    assertEquals("", Profile.load(Path.of("src/test/resources/profiles/tiny.yaml")).license(), "unset: the card's default");
  }

  @Test
  void languageDefaultsToEnglishAndMustBeALanguageCode(@TempDir Path dir) throws IOException {
    assertEquals("en", Profile.load(Path.of("src/test/resources/profiles/tiny.yaml")).language(), "unset: English");
    String tiny = Files.readString(Path.of("src/test/resources/profiles/tiny.yaml"));
    Path zh = Files.writeString(dir.resolve("zh.yaml"), tiny + "language: zh\n");
    assertEquals("zh", Profile.load(zh).language());
    assertEquals("en", Profile.load(zh).withLanguage("en").language());
    Path bad = Files.writeString(dir.resolve("bad.yaml"), tiny + "language: Chinese\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.load(bad));
    assertTrue(e.getMessage().matches("(?s).*bad\\.yaml:\\d+: language: 'Chinese' is not a language code.*"), e.getMessage());
  }

  @Test
  void overgenerationGrowsWithConstraintCount() {
    Profile p = Profile.load(Path.of("pipeline/trace.yaml"));
    assertTrue(p.plannedCount(10, 100) > p.plannedCount(2, 100));
    assertEquals(0, p.plannedCount(5, 0));
  }

  @Test
  void badProfilesAreRejectedWithEveryProblem(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "name: bad\nrun_seed: 1\nseeds: []\neval_seed_fraction: 2\ntargets:\n  train: {total: 5, shape: {0: 1}}\n"
        + "overgeneration: 0.5\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.load(f));
    for (String want : new String[] {"seeds", "eval", "eval_seed_fraction", "outside 1..15", "overgeneration"}) {
      assertTrue(e.getMessage().contains(want), want + " in " + e.getMessage());
    }
  }

  @Test
  void unknownKeysNameTheLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("typo.yaml");
    Files.writeString(f, "name: t\nrun_seed: 1\nseedz: [a]\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.load(f));
    assertTrue(e.getMessage().startsWith(f + ":3: cannot read profile: Unrecognized field \"seedz\""), e.getMessage());
  }

  @Test
  void zeroOrNegativeTargetsAreRefusedWithFileAndLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("empty.yaml");
    Files.writeString(f, "name: empty\nrun_seed: 1\nseeds: [pipeline/seeds/seeds.jsonl]\neval_seed_fraction: 0.1\novergeneration: 1.2\n"
        + "targets:\n  train:\n    total: 0\n    shape: {1: 1}\n  eval:\n    total: -3\n    shape: {1: 0}\n");
    assertEquals(List.of(
            f + ":8: targets.train.total must be at least 1, got 0",
            f + ":11: targets.eval.total must be at least 1, got -3",
            f + ":12: targets.eval.shape has no positive weight"),
        Profile.problems(f));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.load(f));
    assertTrue(e.getMessage().contains(f + ":8: targets.train.total must be at least 1, got 0"), e.getMessage());
  }
}
