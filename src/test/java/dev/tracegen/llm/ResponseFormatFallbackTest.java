package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.model.Json;
import dev.tracegen.quality.QualitySchema;
import dev.tracegen.structure.InstructionParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that refuses the response format: over real HTTP (LangChain4j's OpenAI client against a
 * loopback stub), the client falls back to the next weaker format once, with one warning, and the
 * call is answered; any other 400 still stops the run.
 */
class ResponseFormatFallbackTest {
  static final String KEY = "sk-fallback-" + UUID.randomUUID();
  static final String VERDICT = "{\"complete\": true, \"redundant\": false, \"reason\": \"fine\"}";
  static final String PROMPT = "Return a JSON object: {\"complete\": true|false, \"redundant\": true|false}.";

  record Answer(int status, String body) {}

  final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  HttpServer server;
  LlmClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.release();
    }
    if (server != null) {
      server.stop(0);
    }
    Secrets.override(null);
  }

  /** A stub OpenAI endpoint: {@code answer} decides per request body; every body is recorded. */
  LlmClient clientOf(Function<JsonNode, Answer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", ex -> {
      try (ex) {
        JsonNode req = Json.PLAIN.readTree(ex.getRequestBody().readAllBytes());
        requests.add(req);
        Answer a = answer.apply(req);
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), body.length);
        ex.getResponseBody().write(body);
      }
    });
    server.start();
    Secrets.override(name -> name.equals("FALLBACK_TEST_KEY") ? KEY : null);
    LlmSettings s = new LlmSettings("openai", "m", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
        "FALLBACK_TEST_KEY", 0.0, 200, 5, 1, 0, 0)
        .withLimits(new LlmLimits(0, 0, 2, 1, 0, 0))
        .withRunId(UUID.randomUUID().toString());
    client = LlmClient.shared(s, null);
    return client;
  }

  static String type(JsonNode request) {
    return request.path("response_format").path("type").asText("none");
  }

  static Answer completion(String content) {
    ObjectNode r = Json.PLAIN.createObjectNode().put("id", "c1").put("object", "chat.completion").put("model", "m");
    ObjectNode c = r.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
    c.putObject("message").put("role", "assistant").put("content", content);
    r.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
    return new Answer(200, r.toString());
  }

  /** OpenAI's error shape; the message quotes the key, which must never reach a log line. */
  static Answer refused(String message) {
    return new Answer(400, "{\"error\":{\"message\":\"" + message + " (key " + KEY + ")\",\"type\":"
        + "\"invalid_request_error\",\"param\":\"response_format\",\"code\":null}}");
  }

  @Test
  void aRefusedSchemaFallsBackToJsonObjectWithOneWarning() throws Exception {
    LlmClient c = clientOf(req -> type(req).equals("json_schema")
        ? refused("response_format json_schema is not supported") : completion(VERDICT));
    LlmSession session = new LlmSession(c, "quality");
    try (CapturedStderr err = new CapturedStderr()) {
      JsonNode first = session.ask(PROMPT, QualitySchema.SCHEMA, InstructionParser::object);
      JsonNode second = session.ask(PROMPT, QualitySchema.SCHEMA, InstructionParser::object);
      assertTrue(first.path("complete").asBoolean() && second.path("complete").asBoolean());
      List<String> warnings = err.lines("WARN");
      assertEquals(1, warnings.size(), warnings.toString());
      String w = warnings.get(0);
      assertTrue(w.contains("refused response format json_schema") && w.contains("--responseFormat=json_object"), w);
      assertFalse(w.contains(KEY), "the key never appears: " + w);
    }
    assertEquals(List.of("json_schema", "json_object", "json_object"), requests.stream().map(ResponseFormatFallbackTest::type).toList());
    assertEquals(ResponseFormatMode.JSON_OBJECT, c.responseFormat());
    assertEquals(2, session.calls, "the refused call is sent again within the same call");
    assertEquals(0, session.repairs, "and is no malformed answer");
    assertEquals(0, session.failures);
  }

  @Test
  void aServerThatRefusesBothFormatsGetsThePromptOnly() throws Exception {
    LlmClient c = clientOf(req -> type(req).equals("none") ? completion(VERDICT)
        : refused("Invalid value for 'response_format.type': '" + type(req) + "'"));
    try (CapturedStderr err = new CapturedStderr()) {
      LlmReply r = c.call("quality", List.of(UserMessage.from(PROMPT)), QualitySchema.SCHEMA);
      assertEquals(VERDICT, r.text());
      assertEquals(2, err.lines("WARN").size(), err.lines("WARN").toString());
    }
    assertEquals(List.of("json_schema", "json_object", "none"), requests.stream().map(ResponseFormatFallbackTest::type).toList());
    assertEquals(ResponseFormatMode.NONE, c.responseFormat());
  }

  @Test
  void anotherBadRequestStillStopsTheRun() throws Exception {
    LlmClient c = clientOf(req -> new Answer(400, "{\"error\":{\"message\":\"max_tokens is too large for model m\","
        + "\"type\":\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":null}}"));
    LlmFatalException e = assertThrows(LlmFatalException.class,
        () -> c.call("quality", List.of(UserMessage.from(PROMPT)), QualitySchema.SCHEMA));
    assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("max_tokens"), e.getMessage());
    assertEquals(1, requests.size(), "no fallback probe for a 400 about something else");
    assertEquals(ResponseFormatMode.JSON_SCHEMA, c.responseFormat());
  }

  @Test
  void freeTextNeverSendsAResponseFormat() throws Exception {
    LlmClient c = clientOf(req -> completion("A short note."));
    c.call("respond", List.of(UserMessage.from("Write a note.")), null);
    assertTrue(requests.get(0).path("response_format").isMissingNode(), requests.get(0).toString());
  }
}
