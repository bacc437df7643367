package dev.tracegen.bench;

import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.llm.LlmClient;
import dev.tracegen.llm.LlmLimits;
import dev.tracegen.llm.LlmSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives requests through {@link LlmClient} on the real {@code openai} path against a running
 * {@code tracegen serve} and compares achieved calls/s with Little's law (in-flight / latency).
 *
 * <pre>java -cp target/tracegen.jar dev.tracegen.bench.ThroughputBench --baseUrl=http://127.0.0.1:PORT/v1 \
 *     --latencyMillis=200 --inFlight=8,32,128 --seconds=10 [--cacheDir=DIR]</pre>
 *
 * <p>Every request has a new prompt, so with {@code --cacheDir} every answer is a miss that is
 * appended to the cache: the figure is the cost of writing the cache, run against the same
 * levels without it.
 */
public final class ThroughputBench {
  private ThroughputBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>(Map.of("baseUrl", "", "latencyMillis", "200", "inFlight", "8,32,128",
        "seconds", "10", "model", "tracegen-embedded-1", "cacheDir", ""));
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      if (!o.containsKey(kv[0]) || kv.length != 2) {
        throw new IllegalArgumentException("unknown or empty option " + a + "; known: " + o.keySet());
      }
      o.put(kv[0], kv[1]);
    }
    if (o.get("baseUrl").isBlank()) {
      throw new IllegalArgumentException("--baseUrl=http://127.0.0.1:PORT/v1 of a running tracegen serve is required");
    }
    double latency = Double.parseDouble(o.get("latencyMillis")) / 1000.0;
    double seconds = Double.parseDouble(o.get("seconds"));
    String cacheDir = o.get("cacheDir");
    System.out.printf("%-9s %8s %9s %8s %6s%s%n", "in-flight", "calls/s", "bound", "ratio", "calls",
        cacheDir.isBlank() ? "" : String.format(" %14s %8s %7s", "cache calls/s", "ratio", "on/off"));
    for (String level : o.get("inFlight").split(",")) {
      int inFlight = Integer.parseInt(level.strip());
      double bound = inFlight / latency;
      Result off = run(o.get("baseUrl"), o.get("model"), inFlight, seconds, "");
      String line = String.format("%-9d %8.1f %9.1f %8.3f %6d", inFlight, off.rate(), bound, off.rate() / bound,
          off.calls());
      if (!cacheDir.isBlank()) {
        Path dir = Path.of(cacheDir, "bench-" + UUID.randomUUID());
        Result on = run(o.get("baseUrl"), o.get("model"), inFlight, seconds, dir.toString());
        line += String.format(" %14.1f %8.3f %7.3f", on.rate(), on.rate() / bound, on.rate() / off.rate());
        deleteTree(dir);
      }
      System.out.println(line);
    }
  }

  record Result(long calls, double rate) {}

  static Result run(String baseUrl, String model, int inFlight, double seconds, String cacheDir) throws Exception {
    LlmSettings settings = new LlmSettings("openai", model, baseUrl, "", 0.0, 512, 30, inFlight, 0, 0)
        .withLimits(new LlmLimits(0, 0, 5, 100, 0, 0))
        .withCacheDir(cacheDir)
        .withRunId(UUID.randomUUID().toString());
    LlmClient client = LlmClient.shared(settings, null);
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    AtomicInteger ids = new AtomicInteger();
    try {
      // Warm-up: connections, JIT.
      drive(pool, client, inFlight, tag, ids, System.nanoTime() + 2_000_000_000L);
      long start = System.nanoTime();
      long calls = drive(pool, client, inFlight, tag, ids, start + (long) (seconds * 1e9));
      double elapsed = (System.nanoTime() - start) / 1e9;
      return new Result(calls, calls / elapsed);
    } finally {
      pool.shutdownNow();
      client.release();
    }
  }

  /** {@code inFlight} workers send calls back to back until {@code deadline}; returns how many completed. */
  static long drive(ExecutorService pool, LlmClient client, int inFlight, String tag, AtomicInteger ids, long deadline)
      throws Exception {
    List<Future<Long>> workers = new ArrayList<>();
    for (int w = 0; w < inFlight; w++) {
      workers.add(pool.submit(() -> {
        long n = 0;
        while (System.nanoTime() < deadline) {
          int id = ids.incrementAndGet();
          client.call("bench", List.of(UserMessage.from("Write a short note about tea, number " + id + " (" + tag
              + ").\n1. Use at most 40 words.")), null);
          n++;
        }
        return n;
      }));
    }
    long total = 0;
    for (Future<Long> f : workers) {
      total += f.get();
    }
    return total;
  }

  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
