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

  /** What the repair re-ask says about an answer that was cut off at the token limit. */
  static final String CUT_OFF = "the answer was cut off at the token limit (finish reason LENGTH)";

  /**
   * Sends {@code prompt}; on malformed output re-asks once, then throws. An answer cut off at the
   * token limit counts as malformed, whatever its text: a prefix can still parse.
   */
  public <T> T ask(String prompt, boolean json, Parser<T> parser) throws MalformedOutputException {
    List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from(prompt)));
    LlmReply first = send(messages, json);
    try {
      return parse(first, parser);
    } catch (MalformedOutputException e) {
      repairs++;
      messages.add(AiMessage.from(first.text()));
      messages.add(UserMessage.from("Your previous answer could not be used: " + e.getMessage()
          + "\nAnswer again, following the requested format exactly."));
      return parse(send(messages, json), parser);
    }
  }

  private static <T> T parse(LlmReply reply, Parser<T> parser) throws MalformedOutputException {
    if (reply.truncated()) {
      throw new MalformedOutputException(CUT_OFF);
    }
    return parser.parse(reply.text());
  }

  /**
   * Sends {@code prompt} and returns the raw text (for free-text steps such as respond). An answer
   * cut off at the token limit is asked for once more; a second cut-off answer fails the element
   * with reason {@code truncated}, so that no cut-off text is ever used.
   */
  public String askText(String prompt) {
    List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from(prompt)));
    LlmReply first = send(messages, false);
    if (!first.truncated()) {
      return first.text();
    }
    repairs++;
    messages.add(AiMessage.from(first.text()));
    messages.add(UserMessage.from("Your previous answer was cut off at the token limit. Answer again in full, "
        + "more concisely."));
    LlmReply second = send(messages, false);
    if (second.truncated()) {
      throw new LlmCallFailedException("truncated", CUT_OFF + ", twice", null);
    }
    return second.text();
  }

  private LlmReply send(List<ChatMessage> messages, boolean json) {
    LlmReply reply = client.call(step, messages, json);
    calls++;
    retries += reply.retries();
    tokensIn += reply.tokensIn();
    tokensOut += reply.tokensOut();
    if (reply.cached()) {
      cacheHits++;
    }
    return reply;
  }
}
