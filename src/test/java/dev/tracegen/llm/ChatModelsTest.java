package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.model.Json;
import dev.tracegen.structure.StructureSchema;
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

  /** Sends one structure-step call and returns what the server saw; the 503 must be classified with its Retry-After. */
  static Seen roundTrip(LlmSettings s) {
    seen.clear();
    LlmClient c = new LlmClient(s, ChatModels.create(s, null), null, new Budget(0, 0), new RateLimits(0, 0),
        new CircuitBreaker(), () -> 0.0);
    LlmFatalException e = assertThrows(LlmFatalException.class,
        () -> c.call("s", List.of(UserMessage.from("Answer in JSON: hello")), StructureSchema.SCHEMA));
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
    JsonNode format = body.path("response_format");
    assertEquals("json_schema", format.path("type").asText(), r.body());
    assertEquals("structure", format.path("json_schema").path("name").asText());
    assertFalse(format.path("json_schema").path("strict").asBoolean(true), "params are free-form: not strict");
    JsonNode schema = format.path("json_schema").path("schema");
    assertEquals("object", schema.path("type").asText());
    assertEquals("array", schema.path("properties").path("constraints").path("type").asText());
    assertEquals("object", schema.path("properties").path("constraints").path("items").path("properties")
        .path("params").path("type").asText());
  }

  @Test
  void openAiJsonObjectAndNoneModes() throws Exception {
    LlmSettings s = settings("openai", base() + "/v1", "");
    JsonNode object = Json.PLAIN.readTree(roundTrip(s.withResponseFormat(ResponseFormatMode.JSON_OBJECT)).body());
    assertEquals("json_object", object.path("response_format").path("type").asText());
    assertTrue(object.path("response_format").path("json_schema").isMissingNode());
    JsonNode none = Json.PLAIN.readTree(roundTrip(s.withResponseFormat(ResponseFormatMode.NONE)).body());
    assertTrue(none.path("response_format").isMissingNode(), none.toString());
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
    JsonNode format = body.path("format");
    assertEquals("object", format.path("type").asText(), "the schema is the format: " + r.body());
    assertTrue(format.path("properties").has("constraints"));
    assertEquals(321, body.path("options").path("num_predict").asInt());
    JsonNode object = Json.PLAIN.readTree(roundTrip(settings("ollama", base(), "")
        .withResponseFormat(ResponseFormatMode.JSON_OBJECT)).body());
    assertEquals("json", object.path("format").asText());
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
    JsonNode schema = config.path("responseSchema");
    assertFalse(schema.isMissingNode(), "schema sent as responseSchema: " + r.body());
    assertTrue(schema.path("properties").has("constraints"), schema.toString());
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
    LlmSettings anthropic = settings("anthropic", "", "CHATMODELS_TEST_KEY");
    ChatModels.validate(anthropic, "generator");
    assertEquals(ResponseFormatMode.NONE, anthropic.responseFormat().resolve("anthropic"), "auto: the prompt only");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ChatModels.validate(
        anthropic.withResponseFormat(ResponseFormatMode.JSON_SCHEMA), "judge")).getMessage().contains("--responseFormat"));
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
