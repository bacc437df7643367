package dev.tracegen.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke profile on the FlinkRunner in local mode with parallelism 2 produces exactly
 * the corpus the DirectRunner produces: the same records (ids and content), the same views and
 * reports, every file byte for byte except run.json and report.html (timings).
 */
class FlinkRunnerIT {
  @TempDir Path tmp;

  @Test
  void flinkLocalModeBuildsTheSameCorpusAsTheDirectRunner() throws Exception {
    Path direct = SameCorpus.directReference();
    Path flink = tmp.resolve("flink-local");
    long t0 = System.nanoTime();
    SameCorpus.run("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2",
        "--profile=" + SameCorpus.PROFILE, "--output=" + flink);
    System.err.printf("[flink-it] FlinkRunner [local] p=2 smoke: %.1f s%n", (System.nanoTime() - t0) / 1e9);

    assertEquals("FlinkRunner", SameCorpus.runnerOf(flink));
    assertEquals("DirectRunner", SameCorpus.runnerOf(direct));
    SameCorpus.assertSameSelection(direct, flink);
    SameCorpus.assertSame(direct, flink);
  }
}
