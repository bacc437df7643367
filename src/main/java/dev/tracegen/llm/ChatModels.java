package dev.tracegen.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.tracegen.check.Checkers;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.taxonomy.Taxonomy;
import java.time.Duration;
import java.util.List;

/**
 * Builds the LangChain4j {@link ChatModel} for a provider. LangChain4j's own retries are off
 * ({@code maxRetries(0)}): {@link LlmClient} retries, with backoff that honours {@code Retry-After}
 * and a circuit breaker. Every HTTP provider goes through {@link HttpTransport}.
 */
public final class ChatModels {
  public static final List<String> PROVIDERS = List.of("embedded", "openai", "ollama", "anthropic", "gemini");

  /** What {@code openai} sends as the key when no key variable is named (keyless local servers). */
  static final String NO_KEY = "none";

  private ChatModels() {}

  /**
   * Checks what can be checked before any call: a known provider, a model name, and a set key
   * variable where one is named or needed. Throws {@link IllegalArgumentException} that says what to fix.
   */
  public static void validate(LlmSettings s, String role) {
    if (!PROVIDERS.contains(s.provider())) {
      throw new IllegalArgumentException("unknown LLM provider '" + s.provider() + "' for the " + role
          + " (known: " + String.join(", ", PROVIDERS) + ")");
    }
    ResponseFormatMode format = s.responseFormat().resolve(s.provider());
    if ((format == ResponseFormatMode.JSON_SCHEMA && !supportsJsonSchema(s.provider()))
        || (format == ResponseFormatMode.JSON_OBJECT && !s.isEmbedded() && !supportsJsonMode(s.provider()))) {
      throw new IllegalArgumentException("--responseFormat=" + format.option() + " is not available for provider "
          + s.provider() + " (the " + role + "): use --responseFormat=auto or none, which ask for JSON in the prompt");
    }
    if (s.isEmbedded()) {
      return;
    }
    if (s.model().isBlank()) {
      throw new IllegalArgumentException("the " + role + " uses provider " + s.provider()
          + " but names no model; pass --" + (role.equals("judge") ? "judgeModel" : "model") + "=NAME");
    }
    if (s.timeoutSeconds() <= 0) {
      throw new IllegalArgumentException("--requestTimeout must be at least 1 second");
    }
    if ((s.provider().equals("anthropic") || s.provider().equals("gemini")) && s.apiKeyEnv().isBlank()) {
      throw new IllegalArgumentException("provider " + s.provider() + " needs an API key: pass --"
          + (role.equals("judge") ? "judgeApiKeyEnv" : "apiKeyEnv") + "=NAME of the environment variable that holds it"
          + (s.provider().equals("anthropic") ? " (e.g. ANTHROPIC_API_KEY)" : " (e.g. GEMINI_API_KEY)"));
    }
    if (!s.apiKeyEnv().isBlank()) {
      Secrets.require(s.apiKeyEnv(), "--" + (role.equals("judge") ? "judgeApiKeyEnv" : "apiKeyEnv"));
    }
  }

  /** Whether the provider has a JSON output mode that LangChain4j maps {@code ResponseFormat.JSON} to. */
  public static boolean supportsJsonMode(String provider) {
    return switch (provider) {
      case "openai", "ollama", "gemini" -> true;
      default -> false;
    };
  }

  /**
   * Whether LangChain4j maps a {@code ResponseFormat} with a JSON schema for the provider:
   * OpenAI's {@code response_format} of type {@code json_schema}, Ollama's {@code format},
   * Gemini's {@code responseSchema}; the embedded model reads it from the request.
   */
  public static boolean supportsJsonSchema(String provider) {
    return switch (provider) {
      case "embedded", "openai", "ollama", "gemini" -> true;
      default -> false;
    };
  }

  public static ChatModel create(LlmSettings s, Taxonomy taxonomy) {
    Duration timeout = Duration.ofSeconds(Math.max(1, s.timeoutSeconds()));
    return switch (s.provider()) {
      case "embedded" -> new EmbeddedChatModel(taxonomy, Checkers.load(), s.nonCompliance(), s.malformed(),
          s.persona());
      case "openai" -> {
        String key = s.apiKeyEnv().isBlank() ? NO_KEY : Secrets.require(s.apiKeyEnv(), "--apiKeyEnv");
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
            .httpClientBuilder(HttpTransport.builder())
            .apiKey(key)
            .modelName(s.model())
            .temperature(s.temperature())
            .maxTokens(s.maxTokens())
            .timeout(timeout)
            .maxRetries(0)
            .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
            // Constraint params are free-form objects, which strict mode cannot express
            // (it requires every object to list all its properties).
            .strictJsonSchema(false);
        if (s.topP() != null) {
          b.topP(s.topP());
        }
        if (!s.baseUrl().isBlank()) {
          b.baseUrl(s.baseUrl());
        }
        yield b.build();
      }
      case "ollama" -> {
        OllamaChatModel.OllamaChatModelBuilder b = OllamaChatModel.builder();
        b.httpClientBuilder(HttpTransport.builder())
            .baseUrl(s.baseUrl().isBlank() ? "http://localhost:11434" : s.baseUrl())
            .modelName(s.model())
            .temperature(s.temperature())
            .numPredict(s.maxTokens())
            .timeout(timeout);
        if (s.topP() != null) {
          b.topP(s.topP());
        }
        b.maxRetries(0);
        yield b.build();
      }
      case "anthropic" -> {
        AnthropicChatModel.AnthropicChatModelBuilder b = AnthropicChatModel.builder()
            .httpClientBuilder(HttpTransport.builder())
            .apiKey(Secrets.require(s.apiKeyEnv(), "--apiKeyEnv"))
            .modelName(s.model())
            .temperature(s.temperature())
            .maxTokens(s.maxTokens())
            .timeout(timeout)
            .maxRetries(0);
        if (s.topP() != null) {
          b.topP(s.topP());
        }
        if (!s.baseUrl().isBlank()) {
          b.baseUrl(s.baseUrl());
        }
        yield b.build();
      }
      case "gemini" -> {
        GoogleAiGeminiChatModel.GoogleAiGeminiChatModelBuilder b = GoogleAiGeminiChatModel.builder()
            .httpClientBuilder(HttpTransport.builder())
            .apiKey(Secrets.require(s.apiKeyEnv(), "--apiKeyEnv"))
            .modelName(s.model())
            .temperature(s.temperature())
            .maxOutputTokens(s.maxTokens())
            .timeout(timeout)
            .maxRetries(0);
        if (s.topP() != null) {
          b.topP(s.topP());
        }
        if (!s.baseUrl().isBlank()) {
          b.baseUrl(s.baseUrl());
        }
        yield b.build();
      }
      default -> throw new IllegalArgumentException("unknown LLM provider '" + s.provider()
          + "' (known: " + String.join(", ", PROVIDERS) + ")");
    };
  }
}
