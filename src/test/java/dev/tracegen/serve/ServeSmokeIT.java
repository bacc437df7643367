package dev.tracegen.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.SmokeReference;
import dev.tracegen.TraceGen;
import dev.tracegen.TraceOptions;
import dev.tracegen.TraceRun;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.llm.Secrets;
import dev.tracegen.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke profile over real HTTP, through the real LangChain4j OpenAI client, against
 * {@link EmbeddedServer}: the same records as in-process although the server injects faults, the
 * circuit breaker, a 401, the key never written; a rerun sends nothing and writes the same bytes, an edited judge
 * prompt re-asks only the judge steps; a shortfall stops the run unless allowed, and a top-up rerun
 * with a higher over-generation factor pays only for the new plans.
 * Requests are counted at the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeSmokeIT {
  static final String MODEL = "tracegen-embedded-1";
  static final String KEY_ENV = "TRACEGEN_IT_KEY";
  static final String BAD_KEY_ENV = "TRACEGEN_IT_BAD_KEY";
  static final String KEY = "sk-planted-" + Long.toHexString(System.nanoTime()) + "-do-not-leak";
  static final String BAD_KEY = "sk-wrong-" + Long.toHexString(System.nanoTime());

  @TempDir static Path tmp;
  static EmbeddedChatModel model;
  static Path embedded;
  static Map<String, String> embeddedRecords;
  static Path cache;
  static Path http;
  static final List<EmbeddedServer> servers = new ArrayList<>();
  static final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  @BeforeAll
  static void baseline() throws Exception {
    Secrets.override(name -> switch (name) {
      case KEY_ENV -> KEY;
      case BAD_KEY_ENV -> BAD_KEY;
      default -> System.getenv(name);
    });
    model = ServeCommand.model(Path.of("taxonomy"), 0, 0);
    embedded = SmokeReference.directory();
    cache = tmp.resolve("cache");
    http = tmp.resolve("http");
    embeddedRecords = records(embedded);
  }

  @AfterAll
  static void stop() {
    servers.forEach(EmbeddedServer::close);
    Secrets.override(null);
  }

  static EmbeddedServer serve(EmbeddedServer.Config config) throws IOException {
    EmbeddedServer s = EmbeddedServer.start(config, model);
    servers.add(s);
    return s;
  }

  static final String SMOKE = "pipeline/smoke.yaml";

  static String[] httpArgs(EmbeddedServer s, String... more) {
    List<String> args = new ArrayList<>(List.of("--provider=openai", "--baseUrl=" + s.baseUrl(), "--model=" + MODEL));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  static TraceRun.Outcome run(String... args) throws IOException {
    return runProfile(SMOKE, args);
  }

  static TraceRun.Outcome runProfile(String profile, String... args) throws IOException {
    PipelineOptionsFactory.register(TraceOptions.class);
    List<String> all = new ArrayList<>(List.of("--profile=" + profile));
    all.addAll(List.of(args));
    TraceOptions o = PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).withValidation().as(TraceOptions.class);
    o.setQuiet(true);
    return TraceRun.run(o);
  }

  /** Runs the CLI in-process, with stdout and stderr copied into {@link #logs}; returns the exit code. */
  static int cli(String... args) {
    return cliProfile(SMOKE, args);
  }

  static int cliProfile(String profile, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream mine = new ByteArrayOutputStream();
    System.setOut(new PrintStream(tee(out, mine), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(tee(err, mine), true, StandardCharsets.UTF_8));
    try {
      List<String> all = new ArrayList<>(List.of("run", "--profile=" + profile));
      all.addAll(List.of(args));
      return TraceGen.execute(all.toArray(String[]::new));
    } finally {
      System.setOut(out);
      System.setErr(err);
      synchronized (logs) {
        logs.writeBytes(mine.toByteArray());
      }
      lastCli = mine.toString(StandardCharsets.UTF_8);
    }
  }

  static String lastCli = "";

  static OutputStream tee(OutputStream a, OutputStream b) {
    return new OutputStream() {
      @Override
      public void write(int c) throws IOException {
        a.write(c);
        synchronized (b) {
          b.write(c);
        }
      }

      @Override
      public void write(byte[] buf, int off, int len) throws IOException {
        a.write(buf, off, len);
        synchronized (b) {
          b.write(buf, off, len);
        }
      }
    };
  }

  /** When a server got its first request (the pipeline's own start-up time is not the LLM layer's). */
  static final class FirstRequest {
    final java.util.concurrent.atomic.AtomicLong at = new java.util.concurrent.atomic.AtomicLong();
    Thread thread;

    EmbeddedServer server;

    static FirstRequest watch(EmbeddedServer s) {
      FirstRequest f = new FirstRequest();
      f.server = s;
      f.thread = new Thread(() -> {
        while (f.at.get() == 0) {
          if (s.stats().get("requests") > 0) {
            f.at.compareAndSet(0, System.nanoTime());
            return;
          }
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      f.thread.setDaemon(true);
      f.thread.start();
      return f;
    }

    double secondsUntilNow() throws InterruptedException {
      long now = System.nanoTime();
      thread.interrupt();
      thread.join();
      // A run that stops within one polling interval of its first request ends before the watcher
      // looks again: it took less than that interval.
      if (at.get() == 0 && server.stats().get("requests") > 0) {
        at.compareAndSet(0, now);
      }
      assertTrue(at.get() > 0, "the server got no request");
      return (now - at.get()) / 1e9;
    }
  }

  /** Train and eval records by shard and id, without the provider labels in lineage. */
  static Map<String, String> records(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList()) {
        for (String line : gunzip(f).split("\n")) {
          if (line.isBlank()) {
            continue;
          }
          ObjectNode r = (ObjectNode) Json.PLAIN.readTree(line);
          ((ObjectNode) r.path("lineage")).remove(List.of("generator", "judge"));
          String key = f.getFileName() + ":" + r.path("id").asText();
          assertFalse(out.containsKey(key), "duplicate record " + key);
          out.put(key, r.toString());
        }
      }
    }
    return out;
  }

  /** Rejections (stage, reason, id, detail) under {@code dir}/rejections, one string per line. */
  static List<String> rejections(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    Path rejections = dir.resolve("rejections");
    if (!Files.isDirectory(rejections)) {
      return out;
    }
    try (Stream<Path> files = Files.list(rejections)) {
      for (Path f : files.sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            JsonNode r = Json.PLAIN.readTree(line);
            out.add(r.path("stage").asText() + "/" + r.path("reason").asText() + " " + r.path("id").asText() + ": "
                + r.path("detail").asText());
          }
        }
      }
    }
    return out;
  }

  /** Rejections of {@code run} that {@code baseline} does not have. */
  static List<String> extraRejections(Path baseline, Path run) {
    try {
      List<String> extra = new ArrayList<>(rejections(run));
      extra.removeAll(rejections(baseline));
      return extra;
    } catch (IOException e) {
      return List.of("cannot read rejections: " + e);
    }
  }

  static String gunzip(Path f) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Map<String, byte[]> tree(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }

  static JsonNode runJson(Path dir) throws IOException {
    return Json.PLAIN.readTree(dir.resolve("run.json").toFile());
  }

  static long sent(JsonNode llm, String step) {
    JsonNode s = llm.path(step);
    return s.path("calls").asLong() - s.path("cache_hits").asLong();
  }

  /** Every file under {@code dir} (gzip opened), as text; used to look for the planted key. */
  static void assertNoKey(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = f.toString().endsWith(".gz") ? gunzip(f) : new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(KEY), "the API key leaked into " + f);
      }
    }
  }

  @Test
  @Order(1)
  void sameRecordsOverHttpWithFaultsAsInProcessAndTheKeyIsNeverWritten() throws Exception {
    // 429s, 500s, stalls past the request timeout and malformed answers: every one retried. Rates
    // that give each fault dozens of times in a smoke run's ~3,300 requests (each wait costs CI time).
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withRequiredKey(KEY)
        .withFaults(0.03, 0.02, 0.006, 0.02).withStallSeconds(5).withRetryAfterSeconds(1));
    int code = cli(httpArgs(s, "--output=" + http, "--apiKeyEnv=" + KEY_ENV, "--cacheDir=" + cache,
        "--requestTimeout=2", "--maxRetries=8", "--retryBaseMillis=200", "--targetParallelism=12"));
    assertEquals(0, code, lastCli);
    // A lost record shows up as a rejection the in-process run did not make; its reason names the cause.
    assertEquals(embeddedRecords, records(http), () -> "the same records as the in-process embedded model, none "
        + "lost, duplicated or changed; rejections the in-process run did not make: " + extraRejections(embedded, http));
    Map<String, Long> stats = s.stats();
    assertTrue(stats.get("status_429") > 0 && stats.get("status_500") > 0 && stats.get("stalled") > 0
        && stats.get("malformed") > 0, stats.toString());
    JsonNode llm = runJson(http).path("llm");
    long retries = 0;
    long calls = 0;
    for (JsonNode step : llm) {
      retries += step.path("retries").asLong();
      calls += step.path("calls").asLong();
    }
    System.out.println("faults: " + stats + "; calls and retries in run.json: " + calls + ", " + retries);
    assertTrue(retries > 0, "retries counted in run.json");
    assertTrue(retries >= stats.get("failed"), "every faulted request was retried");
    // Not failed == retries: on a loaded machine an answer can also miss the 2 s timeout, and its
    // retry is just as real. Every request the server got is one attempt the client counted.
    assertEquals(stats.get("requests"), calls + retries, "every request counted once, as an answer or a retry");
    assertTrue(lastCli.contains("LLM step") && lastCli.contains("cache hits"), "end-of-run summary printed");
    assertNoKey(http);
    assertNoKey(cache);
    assertFalse(logs.toString(StandardCharsets.UTF_8).contains(KEY), "the API key leaked into the logs");
    assertTrue(runJson(http).path("options").toString().contains(KEY_ENV), "run.json names the variable");
  }

  @Test
  @Order(2)
  void rerunOfAFinishedBuildSendsNothingAndWritesTheSameBytes() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withRequiredKey(KEY));
    Path again = tmp.resolve("http-again");
    assertEquals(0, cli(httpArgs(s, "--output=" + again, "--apiKeyEnv=" + KEY_ENV, "--cacheDir=" + cache)), lastCli);
    assertEquals(0, s.stats().get("requests"), "a finished build is answered from the cache");
    Map<String, byte[]> a = tree(http);
    Map<String, byte[]> b = tree(again);
    // run.json and report.html carry run-specific numbers (wall time, LLM calls, cache hits).
    for (String runSpecific : List.of("run.json", "report.html")) {
      a.remove(runSpecific);
      b.remove(runSpecific);
    }
    assertEquals(a.keySet(), b.keySet());
    a.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, b.get(name)), name + " differs"));
    JsonNode llm = runJson(again).path("llm");
    llm.forEach(step -> assertEquals(step.path("calls").asLong(), step.path("cache_hits").asLong()));
    assertNoKey(again);
  }

  @Test
  @Order(3)
  void editedJudgePromptReasksOnlyJudgeStepsAndWhatFollows() throws Exception {
    Path prompts = tmp.resolve("prompts");
    Files.createDirectories(prompts);
    try (Stream<Path> files = Files.list(Path.of("prompts"))) {
      for (Path f : files.toList()) {
        Files.copy(f, prompts.resolve(f.getFileName()));
      }
    }
    Files.writeString(prompts.resolve("judge.txt"), Files.readString(prompts.resolve("judge.txt"))
        .replaceFirst("\n", "\nJudge strictly: a constraint that is only partly met scores below 10.\n"));
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withRequiredKey(KEY));
    Path edited = tmp.resolve("http-judge-edited");
    assertEquals(0, cli(httpArgs(s, "--output=" + edited, "--apiKeyEnv=" + KEY_ENV, "--cacheDir=" + cache,
        "--prompts=" + prompts)), lastCli);
    JsonNode llm = runJson(edited).path("llm");
    Map<String, Long> sentPerStep = new TreeMap<>();
    llm.fieldNames().forEachRemaining(step -> sentPerStep.put(step, sent(llm, step)));
    System.out.println("edited judge.txt, requests per step: " + sentPerStep);
    for (String upstream : List.of("expand", "structure", "quality", "respond_y1")) {
      assertEquals(0, sent(llm, upstream), upstream + " is upstream of the judge: all cache hits");
    }
    for (String judge : List.of("judge_y1", "judge_y2", "cross_judge")) {
      assertTrue(sent(llm, judge) > 0, judge + " uses the edited prompt");
    }
    long total = 0;
    for (JsonNode step : llm) {
      total += step.path("calls").asLong() - step.path("cache_hits").asLong();
    }
    assertEquals(s.stats().get("requests"), total, "per-step counts match the server's");
  }

  @Test
  @Order(4)
  void allServerErrorsStopTheRunWithinAMinute() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withFaults(0, 1.0, 0, 0));
    FirstRequest first = FirstRequest.watch(s);
    long t0 = System.nanoTime();
    int code = cli(httpArgs(s, "--output=" + tmp.resolve("all500"), "--cache=false"));
    double after = first.secondsUntilNow();
    assertEquals(1, code);
    // The first call out of retries stops the run; no element is rejected for the endpoint's faults.
    assertTrue(lastCli.contains("no answer after 6 attempts") && lastCli.contains("HTTP 500"), lastCli);
    System.out.printf("all 500s: stopped %.1f s after the first request (%.1f s in all), %d requests%n",
        after, (System.nanoTime() - t0) / 1e9, s.stats().get("requests"));
    assertTrue(after < 60, "stopped " + after + " s after the first call");
    assertTrue(s.stats().get("requests") < 644 * 6 / 4, "stopped long before every element used its retries");
    assertFalse(Files.exists(tmp.resolve("all500")), "nothing published");
  }

  @Test
  @Order(5)
  void wrongKeyFailsFastNamingTheVariable() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withRequiredKey(KEY));
    FirstRequest first = FirstRequest.watch(s);
    int code = cli(httpArgs(s, "--output=" + tmp.resolve("badkey"), "--apiKeyEnv=" + BAD_KEY_ENV, "--cache=false"));
    double seconds = first.secondsUntilNow();
    assertEquals(1, code);
    assertTrue(lastCli.contains("HTTP 401") && lastCli.contains("check the API key in environment variable "
        + BAD_KEY_ENV), lastCli);
    assertFalse(lastCli.contains(BAD_KEY));
    assertTrue(seconds < 15, "failed " + seconds + " s after the first request");
    assertTrue(s.stats().get("status_401") < 100, "stopped at the first 401s, not after every element");
    assertFalse(logs.toString(StandardCharsets.UTF_8).contains(KEY));
  }

  @Test
  @Order(6)
  void shortfallIsAnErrorAndATopUpRerunPaysOnlyForTheNewPlans() throws Exception {
    Path topUpCache = tmp.resolve("topup-cache");
    // Exactly one plan per record (factor 1.0, no margin per constraint): every plan must survive
    // every stage, dedup and decontamination; some do not. Its plans are the first plans of each
    // stratum at any larger factor, so a top-up reuses all of them.
    Path tight = tmp.resolve("smoke-tight.yaml");
    Files.writeString(tight, Files.readString(Path.of(SMOKE)).replaceAll("(?m)^overgeneration_per_constraint: .*$",
        "overgeneration_per_constraint: 0"));
    EmbeddedServer first = serve(EmbeddedServer.Config.defaults());
    Path low = tmp.resolve("topup-low");
    int code = cliProfile(tight.toString(), httpArgs(first, "--output=" + low, "--cacheDir=" + topUpCache,
        "--overgeneration=1.0"));
    assertEquals(3, code, lastCli);
    assertTrue(lastCli.contains("--allowShortfall") && lastCli.matches("(?s).*(train|eval) k=\\d+: \\d+ of \\d+ \\(short by \\d+\\).*"),
        lastCli);
    assertFalse(Files.exists(low), "a shortfall publishes nothing");
    long firstRequests = first.stats().get("requests");
    assertTrue(firstRequests > 0);

    // Allowed: the same run publishes what it has (all from the cache) and reports the shortfall.
    EmbeddedServer again = serve(EmbeddedServer.Config.defaults());
    TraceRun.Outcome allowed = runProfile(tight.toString(), httpArgs(again, "--output=" + low, "--cacheDir=" + topUpCache,
        "--overgeneration=1.0", "--allowShortfall"));
    assertEquals(0, again.stats().get("requests"), "the same plans are answered from the cache");
    assertFalse(allowed.shortfalls().isEmpty());
    assertEquals(allowed.shortfalls().size(), runJson(low).path("shortfalls").size(), "run.json lists every short stratum");
    assertTrue(records(low).size() < embeddedRecords.size());

    // The default (adaptive) run on the same cache: its waves start with the same slots, so earlier
    // answers are replayed, only new plans are sent, and the corpus is the one a direct run builds.
    EmbeddedServer topUp = serve(EmbeddedServer.Config.defaults());
    Path full = tmp.resolve("topup-full");
    TraceRun.Outcome o = run(httpArgs(topUp, "--output=" + full, "--cacheDir=" + topUpCache));
    assertTrue(o.shortfalls().isEmpty(), "targets met after the top-up");
    assertEquals(embeddedRecords, records(full));
    JsonNode llm = runJson(full).path("llm");
    long calls = 0;
    long hits = 0;
    for (JsonNode step : llm) {
      calls += step.path("calls").asLong();
      hits += step.path("cache_hits").asLong();
    }
    long sent = topUp.stats().get("requests");
    System.out.printf("top-up 1.0 -> adaptive: first run %d requests; top-up %d calls, %d cache hits, %d sent%n",
        firstRequests, calls, hits, sent);
    assertEquals(calls - hits, sent, "per-step counts match the server's");
    // The adaptive waves plan the first target slots of every stratum, all of which the first run made.
    assertTrue(hits >= 0.8 * firstRequests, "the first run's answers are reused (" + hits + " hits of " + firstRequests + ")");
    assertTrue(sent > 0, "the new plans are sent");
  }
}
