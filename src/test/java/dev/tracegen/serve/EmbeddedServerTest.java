package dev.tracegen.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.cli.ServeCommand;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.llm.LlmCallFailedException;
import dev.tracegen.llm.LlmClient;
import dev.tracegen.llm.LlmFatalException;
import dev.tracegen.llm.LlmLimits;
import dev.tracegen.llm.LlmReply;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.Secrets;
import dev.tracegen.model.Json;
import dev.tracegen.quality.QualitySchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint and every knob of {@code tracegen serve}, driven through the real LangChain4j
 * OpenAI client ({@link LlmClient} with provider {@code openai}) over loopback.
 */
class EmbeddedServerTest {
  static final String QUALITY = "Return a JSON object: {\"complete\": true|false, \"redundant\": true|false}.\n"
      + "```tracegen-payload\n{\"step\":\"quality\",\"description\":\"Write a note about tea.\","
      + "\"constraints\":[\"Use at most 40 words.\"],\"input\":\"\"}\n```";
  static final String RESPOND = "Write a short note about green tea.\n1. Use at most 40 words.";

  static EmbeddedChatModel model;
  static HttpClient http;
  final List<EmbeddedServer> servers = new ArrayList<>();
  final List<LlmClient> clients = new ArrayList<>();

  @BeforeAll
  static void load() {
    model = ServeCommand.model(Path.of("taxonomy"), 0, 0);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void restore() {
    Secrets.override(null);
  }

  @AfterEach
  void stop() {
    clients.forEach(LlmClient::release);
    servers.forEach(EmbeddedServer::close);
  }

  EmbeddedServer serve(EmbeddedServer.Config config) throws Exception {
    EmbeddedServer s = EmbeddedServer.start(config, model);
    servers.add(s);
    return s;
  }

  LlmClient client(EmbeddedServer s, int timeoutSeconds, int maxRetries, String keyEnv, String modelName) {
    LlmSettings settings = new LlmSettings("openai", modelName, s.baseUrl(), keyEnv, 0.0, 512, timeoutSeconds, 8, 0, 0)
        .withLimits(new LlmLimits(0, 0, maxRetries, 10, 0, 0))
        .withRunId(UUID.randomUUID().toString());
    LlmClient c = LlmClient.shared(settings, null);
    clients.add(c);
    return c;
  }

  LlmClient client(EmbeddedServer s, int maxRetries) {
    return client(s, 5, maxRetries, "", "tracegen-embedded-1");
  }

  static List<ChatMessage> ask(String prompt) {
    return List.of(UserMessage.from(prompt));
  }

  JsonNode get(EmbeddedServer s, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return Json.PLAIN.readTree(r.body());
  }

  HttpResponse<String> post(EmbeddedServer s, String body, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/chat/completions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersAsTheInProcessModelWithUsage() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    LlmClient c = client(s, 0);
    LlmReply text = c.call("respond", ask(RESPOND), null);
    assertEquals(model.answer(ask(RESPOND)), text.text());
    assertTrue(text.tokensIn() > 0 && text.tokensOut() > 0, "usage is reported");
    LlmReply json = c.call("quality", ask(QUALITY), QualitySchema.SCHEMA);
    assertEquals(model.answer(ask(QUALITY)), json.text());
    assertTrue(Json.PLAIN.readTree(json.text()).has("complete"));
    Map<String, Long> stats = s.stats();
    assertEquals(2, stats.get("requests"));
    assertEquals(2, stats.get("answered"));
    assertEquals(0, stats.get("failed"));
  }

  @Test
  void rawCompletionFollowsTheOpenAiLayout() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    String body = Json.PLAIN.writeValueAsString(Map.of("model", "tracegen-embedded-1",
        "response_format", Map.of("type", "json_object"),
        "messages", List.of(Map.of("role", "system", "content", "You answer in JSON."),
            Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", QUALITY))))));
    HttpResponse<String> r = post(s, body, null);
    assertEquals(200, r.statusCode());
    JsonNode n = Json.PLAIN.readTree(r.body());
    assertEquals("chat.completion", n.path("object").asText());
    assertEquals("assistant", n.path("choices").path(0).path("message").path("role").asText());
    assertEquals("stop", n.path("choices").path(0).path("finish_reason").asText());
    assertTrue(Json.PLAIN.readTree(n.path("choices").path(0).path("message").path("content").asText()).isObject());
    assertEquals(n.path("usage").path("prompt_tokens").asLong() + n.path("usage").path("completion_tokens").asLong(),
        n.path("usage").path("total_tokens").asLong());
  }

  @Test
  void jsonModeNeedsTheWordJsonAsOpenAiDoes() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    String body = Json.PLAIN.writeValueAsString(Map.of("model", "tracegen-embedded-1",
        "response_format", Map.of("type", "json_object"), "messages", List.of(Map.of("role", "user", "content", "hi"))));
    assertEquals(400, post(s, body, null).statusCode());
    assertEquals(400, post(s, "{not json", null).statusCode());
    assertEquals(2, s.stats().get("status_400"));
  }

  @Test
  void modelsAndStatsEndpoints() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    JsonNode models = get(s, "/v1/models");
    assertEquals("list", models.path("object").asText());
    assertEquals("tracegen-embedded-1", models.path("data").path(0).path("id").asText());
    JsonNode stats = get(s, "/stats");
    for (String k : List.of("requests", "answered", "failed", "status_429", "status_500", "stalled", "malformed")) {
      assertEquals(0, stats.path(k).asLong(-1), k);
    }
  }

  @Test
  void unknownModelIs404AndStopsTheRun() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults());
    LlmClient c = client(s, 5, 3, "", "gpt-nope");
    LlmFatalException e = assertThrows(LlmFatalException.class, () -> c.call("expand", ask(RESPOND), null));
    assertTrue(e.getMessage().contains("404") && e.getMessage().contains("--model"), e.getMessage());
    assertEquals(1, s.stats().get("requests"), "no retries on 404");
  }

  @Test
  void wrongKeyIs401NamingTheVariableNeverTheKey() throws Exception {
    String good = "sk-good-" + UUID.randomUUID();
    String planted = "sk-planted-" + UUID.randomUUID();
    Secrets.override(name -> name.equals("SERVE_TEST_KEY") ? planted : name.equals("GOOD_KEY") ? good : null);
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withRequiredKey(good));
    LlmClient bad = client(s, 5, 3, "SERVE_TEST_KEY", "tracegen-embedded-1");
    LlmFatalException e = assertThrows(LlmFatalException.class, () -> bad.call("expand", ask(RESPOND), null));
    assertTrue(e.getMessage().contains("401") && e.getMessage().contains("SERVE_TEST_KEY"), e.getMessage());
    assertFalse(e.getMessage().contains(planted));
    assertEquals(1, s.stats().get("status_401"));
    LlmClient ok = client(s, 5, 0, "GOOD_KEY", "tracegen-embedded-1");
    assertEquals(model.answer(ask(RESPOND)), ok.call("respond", ask(RESPOND), null).text());
  }

  @Test
  void rateLimitedRequestsCarryRetryAfter() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withFaults(1, 0, 0, 0).withRetryAfterSeconds(2));
    HttpResponse<String> r = post(s, "{\"model\":\"tracegen-embedded-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        null);
    assertEquals(429, r.statusCode());
    assertEquals("2", r.headers().firstValue("Retry-After").orElse(""));
    LlmClient c = client(s, 0);
    LlmFatalException e = assertThrows(LlmFatalException.class, () -> c.call("respond", ask(RESPOND), null));
    assertTrue(e.getMessage().contains("429"), e.getMessage());
  }

  @Test
  void serverErrorsAreRetriedAndFaultsAreDrawnPerRequest() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withFaults(0, 0.5, 0, 0));
    LlmClient c = client(s, 12);
    int retries = 0;
    for (int i = 0; i < 20; i++) {
      LlmReply r = c.call("respond", ask(RESPOND), null);
      assertEquals(model.answer(ask(RESPOND)), r.text(), "the same prompt succeeds on a retry");
      retries += r.retries();
    }
    Map<String, Long> stats = s.stats();
    assertEquals(20, stats.get("answered"));
    assertEquals(retries, stats.get("status_500"));
    assertTrue(retries > 0);
  }

  @Test
  void stalledResponsesTimeOutAndAreRetried() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withFaults(0, 0, 1, 0).withStallSeconds(3));
    LlmClient c = client(s, 1, 0, "", "tracegen-embedded-1");
    long t0 = System.nanoTime();
    LlmFatalException e = assertThrows(LlmFatalException.class, () -> c.call("respond", ask(RESPOND), null));
    assertTrue((System.nanoTime() - t0) / 1e9 < 2.5, "the client's timeout, not the stall, ends the call");
    assertTrue(e.getMessage().contains("within 1 s"), e.getMessage());
    assertEquals(1, s.stats().get("stalled"));
  }

  @Test
  void malformedBodiesAreRetried() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withFaults(0, 0, 0, 1));
    LlmClient c = client(s, 2);
    LlmFatalException e = assertThrows(LlmFatalException.class, () -> c.call("respond", ask(RESPOND), null));
    assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
    assertEquals(3, s.stats().get("malformed"), "one try and two retries");
  }

  /**
   * Over real HTTP, every kind of fault: a call whose faults outlast its retries must stop the run
   * (exit 1), never come back as an element failure that the stage would record as a rejection
   * and drop; every other call gets the same answer as without faults.
   */
  @Test
  void faultsOutlastingTheRetriesStopTheRunAndNeverRejectAnElement() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withFaults(0.15, 0.15, 0.1, 0.1).withStallSeconds(3)
        .withRetryAfterSeconds(0).withSeed(7));
    LlmClient c = client(s, 1, 1, "", "tracegen-embedded-1");
    int answered = 0;
    LlmFatalException stopped = null;
    for (int i = 0; i < 40 && stopped == null; i++) {
      List<ChatMessage> prompt = ask(RESPOND + "\n" + (i + 2) + ". Mention item " + i + ".");
      try {
        assertEquals(model.answer(prompt), c.call("respond", prompt, null).text(), "answered after its retries");
        answered++;
      } catch (LlmCallFailedException e) {
        throw new AssertionError("a transport fault became an element rejection: " + e.getMessage(), e);
      } catch (LlmFatalException e) {
        stopped = e;
      }
    }
    // Half the draws are faults and one retry is allowed, so some call meets two faults in a row.
    assertTrue(stopped != null && stopped.getMessage().contains("2 attempts"), "answered " + answered
        + ", stopped: " + stopped);
    assertTrue(answered > 0, "calls within their retries are answered");
    assertTrue(s.stats().get("most_faults_in_a_row") >= 2, s.stats().toString());
    long sent = s.stats().get("requests");
    assertThrows(LlmFatalException.class, () -> c.call("respond", ask(RESPOND), null));
    assertEquals(sent, s.stats().get("requests"), "a stopped run sends nothing more");
  }

  /**
   * Faults depend on the request body and how often it was sent, not on the order in which
   * concurrent requests arrive: the same requests, sent in opposite orders to two servers with
   * the same seed, meet the same faults, and a retry of a body gets its own draw.
   */
  @Test
  void faultsAreDrawnPerRequestBodyNotByArrivalOrder() throws Exception {
    EmbeddedServer.Config config = EmbeddedServer.Config.defaults().withFaults(0.3, 0.3, 0, 0.2).withSeed(11);
    EmbeddedServer forward = serve(config);
    EmbeddedServer backward = serve(config);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      bodies.add(Json.PLAIN.writeValueAsString(Map.of("model", "tracegen-embedded-1",
          "messages", List.of(Map.of("role", "user", "content", RESPOND + " Item " + i + ".")))));
    }
    Map<String, List<String>> a = new java.util.TreeMap<>();
    Map<String, List<String>> b = new java.util.TreeMap<>();
    for (int attempt = 0; attempt < 3; attempt++) {
      for (int i = 0; i < bodies.size(); i++) {
        String fwd = bodies.get(i);
        String bwd = bodies.get(bodies.size() - 1 - i);
        a.computeIfAbsent(fwd, k -> new ArrayList<>()).add(outcome(post(forward, fwd, null)));
        b.computeIfAbsent(bwd, k -> new ArrayList<>()).add(outcome(post(backward, bwd, null)));
      }
    }
    assertEquals(a, b);
    Map<String, Long> fs = forward.stats();
    Map<String, Long> bs = backward.stats();
    // Concurrency is timing, not a draw.
    for (Map<String, Long> m : List.of(fs, bs)) {
      m.remove("in_flight");
      m.remove("max_in_flight");
    }
    assertEquals(fs, bs);
    assertTrue(a.values().stream().anyMatch(o -> o.get(0).equals("200") && !o.get(1).equals("200")),
        "a body answered once can fault on its next send: " + a.values());
    assertTrue(a.values().stream().anyMatch(o -> !o.get(0).equals("200") && o.get(1).equals("200")),
        "a faulted body can be answered when sent again: " + a.values());
  }

  /** A response as status, with a 200 that is not valid JSON marked as malformed. */
  static String outcome(HttpResponse<String> r) {
    if (r.statusCode() != 200) {
      return Integer.toString(r.statusCode());
    }
    try {
      Json.PLAIN.readTree(r.body());
      return "200";
    } catch (java.io.IOException e) {
      return "200-malformed";
    }
  }

  @Test
  void latencyAndJitterDelayAnswersWithoutSerialisingThem() throws Exception {
    EmbeddedServer s = serve(EmbeddedServer.Config.defaults().withLatency(300, 100));
    LlmClient c = client(s, 0);
    c.call("respond", ask(RESPOND), null);
    ExecutorService pool = Executors.newFixedThreadPool(128);
    try {
      long t0 = System.nanoTime();
      List<Future<LlmReply>> fs = new ArrayList<>();
      for (int i = 0; i < 128; i++) {
        fs.add(pool.submit(() -> c.call("respond", ask(RESPOND), null)));
      }
      for (Future<LlmReply> f : fs) {
        f.get();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(seconds >= 0.3, "latency applies");
      assertTrue(seconds < 2.5, "128 requests in flight at once took " + seconds + " s");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(129, s.stats().get("answered"));
  }

  @Test
  void simulatorKnobsPassThrough() throws Exception {
    EmbeddedChatModel broken = ServeCommand.model(Path.of("taxonomy"), 0, 1.0);
    EmbeddedServer s = EmbeddedServer.start(EmbeddedServer.Config.defaults(), broken);
    servers.add(s);
    String answer = client(s, 0).call("quality", ask(QUALITY), QualitySchema.SCHEMA).text();
    assertEquals(broken.answer(ask(QUALITY)), answer);
    assertThrows(Exception.class, () -> Json.PLAIN.readTree(answer), "malformed knob cuts the JSON");
  }
}
