package dev.tracegen.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.hash.Hashing;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tracegen.TraceOptions;
import dev.tracegen.TraceRun;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.model.Json;
import dev.tracegen.serve.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --maxCost over HTTP: a smoke build against {@code tracegen serve}'s server with a cap below what
 * it needs stops before crossing it (within one in-flight window), publishes nothing and keeps
 * its answers; the same command with a higher cap completes, and the server never receives one
 * request twice. Requests are counted by body at a pass-through proxy in front of the server.
 */
class MaxCostIT {
  @TempDir
  static Path tmp;

  static final double CAP = 0.5;
  /** USD per million tokens, in and out, for generator and judge alike. */
  static final String PRICE = "1.0";
  static final int IN_FLIGHT = 4;

  /** Forwards every request to the server and counts request bodies. */
  static final class CountingProxy implements AutoCloseable {
    final HttpServer server;
    final Map<String, AtomicLong> bodies = new ConcurrentHashMap<>();
    final Map<String, String> texts = new ConcurrentHashMap<>();
    final AtomicLong total = new AtomicLong();
    final HttpClient client = HttpClient.newHttpClient();

    CountingProxy(String target) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(32));
      server.createContext("/", exchange -> forward(target, exchange));
      server.start();
    }

    void forward(String target, HttpExchange exchange) throws IOException {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
        total.incrementAndGet();
        String key = Hashing.sha256().hashBytes(body).toString();
        bodies.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        texts.putIfAbsent(key, new String(body, java.nio.charset.StandardCharsets.UTF_8));
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        b.header("Content-Type", type);
      }
      try {
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        r.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
        exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(r.body());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
      } finally {
        exchange.close();
      }
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    long distinct() {
      return bodies.size();
    }

    /** The bodies sent more than once, cut short: what a failure shows. */
    String repeated() {
      StringBuilder sb = new StringBuilder();
      bodies.forEach((k, n) -> {
        if (n.get() > 1) {
          String t = texts.get(k);
          sb.append(n.get()).append("x ").append(t, 0, Math.min(600, t.length())).append("\n");
        }
      });
      return sb.toString();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static TraceRun.Outcome run(String... args) throws IOException {
    PipelineOptionsFactory.register(TraceOptions.class);
    TraceOptions o = PipelineOptionsFactory.fromArgs(args).withValidation().as(TraceOptions.class);
    o.setQuiet(true);
    return TraceRun.run(o);
  }

  static String root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Test
  void aRunStopsAtItsMoneyCapAndAHigherCapFinishesWithoutPayingTwice() throws Exception {
    Path cache = tmp.resolve("cache");
    try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServer.Config.defaults(),
            ServeCommand.model(Path.of("taxonomy"), 0, 0));
        CountingProxy proxy = new CountingProxy("http://127.0.0.1:" + server.port())) {
      List<String> common = new ArrayList<>(List.of("--profile=pipeline/smoke.yaml", "--provider=openai",
          "--baseUrl=" + proxy.baseUrl(), "--model=tracegen-embedded-1", "--cacheDir=" + cache,
          "--maxInFlight=" + IN_FLIGHT, "--priceInput=" + PRICE, "--priceOutput=" + PRICE));
      Path capped = tmp.resolve("capped");
      List<String> first = new ArrayList<>(common);
      first.addAll(List.of("--output=" + capped, "--maxCost=" + CAP));
      Exception stopped = assertThrows(Exception.class, () -> run(first.toArray(String[]::new)));
      String message = root(stopped);
      assertTrue(message.contains("money budget reached") && message.contains("rerun the same command with a higher "
          + "--maxCost"), message);
      Matcher m = Pattern.compile("USD ([0-9.]+) spent").matcher(message);
      assertTrue(m.find(), message);
      double spent = Double.parseDouble(m.group(1));
      long firstRequests = proxy.total.get();
      long maxInFlight = server.stats().get("max_in_flight");
      // What one request may reserve: its prompt (well under 4,000 tokens) and its 2,048-token allowance.
      double window = maxInFlight * (4000 + 2048) * 1.0 / 1e6;
      System.out.printf("--maxCost=%s: stopped after %d requests, USD %.4f spent (%.1f%% of the cap; at most %d in "
          + "flight, one window is up to USD %.4f)%n", CAP, firstRequests, spent, 100 * spent / CAP, maxInFlight, window);
      assertTrue(spent <= CAP, "never past the cap: " + spent);
      assertTrue(CAP - spent <= window, "stopped within one in-flight window of the cap: " + spent);
      assertFalse(Files.exists(capped.resolve("_SUCCESS")), "nothing published");

      Path done = tmp.resolve("done");
      List<String> second = new ArrayList<>(common);
      second.addAll(List.of("--output=" + done, "--maxCost=100"));
      TraceRun.Outcome outcome = run(second.toArray(String[]::new));
      assertTrue(outcome.shortfalls().isEmpty(), "targets met");
      JsonNode runJson = Json.PLAIN.readTree(done.resolve("run.json").toFile());
      assertEquals(100.0, runJson.path("options").path("generator").path("max_cost").asDouble());
      assertEquals(100.0, runJson.path("options").path("judge").path("max_cost").asDouble());
      long cacheHits = 0;
      for (JsonNode step : runJson.path("llm")) {
        cacheHits += step.path("cache_hits").asLong();
      }
      System.out.printf("--maxCost=100 rerun: %d requests in all at the server, %d distinct; the rerun read %d "
          + "answers from the cache%n", proxy.total.get(), proxy.distinct(), cacheHits);
      assertTrue(cacheHits > 0, "the capped run's answers are reused");
      assertEquals(proxy.distinct(), proxy.total.get(), () -> "no request reached the server twice:\n" + proxy.repeated());
    }
  }
}
