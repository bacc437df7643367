package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.model.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each provider is built with our parameters and our HTTP transport: a loopback server records
 * what each LangChain4j client sends (and answers 503 with Retry-After, which must survive).
 */
class ChatModelsTest {
  record Seen(String method, String path, String query, String auth, String xApiKey, String googKey, String body) {}

  static HttpServer server;
  static final List<Seen> seen = new CopyOnWriteArrayList<>();
  static final String KEY = "sk-test-" + System.nanoTime();

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", ex -> {
      try (ex) {
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getQuery(),
            ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("x-api-key"),
            ex.getRequestHeaders().getFirst("x-goog-api-key"),
            new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] body = "{\"error\":{\"message\":\"busy\"}}".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Retry-After", "7");
        ex.sendResponseHeaders(503, body.length);
        ex.getResponseBody().write(body);
      }
    });
    server.start();
    Secrets.override(name -> name.equals("CHATMODELS_TEST_KEY") ? KEY : null);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    Secrets.override(null);
  }

  static String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static LlmSettings settings(String provider, String baseUrl, String keyEnv) {
    return new LlmSettings(provider, "model-x", baseUrl, keyEnv, 0.25, 321, 5, 4, 0, 0)
        .withLimits(new LlmLimits(0, 0, 0, 1, 0, 0));
  }

  /** Sends one JSON-mode call and returns what the server saw; the 503 must be classified with its Retry-After. */
  static Seen roundTrip(LlmSettings s) {
    seen.clear();
    LlmClient c = new LlmClient(s, ChatModels.create(s, null), null, new Budget(0, 0), new RateLimits(0, 0),
        new CircuitBreaker(), () -> 0.0);
    LlmFatalException e = assertThrows(LlmFatalException.class,
        () -> c.call("s", List.of(UserMessage.from("Answer in JSON: hello")), true));
    assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
    assertEquals(1, seen.size(), "LangChain4j's own retries are off");
    return seen.get(0);
  }

  @Test
  void openAiSendsModelParametersJsonModeAndBearerKey() throws Exception {
    Seen r = roundTrip(settings("openai", base() + "/v1", "CHATMODELS_TEST_KEY"));
    assertEquals("/v1/chat/completions", r.path());
    assertEquals("Bearer " + KEY, r.auth());
    JsonNode body = Json.PLAIN.readTree(r.body());
    assertEquals("model-x", body.path("model").asText());
    assertEquals(0.25, body.path("temperature").asDouble());
    assertEquals(321, body.path("max_tokens").asInt());
    assertEquals("json_object", body.path("response_format").path("type").asText());
  }

  @Test
  void openAiWithoutKeyVariableWorksForKeylessServers() {
    Seen r = roundTrip(settings("openai", base() + "/v1", ""));
    assertEquals("Bearer " + ChatModels.NO_KEY, r.auth());
  }

  @Test
  void ollamaUsesItsChatApi() throws Exception {
    Seen r = roundTrip(settings("ollama", base(), ""));
    assertEquals("/api/chat", r.path());
    JsonNode body = Json.PLAIN.readTree(r.body());
    assertEquals("model-x", body.path("model").asText());
    assertEquals("json", body.path("format").asText());
    assertEquals(321, body.path("options").path("num_predict").asInt());
  }

  @Test
  void anthropicSendsItsKeyHeader() throws Exception {
    Seen r = roundTrip(settings("anthropic", base() + "/v1/", "CHATMODELS_TEST_KEY"));
    assertEquals("/v1/messages", r.path());
    assertEquals(KEY, r.xApiKey());
    JsonNode body = Json.PLAIN.readTree(r.body());
    assertEquals("model-x", body.path("model").asText());
    assertEquals(321, body.path("max_tokens").asInt());
  }

  @Test
  void geminiSendsItsKeyAndJsonMimeType() throws Exception {
    Seen r = roundTrip(settings("gemini", base() + "/v1beta", "CHATMODELS_TEST_KEY"));
    assertTrue(r.path().contains("model-x") && r.path().contains("generateContent"), r.path());
    assertTrue(KEY.equals(r.googKey()) || (r.query() != null && r.query().contains(KEY)), "key sent");
    JsonNode config = Json.PLAIN.readTree(r.body()).path("generationConfig");
    assertEquals(321, config.path("maxOutputTokens").asInt());
    assertEquals("application/json", config.path("responseMimeType").asText());
  }

  @Test
  void retryAfterHeaderSurvivesTheClientLibrary() {
    LlmSettings s = settings("openai", base() + "/v1", "");
    RuntimeException[] caught = new RuntimeException[1];
    try {
      ChatModels.create(s, null).chat(UserMessage.from("hi"));
    } catch (RuntimeException e) {
      caught[0] = e;
    }
    HttpTransport.StatusException se = LlmErrors.find(caught[0], HttpTransport.StatusException.class);
    assertEquals(7000, se.retryAfterMillis());
    assertEquals(LlmErrors.Kind.RETRY, LlmErrors.classify(caught[0], s, null).kind());
  }

  @Test
  void validationSaysWhatToFix() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ChatModels.validate(settings("bogus", "", ""), "generator")).getMessage().contains("known: embedded"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ChatModels.validate(new LlmSettings("openai", "", "", "", 0, 1, 5, 1, 0, 0), "judge"))
        .getMessage().contains("--judgeModel"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ChatModels.validate(settings("openai", "", "NOT_SET_ANYWHERE"), "generator"));
    assertTrue(missing.getMessage().contains("NOT_SET_ANYWHERE"), missing.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ChatModels.validate(settings("anthropic", "", ""), "generator")).getMessage().contains("--apiKeyEnv"));
    ChatModels.validate(settings("openai", "", "CHATMODELS_TEST_KEY"), "generator");
    ChatModels.validate(LlmSettings.embedded(), "generator");
  }

  @Test
  void retryAfterParsing() {
    assertEquals(2000, HttpTransport.retryAfterMillis(Optional.empty(), Optional.of("2")));
    assertEquals(1500, HttpTransport.retryAfterMillis(Optional.of("1500"), Optional.of("9")));
    assertEquals(-1, HttpTransport.retryAfterMillis(Optional.empty(), Optional.empty()));
    assertEquals(-1, HttpTransport.retryAfterMillis(Optional.empty(), Optional.of("soon")));
    long date = HttpTransport.retryAfterMillis(Optional.empty(), Optional.of(
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
            .plusSeconds(30))));
    assertTrue(date > 25_000 && date <= 30_000, "" + date);
  }
}
