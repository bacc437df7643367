package dev.tracegen.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The LLM calls made for one element: asks, parses, and on a parse error re-asks once with the
 * error. It counts what it spent so that the DoFn can publish metrics on its own thread (Beam
 * metrics are bound to the processing thread, not to the pool threads that run calls).
 */
public final class LlmSession {
  /** Parses and validates an answer; throws {@link MalformedOutputException} with a reason. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String text) throws MalformedOutputException;
  }

  private final LlmClient client;
  private final String step;
  int calls;
  int repairs;
  int retries;
  int cacheHits;
  long tokensIn;
  long tokensOut;
  int failures;

  LlmSession(LlmClient client, String step) {
    this.client = client;
    this.step = step;
  }

  public int calls() {
    return calls;
  }

  /** Sends {@code prompt}; on malformed output re-asks once, then throws. */
  public <T> T ask(String prompt, boolean json, Parser<T> parser) throws MalformedOutputException {
    List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from(prompt)));
    String first = send(messages, json);
    try {
      return parser.parse(first);
    } catch (MalformedOutputException e) {
      repairs++;
      messages.add(AiMessage.from(first));
      messages.add(UserMessage.from("Your previous answer could not be used: " + e.getMessage()
          + "\nAnswer again, following the requested format exactly."));
      return parser.parse(send(messages, json));
    }
  }

  /** Sends {@code prompt} and returns the raw text (for free-text steps such as respond). */
  public String askText(String prompt) {
    return send(new ArrayList<>(List.of(UserMessage.from(prompt))), false);
  }

  private String send(List<ChatMessage> messages, boolean json) {
    LlmReply reply = client.call(step, messages, json);
    calls++;
    retries += reply.retries();
    tokensIn += reply.tokensIn();
    tokensOut += reply.tokensOut();
    if (reply.cached()) {
      cacheHits++;
    }
    return reply.text();
  }
}
