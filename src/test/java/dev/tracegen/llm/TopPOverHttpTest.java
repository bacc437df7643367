package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.llm.batch.ChatBodies;
import dev.tracegen.model.Json;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A top_p in the settings is sent with the request (the official judge's 0.8); without one, none is. */
class TopPOverHttpTest {
  static final List<ChatMessage> MESSAGES = List.of(UserMessage.from("hello"));

  /** The body of the one request sent at {@code topP} to a local OpenAI-compatible endpoint. */
  static JsonNode sentBody(Double topP) throws Exception {
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      seen.set(Json.PLAIN.readTree(exchange.getRequestBody().readAllBytes()));
      ObjectNode body = Json.PLAIN.createObjectNode();
      body.put("id", "x").put("object", "chat.completion").put("created", 0).put("model", "m");
      ObjectNode choice = body.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").put("content", "hi");
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    try {
      LlmSettings s = new LlmSettings("openai", "m", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "",
          0.0, 64, 5, 1, 0, 0).withTopP(topP);
      ChatModels.create(s, null).chat(LlmClient.request(MESSAGES, null, ResponseFormatMode.NONE));
      return seen.get();
    } finally {
      server.stop(0);
    }
  }

  static final LlmSettings OPENAI = new LlmSettings("openai", "m", "", "", 0.0, 64, 5, 1, 0, 0);

  @Test
  void theOpenAiClientSendsTopPOnlyWhenSet() throws Exception {
    assertEquals(0.8, sentBody(0.8).path("top_p").asDouble());
    assertFalse(sentBody(null).has("top_p"), "the provider's default: not sent");
  }

  @Test
  void batchBodiesCarryTopPOnlyWhenSet() {
    assertEquals(0.8, ChatBodies.chat(OPENAI.withTopP(0.8), MESSAGES, null, ResponseFormatMode.NONE).path("top_p")
        .asDouble());
    assertFalse(ChatBodies.chat(OPENAI, MESSAGES, null, ResponseFormatMode.NONE).has("top_p"));
    LlmSettings anthropic = new LlmSettings("anthropic", "claude", "", "", 0.0, 64, 5, 1, 0, 0);
    assertEquals(0.8, ChatBodies.anthropic(anthropic.withTopP(0.8), MESSAGES, null, ResponseFormatMode.NONE)
        .path("top_p").asDouble());
    assertFalse(ChatBodies.anthropic(anthropic, MESSAGES, null, ResponseFormatMode.NONE).has("top_p"));
  }
}
