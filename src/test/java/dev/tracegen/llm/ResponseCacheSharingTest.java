package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs sharing one cache directory at the same time: told about each other, and no request paid twice. */
class ResponseCacheSharingTest {
  @TempDir
  Path dir;

  /** Longer than any wait these tests expect to see, shorter than a hung test. */
  static final long WAIT = 10_000;

  ResponseCache open(String run) {
    return open(run, WAIT);
  }

  ResponseCache open(String run, long claimWaitMillis) {
    return ResponseCache.open(dir.toString(), run, CacheStore.BEAM, claimWaitMillis);
  }

  static String key(int i) {
    return ResponseCacheTest.key(i);
  }

  static ResponseCache.Entry answer(int i, String by) {
    return new ResponseCache.Entry("answer " + i + " by " + by, 3, 4);
  }

  /** Lets each run's next miss see holders that appeared since its last look. */
  static void letHoldersBeSeen() throws InterruptedException {
    Thread.sleep(ResponseCache.HOLDERS_EVERY_MILLIS + 100);
  }

  @Test
  void theSecondRunIsWarnedOnceNamingTheDirectoryAndTheHolderAndTheHolderGoesOnClose() throws Exception {
    ResponseCache a = open("run-a");
    assertTrue(a.get(key(1)).isEmpty());
    assertEquals(List.of("holder-" + a.holderId() + ".json"), files("holder-"), "a run about to pay announces itself");
    ResponseCache b;
    try (CapturedStderr err = new CapturedStderr()) {
      b = open("run-b");
      for (int i = 2; i < 6; i++) {
        b.get(key(i));
      }
      letHoldersBeSeen();
      b.get(key(7));
      List<String> warnings = err.lines("is in use by another run");
      assertEquals(1, warnings.size(), "one warning per other run: " + warnings);
      String w = warnings.get(0);
      assertTrue(w.contains("WARN") && w.contains(a.dir()) && w.contains("pid " + ProcessHandle.current().pid())
          && w.contains("on host ") && w.contains("started 20"), w);
    }
    a.close();
    assertEquals(List.of("holder-" + b.holderId() + ".json"), files("holder-"));
    b.close();
    assertEquals(List.of(), files("holder-"));
    assertEquals(List.of(), files("claims-"), "claims only live as long as their run");
  }

  @Test
  void anAnswerAnotherLiveRunPaidForAfterThisOneOpenedIsReused() {
    ResponseCache a = open("run-a");
    assertTrue(a.get(key(1)).isEmpty());
    ResponseCache b = open("run-b");
    a.put(key(1), answer(1, "a"));
    assertEquals(Optional.of(answer(1, "a")), b.get(key(1)), "read from a's segment as it grew");
    assertEquals(1, b.hits());
    a.close();
    b.close();
  }

