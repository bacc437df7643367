package dev.tracegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.facts.CorpusStats;
import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line, the ETA and the commands' help, without a pipeline. */
class ProgressAndCommandsTest {
  @Test
  void progressLineShowsStagesRateTokensAndEta() {
    Map<String, Map<String, Long>> counters = Map.of(
        "stage", Map.of("expand.out", 100L, "structure.out", 90L, "structure.rejected", 5L, "quality.out", 80L),
        "llm.expand", Map.of("calls", 100L, "cache_hits", 40L, "tokens_in", 52_000L, "tokens_out", 9_000L),
        "llm.structure", Map.of("calls", 95L, "failures", 2L, "tokens_in", 1_200_000L, "tokens_out", 3_000L));
    String line = ProgressReporter.format(counters, 100, 30, 5, 145);
    assertTrue(line.startsWith("tracegen 0:30 | expand 100 › screen 0 › structure 90 › quality 80 › y1 0 › judge 0"),
        line);
    assertTrue(line.contains("| rejected 5 |"), line);
    assertTrue(line.contains("LLM 195 calls 10.0/s, cache 40, fail 2, tokens 1.25M in 12.0k out"), line);
    // (100 + 90 + 5*8 + 80) stage passes of 100 * 10 (nothing passed the screen in this made-up line).
    assertEquals(310.0 / 1000, ProgressReporter.fractionDone(Stages.TRACE, counters.get("stage"), 100), 1e-9);
    assertTrue(line.endsWith("| 31% ETA 1:07"), line);

    assertTrue(ProgressReporter.format(Map.of(), 644, 3, 3, 0).endsWith("| reading seeds"));
    assertTrue(ProgressReporter.format(Map.of("dev.tracegen.io.ReadSeeds", Map.of("seeds_parsed", 4179L)), 644, 9, 3, 0)
        .endsWith("| 4,179 seeds read, planning 644 candidates"));
    Map<String, Long> done = new java.util.HashMap<>();
    for (String s : Stages.TRACE.candidateStages().stream().map(Stage::id).toList()) {
      done.put(s + ".out", 10L);
    }
    assertEquals(1.0, ProgressReporter.fractionDone(Stages.TRACE, done, 10));
    assertTrue(ProgressReporter.format(Map.of("stage", done, "select", Map.of("selected.train.1", 3L)), 10, 9, 3, 0)
        .contains("| 100% LLM | selected 3, writing |"));
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : java.util.List.of("run", "validate", "serve", "stats", "export")) {
      for (String flag : java.util.List.of("-h", "--help")) {
        Cli.Result r = Cli.execute(command, flag);
        assertEquals(0, r.code(), command + " " + flag + ": " + r.err());
        assertTrue(r.out().startsWith("usage: tracegen " + command), command + ": " + r.out());
        String examples = r.out().substring(r.out().indexOf("\nExamples:\n"));
        long shown = examples.lines().skip(2).takeWhile(l -> !l.isBlank()).filter(l -> l.startsWith("  tracegen ")).count();
        assertTrue(shown >= 2 && shown <= 3, command + ": " + shown + " examples in\n" + r.out());
        assertTrue(r.out().contains("\nExit status:\n  0  "), command + ": " + r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 110), command + ": a line too long for a terminal");
      }
      assertEquals(Cli.execute(command, "--help").out(), Cli.execute("help", command).out());
    }
    // The help of a command comes first, whatever else is on the line.
    assertEquals(0, Cli.execute("stats", "/nonexistent-dir", "-h").code());
    assertEquals(0, Cli.execute("run", "--temperature=hot", "--help").code());
    Cli.Result usage = Cli.execute("--help");
    for (String command : java.util.List.of("run", "validate", "stats", "serve", "export", "version", "help")) {
      assertTrue(usage.out().contains("\n  " + command + " "), usage.out());
    }
    assertTrue(usage.out().contains("Exit status:\n  0  ") && usage.out().contains("\n  3  "), usage.out());
    assertEquals(2, Cli.execute("stats").code());
    assertEquals(2, Cli.execute("export", "/nonexistent-dir").code());
    assertEquals(2, Cli.execute("stats", ".", "--bogus").code());
    assertEquals(2, Cli.execute("help", "bogus").code());
  }

  @Test
  void funnelIsDerivedFromRejectionsInPipelineOrder() {
    CorpusStats stats = new CorpusStats(null, null, null, null, null, null, null, null, null,
        new CorpusStats.Rejections(65, Map.of("read_seeds", 3L, "judge_y1", 10L, "select", 50L, "zz_custom", 2L), null),
        null, null, null, null);
    Map<String, Long> f = Funnel.of(Stages.TRACE, 100, stats);
    assertEquals(100L, f.get("planned"));
    assertEquals(100L, f.get("respond_y1"));
    assertEquals(90L, f.get("judge_y1"));
    assertEquals(88L, f.get("zz_custom"));
    assertEquals(38L, f.get("select"));
    assertEquals(java.util.List.of("planned", "plan", "expand", "screen", "structure", "quality", "respond_y1", "judge_y1", "perturb",
        "respond_y2", "judge_y2", "cross_judge", "zz_custom", "dedup", "split", "decontaminate", "select"),
        java.util.List.copyOf(f.keySet()));
    // run.json is written with sorted keys; rows come back in pipeline order.
    java.util.List<Funnel.Row> rows = Funnel.rows(Stages.TRACE, new java.util.TreeMap<>(f));
    assertEquals("plan", rows.get(0).stage());
    assertEquals("select", rows.get(rows.size() - 1).stage());
    assertEquals(50L, rows.get(rows.size() - 1).rejected());
  }
}
