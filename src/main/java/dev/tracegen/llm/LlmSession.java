package dev.tracegen.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.tracegen.llm.batch.BatchQueue;
import dev.tracegen.model.Spend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
  /** Where cache misses go in batch mode; null sends each call on its own. */
  private final BatchQueue batch;
  /** The session of the model this step asks to revise an answer (the generator, for a judge step); may be null. */
  private final LlmSession reviser;
  int calls;
  int repairs;
  int retries;
  int cacheHits;
  long tokensIn;
  long tokensOut;
  long cachedTokensIn;
  long cachedTokensOut;
  int failures;

  /** A session for one element of {@code step}, sending through {@code client}. */
  public LlmSession(LlmClient client, String step) {
    this(client, step, null);
  }

  /** A session whose cache misses go through {@code batch} ({@code --batch}); null sends each call on its own. */
  public LlmSession(LlmClient client, String step, BatchQueue batch) {
    this(client, step, batch, null);
  }

  /** As above, with {@code reviser}: the session through which this element's answers are revised. */
  public LlmSession(LlmClient client, String step, BatchQueue batch, LlmSession reviser) {
    this.client = client;
    this.step = step;
    this.batch = batch;
    this.reviser = reviser;
  }

  /** The session of the model that revises answers for this step; fails when the step has none. */
  public LlmSession reviser() {
    if (reviser == null) {
      throw new IllegalStateException(step + " has no model to revise answers with");
    }
    return reviser;
  }

  /** The reviser's session, or null. */
  public LlmSession reviserOrNull() {
    return reviser;
  }

  public int calls() {
    return calls;
  }

  public int repairs() {
    return repairs;
  }

  public int retries() {
    return retries;
  }

  public int cacheHits() {
    return cacheHits;
  }

  public long tokensIn() {
    return tokensIn;
  }

  public long tokensOut() {
    return tokensOut;
  }

  public int failures() {
    return failures;
  }

  /**
   * What this element cost at this step: every request, sent or answered from the response cache
   * (with the tokens it cost when it was sent), so that the figure is the same on every rerun.
   * {@link #calls()} less {@link #cacheHits()} and {@link #tokensIn()}/{@link #tokensOut()} are
   * what this run paid.
   */
  public Spend.Step spent() {
    return new Spend.Step(calls, tokensIn + cachedTokensIn, tokensOut + cachedTokensOut);
  }

  /** The part of {@link #spent()} that this run read from the response cache instead of paying for it. */
  public Spend.Step fromCache() {
    return new Spend.Step(cacheHits, cachedTokensIn, cachedTokensOut);
  }

  /** Counts a call that failed for good (the step rejects its element). */
  public void countFailure() {
    failures++;
  }

  /** What the repair re-ask says about an answer that was cut off at the token limit. */
  static final String CUT_OFF = "the answer was cut off at the token limit (finish reason LENGTH)";

  /**
   * Sends {@code prompt}, asking for JSON that follows {@code schema} (the step's, which describes
   * what the prompt asks for); on malformed output re-asks once, then throws. An answer cut off at
   * the token limit counts as malformed, whatever its text: a prefix can still parse.
   */
  public <T> T ask(String prompt, JsonSchema schema, Parser<T> parser) throws MalformedOutputException {
    Objects.requireNonNull(schema, "schema");
    return askParsed(prompt, schema, parser);
  }

  /**
   * Sends {@code prompt}, whose answer is free text in a format the prompt describes (a judge's
   * scores, say), and parses it; on malformed output re-asks once, then throws.
   */
  public <T> T askText(String prompt, Parser<T> parser) throws MalformedOutputException {
    return askParsed(prompt, null, parser);
  }

  private <T> T askParsed(String prompt, JsonSchema schema, Parser<T> parser) throws MalformedOutputException {
    List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from(prompt)));
    LlmReply first = send(messages, schema);
    try {
      return parse(first, parser);
    } catch (MalformedOutputException e) {
      repairs++;
      messages.add(AiMessage.from(first.text()));
      messages.add(UserMessage.from("Your previous answer could not be used: " + e.getMessage()
          + "\nAnswer again, following the requested format exactly."));
      return parse(send(messages, schema), parser);
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
    return askText(new ArrayList<>(List.of(UserMessage.from(prompt))));
  }

  /**
   * Continues a conversation: {@code prompt} was answered with {@code answer}, and {@code followUp}
   * asks for a new answer (a revision); returns the new answer's text, with cut-off answers handled
   * as by {@link #askText(String)}.
   */
  public String askTextAfter(String prompt, String answer, String followUp) {
    return askText(new ArrayList<>(List.of(UserMessage.from(prompt), AiMessage.from(answer),
        UserMessage.from(followUp))));
  }

  /**
   * Sends a conversation (a system prompt and an instruction, say) and returns the raw text of the
   * answer, cut-off answers handled as by {@link #askText(String)}.
   */
  public String askText(List<ChatMessage> conversation) {
    List<ChatMessage> messages = new ArrayList<>(conversation);
    LlmReply first = send(messages, null);
    if (!first.truncated()) {
      return first.text();
    }
    repairs++;
    messages.add(AiMessage.from(first.text()));
    messages.add(UserMessage.from("Your previous answer was cut off at the token limit. Answer again in full, "
        + "more concisely."));
    LlmReply second = send(messages, null);
    if (second.truncated()) {
      throw new LlmCallFailedException("truncated", CUT_OFF + ", twice", null);
    }
    return second.text();
  }

  /** One call; {@code schema} is null for free text. */
  private LlmReply send(List<ChatMessage> messages, JsonSchema schema) {
    LlmReply reply = client.call(step, messages, schema, batch);
    calls++;
    retries += reply.retries();
    if (reply.cached()) {
      cacheHits++;
      cachedTokensIn += reply.tokensIn();
      cachedTokensOut += reply.tokensOut();
    } else {
      tokensIn += reply.tokensIn();
      tokensOut += reply.tokensOut();
    }
    return reply;
  }
}
