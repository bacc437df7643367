package dev.tracegen.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-worker gateway to one model. One instance per settings per JVM, shared by every DoFn
 * instance of the worker, so that limits and failure tracking apply to the worker as a whole.
 * Thread-safe.
 */
public class LlmClient {
  private static final Map<LlmSettings, LlmClient> SHARED = new ConcurrentHashMap<>();

  private final LlmSettings settings;
  private final ChatModel model;

  protected LlmClient(LlmSettings settings, ChatModel model) {
    this.settings = settings;
    this.model = model;
  }

  public static LlmClient shared(LlmSettings settings, Taxonomy taxonomy) {
    return SHARED.computeIfAbsent(settings, s -> new LlmClient(s, ChatModels.create(s, taxonomy)));
  }

  public LlmSettings settings() {
    return settings;
  }

  /** Sends one conversation; {@code json} asks for a JSON object where the provider supports it. */
  public LlmReply call(String step, List<ChatMessage> messages, boolean json) {
    ChatRequest.Builder request = ChatRequest.builder().messages(messages);
    if (json) {
      request.responseFormat(ResponseFormat.JSON);
    }
    ChatResponse response = model.chat(request.build());
    TokenUsage usage = response.tokenUsage();
    long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
    return new LlmReply(text, in, out, 0, false);
  }
}
