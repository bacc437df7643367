package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tracegen.llm.batch.ChatBodies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A top_p in the settings is sent with the request (the official judge's 0.8); without one, none is. */
class TopPOverHttpTest {
  static final List<ChatMessage> MESSAGES = List.of(UserMessage.from("hello"));

  /** The body of the one request sent at {@code topP} to a local OpenAI-compatible endpoint. */
  static JsonNode sentBody(Double topP) throws Exception {
    try (ScriptedServer server = ScriptedServer.answering("hi")) {
      LlmSettings s = new LlmSettings("openai", "m", server.baseUrl(), "", 0.0, 64, 5, 1, 0, 0).withTopP(topP);
      ChatModels.create(s, null).chat(LlmClient.request(MESSAGES, null, ResponseFormatMode.NONE));
      return server.lastRequest();
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
