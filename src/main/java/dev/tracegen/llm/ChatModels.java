package dev.tracegen.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.tracegen.check.Checkers;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.taxonomy.Taxonomy;

/** Builds the LangChain4j {@link ChatModel} for a provider. */
public final class ChatModels {
  private ChatModels() {}

  public static ChatModel create(LlmSettings s, Taxonomy taxonomy) {
    return switch (s.provider()) {
      case "embedded" -> new EmbeddedChatModel(taxonomy, Checkers.load(), s.nonCompliance(), s.malformed());
      default -> throw new IllegalArgumentException("unknown LLM provider '" + s.provider()
          + "' (known: embedded)");
    };
  }
}
