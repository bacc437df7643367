package dev.tracegen.llm.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.llm.LlmClient;
import dev.tracegen.llm.LlmFatalException;
import dev.tracegen.llm.LlmLimits;
import dev.tracegen.llm.LlmReply;
import dev.tracegen.llm.LlmSession;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.Secrets;
import dev.tracegen.serve.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector with the real client over HTTP, driven as an LLM step drives it: elements ask on
 * a pool, the processing thread sends the batch once all of them wait. Answers, the cache, lines
 * sent again on their own, and a run killed while its batch was out; through OpenAI's batch API
 * and through Anthropic's Message Batches.
 */
class BatchCollectorTest {
  static final String MODEL = "tracegen-embedded-1";
  static final String STEP = "respond_y1";
  static EmbeddedChatModel model;

  @TempDir Path tmp;
  final List<EmbeddedServer> servers = new ArrayList<>();
  final List<LlmClient> clients = new ArrayList<>();

  @BeforeAll
  static void load() {
    model = ServeCommand.model(Path.of("taxonomy"), 0, 0);
  }

  /** The key variable an Anthropic client is given when a test names none (the server asks for no key). */
  static final String ANTHROPIC_KEY_ENV = "ANTHROPIC_TEST_KEY";

  @BeforeEach
  void keys() {
    Secrets.override(name -> name.equals(ANTHROPIC_KEY_ENV) ? "sk-ant-collector-test" : null);
  }

  @AfterEach
  void stop() {
    clients.forEach(LlmClient::release);
    servers.forEach(EmbeddedServer::close);
    Secrets.override(null);
  }

  EmbeddedServer serve(EmbeddedServer.Config config) throws Exception {
    EmbeddedServer s = EmbeddedServer.start(config, model);
    servers.add(s);
    return s;
  }

  LlmClient client(String provider, EmbeddedServer s, Path cache, String keyEnv, boolean batch) {
    String env = keyEnv.isEmpty() && provider.equals("anthropic") ? ANTHROPIC_KEY_ENV : keyEnv;
    LlmSettings settings = new LlmSettings(provider, MODEL, s.baseUrl(), env, 0.0, 512, 5, 64, 0, 0)
        .withLimits(new LlmLimits(0, 0, 2, 10, 0, 0))
        .withCacheDir(cache.toString())
        .withRunId(UUID.randomUUID().toString())
        .withBatch(batch ? new BatchSettings(true, 0.02, 50_000, 24) : BatchSettings.OFF);
    LlmClient c = LlmClient.shared(settings, null);
    clients.add(c);
    return c;
  }