  @Test
  void aRequestAnotherRunIsSendingIsWaitedForNotSentAgain() throws Exception {
    ResponseCache a = open("run-a");
    ResponseCache b = open("run-b");
    assertTrue(a.get(key(100)).isEmpty());
    assertTrue(b.get(key(101)).isEmpty());
    letHoldersBeSeen();
    assertTrue(a.get(key(1)).isEmpty(), "a sends key 1 and claims it");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      long t0 = System.nanoTime();
      Future<Optional<ResponseCache.Entry>> fromB = pool.submit(() -> b.get(key(1)));
      Thread.sleep(300);
      assertFalse(fromB.isDone(), "b waits for the answer a is paying for");
      a.put(key(1), answer(1, "a"));
      assertEquals(Optional.of(answer(1, "a")), fromB.get(5, TimeUnit.SECONDS));
      assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
      assertEquals(1, b.awaited());
    } finally {
      pool.shutdownNow();
      a.close();
      b.close();
    }
  }

  @Test
  void twoRunsMissingTheSameKeysAtTheSameTimeSendEachOnce() throws Exception {
    ResponseCache a = open("run-a");
    ResponseCache b = open("run-b");
    a.get(key(-1));
    b.get(key(-2));
    letHoldersBeSeen();
    int n = 400;
    AtomicInteger sent = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<?>> work = new ArrayList<>();
    for (ResponseCache run : List.of(a, b)) {
      AtomicInteger next = new AtomicInteger();
      String by = run == a ? "a" : "b";
      for (int t = 0; t < 8; t++) {
        work.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < n; ) {
            if (run.get(key(i)).isEmpty()) {
              sent.incrementAndGet();
              Thread.sleep(20); // the model answering: long enough for the two runs to overlap
              run.put(key(i), answer(i, by));
            }
          }
          return null;
        }));
      }
    }
    for (Future<?> f : work) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    System.out.printf("two runs, %d keys each, same order, 8 threads each: %d requests sent, %d awaited%n", n,
        sent.get(), a.awaited() + b.awaited());
    // A claim made within microseconds of the other run's may still be sent twice.
    assertTrue(sent.get() >= n && sent.get() <= n + n / 100, sent.get() + " sent for " + n + " keys");
    for (int i = 0; i < n; i++) {
      assertTrue(a.get(key(i)).isPresent() || b.get(key(i)).isPresent());
    }
    a.close();
    b.close();
  }

  @Test
  void anIncompleteLastLineOfALiveWriterIsLeftUntilItIsComplete() throws Exception {
    ResponseCache a = open("run-a");
    assertTrue(a.get(key(0)).isEmpty());
    ResponseCache b = open("run-b");
    // As if a was half-way through writing its second answer.
    Path seg = dir.resolve("segment-" + a.holderId() + ".jsonl");
    byte[] first = ResponseCache.line(key(1), answer(1, "a"));
    byte[] second = ResponseCache.line(key(2), answer(2, "a"));
    Files.write(seg, first);
    Files.write(seg, Arrays.copyOf(second, 20), StandardOpenOption.APPEND);
    assertEquals(Optional.of(answer(1, "a")), b.get(key(1)));
    assertTrue(b.get(key(2)).isEmpty());
    ResponseCache c = open("run-c");
    assertEquals(0, c.skipped(), "a line still being written is not torn");
    Files.write(seg, Arrays.copyOfRange(second, 20, second.length), StandardOpenOption.APPEND);
    Thread.sleep(ResponseCache.LOCAL_SCAN_EVERY_MILLIS + 10);
    assertEquals(Optional.of(answer(2, "a")), b.get(key(2)));
    assertEquals(0, b.skipped());
    a.close();
    b.close();
    c.close();
  }

  @Test
  void holdersOfDeadProcessesOnThisHostAreTakenOverAndTheirClaimsDoNotHold() throws Exception {
    CacheHolder me = CacheHolder.current("x");
    // A pid no process has, and this process's pid with another start time (a reused pid).
    CacheHolder dead = new CacheHolder(UUID.randomUUID().toString(), "old-1", 999_999_999L, me.host(),
        me.startedMillis() - 3_600_000, me.processStartMillis() - 3_600_000);
    CacheHolder reused = new CacheHolder(UUID.randomUUID().toString(), "old-2", me.pid(), me.host(),
        me.startedMillis() - 3_600_000, me.processStartMillis() - 3_600_000);
    for (CacheHolder h : List.of(dead, reused)) {
      Files.write(dir.resolve(h.fileName()), h.toJson());
      Files.writeString(dir.resolve("claims-" + h.id() + ".jsonl"),
          "+" + key(5) + " " + System.currentTimeMillis() * 1000 + "\n");
    }
    ResponseCache b;
    try (CapturedStderr err = new CapturedStderr()) {
      b = open("run-b");
      long t0 = System.nanoTime();
      assertTrue(b.get(key(5)).isEmpty());
      assertTrue((System.nanoTime() - t0) / 1_000_000 < WAIT / 2, "a dead run's claim is not waited for");
      assertEquals(2, err.lines("is gone; its holder file is removed").size(), "one message per dead holder");
      assertEquals(List.of(), err.lines("is in use by another run"));
    }
    assertEquals(List.of("holder-" + b.holderId() + ".json"), files("holder-"));
    assertEquals(List.of(), files("claims-"));
    b.close();
  }

  @Test
  void aClaimWhoseAnswerNeverComesIsWaitedForBoundedlyAndNotAfterItsRunEnds() throws Exception {
    ResponseCache a = open("run-a", 600);
    ResponseCache b = open("run-b", 600);
    a.get(key(100));
    b.get(key(101));
    letHoldersBeSeen();
    assertTrue(a.get(key(1)).isEmpty(), "a claims key 1, then its call fails: no answer ever comes");
    long t0 = System.nanoTime();
    assertTrue(b.get(key(1)).isEmpty());
    long waited = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(waited >= 300 && waited < 5_000, "waited " + waited + " ms for a claim of 600 ms");

    ResponseCache c = open("run-c", WAIT);
    c.get(key(102));
    assertTrue(a.get(key(2)).isEmpty(), "a claims key 2");
    Thread.sleep(ResponseCache.LOCAL_SCAN_EVERY_MILLIS + 10);
    a.close();
    t0 = System.nanoTime();
    assertTrue(c.get(key(2)).isEmpty());
    waited = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(waited < WAIT / 2, "a run that ended releases its claims (waited " + waited + " ms)");
    b.close();
    c.close();
  }

  @Test
  void holderAndClaimsFilesCarryNoSecret() throws Exception {
    String secret = "sk-planted-" + UUID.randomUUID();
    Secrets.override(name -> "TEST_KEY_ENV".equals(name) ? secret : System.getenv(name));
    try {
      ResponseCache a = open("run-a");
      ResponseCache b = open("run-b");
      a.get(key(100));
      b.get(key(101));
      letHoldersBeSeen();
      LlmSettings s = LlmClientTest.settings(0, 1).withCacheDir(dir.toString()).withRunId("run-a");
      LlmClient client = new LlmClient(s, new LlmClientTest.FakeModel(i -> "answer " + i), a, new Budget(0, 0),
          new RateLimits(0, 0), new CircuitBreaker(), () -> 0.5);
      for (int i = 0; i < 5; i++) {
        client.call("expand", List.of(dev.langchain4j.data.message.UserMessage.from("prompt " + i)), null);
      }
      assertFalse(files("claims-").isEmpty() || files("holder-").isEmpty() || files("segment-").isEmpty());
      try (Stream<Path> all = Files.list(dir)) {
        for (Path f : all.toList()) {
          assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret), f.toString());
        }
      }
      a.close();
      b.close();
    } finally {
      Secrets.override(null);
    }
  }

  private List<String> files(String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
    }
  }
}
