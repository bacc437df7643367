package dev.tracegen.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.tracegen.model.Json;
import java.util.Set;

/**
 * Anthropic's Messages API as the server reads and writes it: a request is checked the way
 * Anthropic checks it (a model, a positive {@code max_tokens}, user and assistant turns whose text
 * is a string or text blocks, an optional top-level {@code system}) and turned into the chat
 * completion request the rest of the server answers; answers and errors go back in Anthropic's
 * shapes ({@code type: message}, {@code type: error}).
 */
final class AnthropicWire {
  static final String VERSION_HEADER = "anthropic-version";
  private static final Set<String> ROLES = Set.of("user", "assistant");

  private AnthropicWire() {}

  /**
   * Whether the request carries the key the server requires, in {@code x-api-key} (LangChain4j) or
   * as a bearer token (Anthropic's Java SDK 3.x), and an API version; answers 401 or 400 if not.
   */
  static boolean authorized(HttpExchange ex, String requiredKey) throws java.io.IOException {
    if (requiredKey != null && !requiredKey.equals(ex.getRequestHeaders().getFirst("x-api-key"))
        && !("Bearer " + requiredKey).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      EmbeddedServer.send(ex, 401, error("authentication_error", "invalid x-api-key"));
      return false;
    }
    if (ex.getRequestHeaders().getFirst(VERSION_HEADER) == null) {
      EmbeddedServer.send(ex, 400, error("invalid_request_error", "anthropic-version: header is required"));
      return false;
    }
    return true;
  }

  /**
   * The chat completion request that {@code params} (a Messages API request) stands for: its system
   * text first, then its turns. Throws {@link IllegalArgumentException} with Anthropic's wording
   * when the request is not one.
   */
  static ObjectNode toChat(JsonNode params) {
    if (params == null || !params.isObject()) {
      throw new IllegalArgumentException("the request body is not a JSON object");
    }
    if (!params.path("model").isTextual()) {
      throw new IllegalArgumentException("model: Field required");
    }
    if (!params.path("max_tokens").canConvertToInt() || params.path("max_tokens").asInt() < 1) {
      throw new IllegalArgumentException("max_tokens: Field required (an integer of at least 1)");
    }
    JsonNode turns = params.path("messages");
    if (!turns.isArray() || turns.isEmpty()) {
      throw new IllegalArgumentException("messages: at least one message is required");
    }
    ObjectNode chat = Json.PLAIN.createObjectNode();
    chat.put("model", params.path("model").asText());
    ArrayNode out = chat.putArray("messages");
    JsonNode system = params.path("system");
    if (!system.isMissingNode() && !system.isNull()) {
      out.addObject().put("role", "system").put("content", text(system, "system"));
    }
    for (int i = 0; i < turns.size(); i++) {
      JsonNode m = turns.get(i);
      String role = m.path("role").asText("");
      if (!ROLES.contains(role)) {
        throw new IllegalArgumentException("messages." + i + ".role: Input should be 'user' or 'assistant'");
      }
      out.addObject().put("role", role).put("content", text(m.path("content"), "messages." + i + ".content"));
    }
    if (!"user".equals(out.get(out.size() - 1).path("role").asText())) {
      throw new IllegalArgumentException("messages: the last message must be a user turn");
    }
    return chat;
  }

  /** A string, or the concatenated text of an array of text blocks. */
  private static String text(JsonNode content, String where) {
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw new IllegalArgumentException(where + ": expected a string or an array of content blocks");
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode block : content) {
      if (!"text".equals(block.path("type").asText()) || !block.path("text").isTextual()) {
        throw new IllegalArgumentException(where + ": this server reads text blocks only");
      }
      sb.append(block.path("text").asText());
    }
    return sb.toString();
  }

  /** A Messages API answer ({@code stop_reason} {@code max_tokens} when cut off). */
  static ObjectNode message(String id, String model, long tokensIn, String answer, boolean cutOff) {
    ObjectNode r = Json.PLAIN.createObjectNode();
    r.put("id", id);
    r.put("type", "message");
    r.put("role", "assistant");
    r.put("model", model);
    r.putArray("content").addObject().put("type", "text").put("text", answer);
    r.put("stop_reason", cutOff ? "max_tokens" : "end_turn");
    r.putNull("stop_sequence");
    ObjectNode usage = r.putObject("usage");
    usage.put("input_tokens", tokensIn);
    usage.put("output_tokens", Math.max(1, answer.length() / 4));
    return r;
  }

  /** Anthropic's error body. */
  static String error(String type, String message) {
    return errorNode(type, message).toString();
  }

  static ObjectNode errorNode(String type, String message) {
    ObjectNode r = Json.PLAIN.createObjectNode();
    r.put("type", "error");
    ObjectNode e = r.putObject("error");
    e.put("type", type);
    e.put("message", message);
    return r;
  }

  /** Anthropic's error type for an HTTP status. */
  static String errorType(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 429 -> "rate_limit_error";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
  }
}