  static List<String> prompts(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("Write a short note about green tea number " + i + ".\n1. Use at most 40 words.");
    }
    return out;
  }

  /** Asks every prompt as one element each and drives the collector as LlmStepFn does; the answers in order. */
  static List<String> askAll(LlmClient client, BatchCollector c, List<String> prompts) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(prompts.size());
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (String p : prompts) {
        c.started();
        answers.add(pool.submit(() -> {
          try {
            return new LlmSession(client, STEP, c).askText(p);
          } finally {
            c.finished();
          }
        }));
      }
      while (!answers.stream().allMatch(Future::isDone)) {
        if (!c.flushIfAllWaiting()) {
          Thread.sleep(5);
        }
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : answers) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  static List<String> expected(List<String> prompts) {
    return prompts.stream().map(p -> model.answer(List.of(UserMessage.from(p)))).toList();
  }

  static List<String> ledger(Path cache) throws Exception {
    Path dir = cache.resolve(BatchLedger.DIR);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void cacheMissesGoOutAsOneBatchAndTheirAnswersIntoTheCache(String provider) throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    s.batches().delaySeconds(0.1);
    Path cache = tmp.resolve("cache");
    LlmClient client = client(provider, s, cache, "", true);
    BatchCollector c = BatchCollector.open(client, STEP);
    List<String> prompts = new ArrayList<>(prompts(12));
    prompts.add(prompts.get(0)); // the same request from two elements is sent once
    assertEquals(expected(prompts), askAll(client, c, prompts));
    Map<String, Long> stats = s.stats();
    assertEquals(1, stats.get("batches_created"));
    assertEquals(12, stats.get("batch_lines"));
    assertEquals(0, stats.get("requests"), "nothing sent on its own");
    assertEquals(12, c.submitted());
    assertEquals(12, c.answered());
    assertEquals(List.of(), ledger(cache), "the record is removed once the answers are cached");
    // Another run on the same cache finds every answer there.
    LlmClient rerun = client(provider, s, cache, "", false);
    for (String p : prompts) {
      LlmReply r = rerun.call(STEP, List.of(UserMessage.from(p)), null);
      assertTrue(r.cached(), "cached: " + p);
    }
    assertEquals(0, s.stats().get("requests"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void failedAndCutOffLinesAreSentOnTheirOwn(String provider) throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    s.batches().delaySeconds(0).failures(0.3).malformed(0.2);
    LlmClient client = client(provider, s, tmp.resolve("cache"), "", true);
    BatchCollector c = BatchCollector.open(client, STEP);
    List<String> prompts = prompts(40);
    assertEquals(expected(prompts), askAll(client, c, prompts), "every element gets the model's answer");
    Map<String, Long> stats = s.stats();
    long failed = stats.get("batch_lines_failed");
    long cut = stats.get("batch_lines_malformed");
    assertTrue(failed > 0 && cut > 0, stats.toString());
    assertEquals(failed + cut, stats.get("requests"), "exactly the unusable lines were sent again");
    assertEquals(failed + cut, c.unanswered());
    assertEquals(40, s.requestCounts().perRequest().size());
    long twice = s.requestCounts().perRequest().values().stream().filter(v -> v == 2).count();
    assertEquals(cut, twice, "only a cut-off line (answered, then unreadable) was paid twice");
  }

  /** Runs {@link #askAll} on its own thread, to be interrupted as a kill would stop it. */
  static Thread runInBackground(LlmClient client, BatchCollector c, List<String> prompts, List<Throwable> failure) {
    Thread t = new Thread(() -> {
      try {
        askAll(client, c, prompts);
      } catch (Throwable e) {
        failure.add(e);
      }
    });
    t.start();
    return t;
  }

  void killWhileTheBatchIsOutThenRerun(String provider, boolean loseTheId) throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    s.batches().delaySeconds(3600);
    Path cache = tmp.resolve("cache");
    List<String> prompts = prompts(10);
    LlmClient first = client(provider, s, cache, "", true);
    List<Throwable> failure = new ArrayList<>();
    Thread run = runInBackground(first, BatchCollector.open(first, STEP), prompts, failure);
    for (int i = 0; i < 500 && ledger(cache).stream().noneMatch(n -> n.endsWith(".batch")); i++) {
      Thread.sleep(10);
    }
    assertEquals(1, s.stats().get("batches_created"));
    assertEquals(2, ledger(cache).size(), "record and batch id written: " + ledger(cache));
    run.interrupt();
    run.join(10_000);
    assertFalse(run.isAlive());
    assertFalse(failure.isEmpty(), "the first run did not finish");
    if (loseTheId) {
      // As if the process died between creating the batch and recording its id.
      try (Stream<Path> files = Files.list(cache.resolve(BatchLedger.DIR))) {
        for (Path p : files.filter(p -> p.toString().endsWith(".batch")).toList()) {
          Files.delete(p);
        }
      }
    }
    s.batches().delaySeconds(0);
    LlmClient second = client(provider, s, cache, "", true);
    BatchCollector c = BatchCollector.open(second, STEP);
    assertEquals(expected(prompts), askAll(second, c, prompts));
    Map<String, Long> stats = s.stats();
    assertEquals(1, stats.get("batches_created"), "no second batch: the first one's answers were collected");
    assertEquals(0, stats.get("requests"));
    assertEquals(0, c.submitted());
    assertEquals(10, s.requestCounts().perRequest().size());
    assertTrue(s.requestCounts().perRequest().values().stream().allMatch(v -> v == 1), "each request paid once");
    assertEquals(List.of(), ledger(cache));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aRunKilledWhileItsBatchIsOutLeavesItToTheNextRun(String provider) throws Exception {
    killWhileTheBatchIsOutThenRerun(provider, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aBatchWhoseIdWasNeverRecordedIsFoundByWhatItHolds(String provider) throws Exception {
    killWhileTheBatchIsOutThenRerun(provider, true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aRefusedBatchStopsTheRunWithoutTheKey(String provider) throws Exception {
    String key = "sk-batch-test-" + UUID.randomUUID();
    Secrets.override(name -> name.equals("BATCH_TEST_KEY") ? "sk-wrong-" + key : null);
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withRequiredKey(key));
    LlmClient client = client(provider, s, tmp.resolve("cache"), "BATCH_TEST_KEY", true);
    BatchCollector c = BatchCollector.open(client, STEP);
    // The processing thread that sends the batch stops the run; the waiting elements fail with it.
    LlmFatalException fatal = assertThrows(LlmFatalException.class, () -> askAll(client, c, prompts(2)));
    assertTrue(fatal.getMessage().contains("HTTP 401"), fatal.getMessage());
    assertFalse(fatal.getMessage().contains(key), "no key in messages");
    assertTrue(client.stopped());
  }
}
