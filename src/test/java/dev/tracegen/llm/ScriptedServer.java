package dev.tracegen.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.tracegen.model.Json;
import dev.tracegen.stage.StageContexts;
import dev.tracegen.stage.StepContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An OpenAI-compatible chat endpoint on localhost that gives one fixed answer to every request: for
 * the few rejection paths that the embedded model, which always answers well-formed and on task,
 * never takes (an empty answer, a perturbation that changes nothing).
 */
public final class ScriptedServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();

  private ScriptedServer(String answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      lastRequest.set(Json.PLAIN.readTree(exchange.getRequestBody().readAllBytes()));
      ObjectNode body = Json.PLAIN.createObjectNode();
      body.put("id", "chatcmpl-scripted").put("object", "chat.completion").put("created", 0).put("model", "scripted");
      ObjectNode choice = body.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").put("content", answer);
      body.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  /** A server that answers every request with {@code answer}. */
  public static ScriptedServer answering(String answer) throws IOException {
    return new ScriptedServer(answer);
  }

  /** The base URL of its OpenAI-compatible API. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The body of the last request it answered, or null before the first. */
  public JsonNode lastRequest() {
    return lastRequest.get();
  }

  /** Step settings that reach this server as an OpenAI-compatible provider, with no retries. */
  public StepContext context() {
    LlmSettings s = new LlmSettings("openai", "scripted", baseUrl(),
        "", 0.0, 512, 5, 1, 0, 0).withLimits(new LlmLimits(0, 0, 0, 10, 0, 0)).withRunId(UUID.randomUUID().toString());
    return new StepContext(StageContexts.PROMPTS, StageContexts.TAXONOMY, s, s, StageContexts.RUN_SEED, 0, 0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
