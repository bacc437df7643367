package dev.tracegen.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke profile with {@code --batch} over HTTP against {@link EmbeddedServer}'s batch API:
 * the same corpus bytes as a synchronous build, every distinct request answered once and only in
 * batches; and a build killed while its batch is out, then run again: the rerun collects the
 * killed run's batch instead of paying for it again.
 */
class BatchSmokeIT {
  /** A few dozen records: this test builds four times. */
  static final String TINY = "src/test/resources/profiles/tiny.yaml";

  @TempDir static Path tmp;
  static EmbeddedChatModel model;
  static Path sync;
  static final List<EmbeddedServer> servers = new ArrayList<>();

  @BeforeAll
  static void baseline() throws Exception {
    model = ServeCommand.model(Path.of("taxonomy"), 0, 0);
    EmbeddedServer s = serve();
    sync = tmp.resolve("sync");
    assertTrue(ServeSmokeIT.runProfile(TINY, ServeSmokeIT.httpArgs(s, "--output=" + sync, "--cacheDir=" + tmp.resolve("sync-cache")))
        .shortfalls().isEmpty());
  }

  @AfterAll
  static void stop() {
    servers.forEach(EmbeddedServer::close);
  }

  static EmbeddedServer serve() throws IOException {
    EmbeddedServer s = EmbeddedServer.start(EmbeddedServer.Config.defaults(), model);
    servers.add(s);
    return s;
  }

  static String[] batchArgs(EmbeddedServer s, Path out, Path cache) {
    // One bucket: each step's work arrives as one bundle, which is what a batch is made of here.
    return ServeSmokeIT.httpArgs(s, "--output=" + out, "--cacheDir=" + cache, "--batch", "--batchPollSeconds=0.05",
        "--maxInFlight=64", "--buckets=1");
  }

  /** Every file of the two corpora but the run-specific run.json and report.html is byte for byte the same. */
  static void sameCorpus(Path a, Path b) throws IOException {
    Map<String, byte[]> x = ServeSmokeIT.tree(a);
    Map<String, byte[]> y = ServeSmokeIT.tree(b);
    for (String runSpecific : List.of("run.json", "report.html")) {
      x.remove(runSpecific);
      y.remove(runSpecific);
    }
    assertEquals(x.keySet(), y.keySet());
    x.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, y.get(name)), name + " differs"));
  }

  /** Requests the run paid for: its calls that were not cache hits. */
  static long paidCalls(Path out) throws IOException {
    long paid = 0;
    for (JsonNode step : ServeSmokeIT.runJson(out).path("llm")) {
      paid += step.path("calls").asLong() - step.path("cache_hits").asLong();
    }
    return paid;
  }

  static void eachRequestAnsweredOnceInABatch(EmbeddedServer s) {
    RequestCounts counts = s.requestCounts();
    assertEquals(Map.of(), counts.syncPerRequest(), "nothing sent on its own");
    List<Long> repeated = counts.batchPerRequest().values().stream().filter(v -> v != 1).toList();
    assertEquals(List.of(), repeated, "each distinct request answered once");
  }

  @Test
  void aBatchBuildWritesTheSameCorpusAndPaysForEachRequestOnce() throws Exception {
    EmbeddedServer s = serve();
    s.batches().delaySeconds(0.2);
    Path out = tmp.resolve("batch");
    long start = System.nanoTime();
    assertTrue(ServeSmokeIT.runProfile(TINY, batchArgs(s, out, tmp.resolve("batch-cache"))).shortfalls().isEmpty());
    double seconds = (System.nanoTime() - start) / 1e9;
    sameCorpus(sync, out);
    eachRequestAnsweredOnceInABatch(s);
    Map<String, Long> stats = s.stats();
    System.out.printf("batch smoke build: %.1f s, %d batches, %d lines, %d distinct requests, %d paid calls%n",
        seconds, stats.get("batches_created"), stats.get("batch_lines"), stats.get("distinct_requests"), paidCalls(out));
    assertEquals(paidCalls(out), stats.get("batch_lines"), "one batch line per paid call");
    assertEquals(stats.get("batch_lines"), stats.get("distinct_requests"));
    // Each step instance batches its own bundle, and a run is several pipelines (its waves), so batches
    // are small on the Direct runner (about three requests each on this profile), but they are batches.
    assertTrue(stats.get("batches_created") < stats.get("batch_lines") / 2, "requests are batched, not sent one by one");
    // run.json says the run batched, and what went through the batches per step.
    JsonNode run = Json.PLAIN.readTree(out.resolve("run.json").toFile());
    assertTrue(run.at("/options/generator/batch").asBoolean(), run.at("/options").toString());
    long batched = 0;
    long batches = 0;
    for (JsonNode step : run.get("llm")) {
      batched += step.at("/batch/answered").asLong();
      batches += step.at("/batch/batches").asLong();
    }
    assertEquals(stats.get("batch_lines_answered"), batched, "answers read from batches, by run.json");
    assertEquals(stats.get("batches_created"), batches);
  }

  @Test
  void aBuildKilledWhileItsBatchIsOutIsResumedWithoutPayingTwice() throws Exception {
    EmbeddedServer s = serve();
    s.batches().delaySeconds(3600);
    Path cache = tmp.resolve("killed-cache");
    killWhileABatchIsOut(batchArgs(s, tmp.resolve("killed"), cache), cache, tmp.resolve("killed.log"), Map.of());
    long created = s.stats().get("batches_created");
    assertTrue(created >= 1);
    assertEquals(0, s.stats().get("batch_lines"), "nothing answered before the kill");
    s.batches().delaySeconds(0);
    Path out = tmp.resolve("resumed");
    assertTrue(ServeSmokeIT.runProfile(TINY, batchArgs(s, out, cache)).shortfalls().isEmpty());
    sameCorpus(sync, out);
    eachRequestAnsweredOnceInABatch(s);
    try (Stream<Path> left = Files.list(cache.resolve("batches"))) {
      assertEquals(List.of(), left.toList(), "every record was collected");
    }
  }

  /**
   * Runs {@code java -jar target/tracegen.jar run --profile=TINY ARGS} with {@code env} added, and
   * kills it (SIGKILL) once it has recorded a batch id under {@code cache}.
   */
  static void killWhileABatchIsOut(String[] args, Path cache, Path log, Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-jar", Path.of("target", "tracegen.jar").toString(), "run", "--profile=" + TINY, "--quiet"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      Path batches = cache.resolve("batches");
      for (int i = 0; i < 1800 && !hasBatchId(batches); i++) {
        assertTrue(p.isAlive(), () -> "the build ended early: " + read(log));
        Thread.sleep(100);
      }
      assertTrue(hasBatchId(batches), () -> "a batch was created and recorded: " + read(log));
      Thread.sleep(500);
    } finally {
      p.destroyForcibly();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    }
  }

  static boolean hasBatchId(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".batch"));
    }
  }

  static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      return "";
    }
  }
}
