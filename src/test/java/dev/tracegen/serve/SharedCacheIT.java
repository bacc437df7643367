package dev.tracegen.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.TraceRun;
import dev.tracegen.cli.ServeCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same smoke build started twice at once on one cache directory, over HTTP against one
 * {@link EmbeddedServer}: each run is told about the other, the two together send about what
 * one run sends alone (not twice that), and both build the same records. Requests are counted
 * at the server.
 */
class SharedCacheIT {
  @TempDir
  static Path tmp;

  /** Calls the run made (cache hits included): what it would have sent alone with an empty cache. */
  static long calls(Path out) throws IOException {
    long calls = 0;
    for (JsonNode step : ServeSmokeIT.runJson(out).path("llm")) {
      calls += step.path("calls").asLong();
    }
    return calls;
  }

  @Test
  void twoRunsStartedTogetherOnOneCacheSendEachRequestAboutOnce() throws Exception {
    EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Config.defaults().withLatency(20, 10),
        ServeCommand.model(Path.of("taxonomy"), 0, 0));
    Path cache = tmp.resolve("cache");
    Path out1 = tmp.resolve("out1");
    Path out2 = tmp.resolve("out2");
    PrintStream err = System.err;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    System.setErr(new PrintStream(ServeSmokeIT.tee(err, copy), true, StandardCharsets.UTF_8));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<TraceRun.Outcome>> runs = new ArrayList<>();
      for (Path out : List.of(out1, out2)) {
        runs.add(pool.submit(() -> ServeSmokeIT.run("--provider=openai", "--baseUrl=" + server.baseUrl(),
            "--model=" + ServeSmokeIT.MODEL, "--output=" + out, "--cacheDir=" + cache)));
      }
      for (Future<TraceRun.Outcome> r : runs) {
        assertTrue(r.get(30, TimeUnit.MINUTES).shortfalls().isEmpty(), "targets met");
      }
    } finally {
      pool.shutdownNow();
      System.setErr(err);
    }
    long requests = server.stats().get("requests");
    server.close();
    long alone = Math.max(calls(out1), calls(out2));
    long warnings = copy.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("WARN") && l.contains("is in use by another run") && l.contains(cache.toString()))
        .count();
    System.out.printf("two smoke runs at once on one cache: %d requests at the server; one run makes %d calls "
        + "(%.2fx); %d in-use warnings%n", requests, alone, requests / (double) alone, warnings);
    assertTrue(warnings >= 1, "a run is told that another uses the cache");
    assertTrue(requests < alone * 1.2, requests + " requests for runs of " + alone + " calls each");
    assertEquals(ServeSmokeIT.records(out1), ServeSmokeIT.records(out2), "the same records from either run");
    try (Stream<Path> left = Files.list(cache)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("segment-")).toList(),
          "holder and claims files are removed when their runs end");
    }
  }
}
