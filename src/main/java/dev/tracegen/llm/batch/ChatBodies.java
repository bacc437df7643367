package dev.tracegen.llm.batch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.llm.ResponseFormatMode;
import dev.tracegen.model.Json;
import java.util.List;

/**
 * The body of one request as a batch carries it: what the synchronous client (LangChain4j's
 * OpenAiChatModel or AnthropicChatModel) sends for the same call, so that a batch answer is the
 * answer that call would get.
 */
public final class ChatBodies {
  private ChatBodies() {}

  /** The request body for the provider of {@code s}: a Messages API request for anthropic, else a chat completion. */
  public static ObjectNode of(LlmSettings s, List<ChatMessage> messages, JsonSchema schema, ResponseFormatMode mode) {
    return "anthropic".equals(s.provider()) ? anthropic(s, messages, schema, mode) : chat(s, messages, schema, mode);
  }

  /**
   * A Messages API request: the system messages as top-level text blocks, the turns with text
   * blocks. Anthropic has no response format: a JSON step asks in its prompt alone.
   */
  public static ObjectNode anthropic(LlmSettings s, List<ChatMessage> messages, JsonSchema schema,
      ResponseFormatMode mode) {
    if (schema != null && mode != ResponseFormatMode.NONE) {
      throw new IllegalArgumentException("an Anthropic batch request asks for JSON in the prompt only, not with "
          + mode.option());
    }
    ObjectNode body = Json.PLAIN.createObjectNode();
    body.put("model", s.model());
    ArrayNode system = Json.PLAIN.createArrayNode();
    ArrayNode turns = Json.PLAIN.createArrayNode();
    for (ChatMessage m : messages) {
      if (m instanceof SystemMessage sm) {
        system.addObject().put("type", "text").put("text", sm.text());
      } else if (m instanceof UserMessage u) {
        ObjectNode o = turns.addObject().put("role", "user");
        o.putArray("content").addObject().put("type", "text")
            .put("text", u.hasSingleText() ? u.singleText() : u.contents().toString());
      } else if (m instanceof AiMessage a) {
        ObjectNode o = turns.addObject().put("role", "assistant");
        o.putArray("content").addObject().put("type", "text").put("text", a.text() == null ? "" : a.text());
      } else {
        throw new IllegalArgumentException("a batch request carries only system, user and assistant messages, not "
            + m.type());
      }
    }
    body.put("max_tokens", s.maxTokens());
    body.set("messages", turns);
    if (!system.isEmpty()) {
      body.set("system", system);
    }
    body.put("temperature", s.temperature());
    if (s.topP() != null) {
      body.put("top_p", s.topP());
    }
    return body;
  }

  /** {@code schema} null: free text; otherwise the answer's JSON schema, asked for as {@code mode} says. */
  public static ObjectNode chat(LlmSettings s, List<ChatMessage> messages, JsonSchema schema, ResponseFormatMode mode) {
    ObjectNode body = Json.PLAIN.createObjectNode();
    body.put("model", s.model());
    ArrayNode ms = body.putArray("messages");
    for (ChatMessage m : messages) {
      ObjectNode o = ms.addObject();
      if (m instanceof UserMessage u) {
        o.put("role", "user");
        o.put("content", u.hasSingleText() ? u.singleText() : u.contents().toString());
      } else if (m instanceof AiMessage a) {
        o.put("role", "assistant");
        o.put("content", a.text() == null ? "" : a.text());
      } else if (m instanceof SystemMessage sm) {
        o.put("role", "system");
        o.put("content", sm.text());
      } else {
        throw new IllegalArgumentException("a batch request carries only system, user and assistant messages, not "
            + m.type());
      }
    }
    body.put("temperature", s.temperature());
    if (s.topP() != null) {
      body.put("top_p", s.topP());
    }
    body.put("max_tokens", s.maxTokens());
    if (schema != null) {
      switch (mode) {
        case JSON_SCHEMA -> {
          ObjectNode format = body.putObject("response_format");
          format.put("type", "json_schema");
          ObjectNode js = format.putObject("json_schema");
          js.put("name", schema.name() == null || schema.name().isBlank() ? "answer" : schema.name());
          // Constraint params are free-form objects, which strict mode cannot express.
          js.put("strict", false);
          js.set("schema", Json.PLAIN.valueToTree(JsonSchemaElementUtils.toMap(schema.rootElement(), false)));
        }
        case JSON_OBJECT -> body.putObject("response_format").put("type", "json_object");
        default -> { }
      }
    }
    return body;
  }
}
