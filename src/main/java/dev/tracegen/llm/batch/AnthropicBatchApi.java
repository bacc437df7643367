package dev.tracegen.llm.batch;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.BatchListPage;
import com.anthropic.models.messages.batches.BatchListParams;
import com.anthropic.models.messages.batches.MessageBatch;
import com.anthropic.models.messages.batches.MessageBatchIndividualResponse;
import com.anthropic.models.messages.batches.MessageBatchRequestCounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Anthropic's Message Batches API ({@code /v1/messages/batches}) through Anthropic's Java SDK, at
 * any base URL. The SDK tries transient faults again ({@code maxRetries}); what still fails becomes
 * a {@link BatchApiException} whose message never carries the key. Results are read line by line,
 * so one unreadable line costs that request only.
 *
 * <p>Anthropic keeps no metadata on a batch, so a batch whose creation a run could not record is
 * found by what it holds: the batch created within {@link #FIND_WINDOW_MILLIS} after the record
 * with as many requests. A wrong match costs nothing but time: only answers whose custom id is one
 * of the record's keys are ever used.
 */
public final class AnthropicBatchApi implements BatchApi {
  /** LangChain4j's default base URL for Anthropic; the SDK's is this without {@code /v1}. */
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
  /** How long after a run recorded a batch the batch it created can have appeared. */
  static final long FIND_WINDOW_MILLIS = 600_000;

  private final AnthropicClient client;
  private final String key;
  private final JsonMapper mapper = ObjectMappers.jsonMapper();

  public AnthropicBatchApi(String baseUrl, String key, Duration timeout, int maxRetries) {
    this.key = key;
    this.client = AnthropicOkHttpClient.builder()
        .baseUrl(sdkBaseUrl(baseUrl))
        .apiKey(key)
        // Anthropic's documented header (what LangChain4j's synchronous client sends); without it
        // SDK 3.x sends the key as a bearer token.
        .putHeader("X-Api-Key", key)
        .timeout(timeout)
        .maxRetries(Math.max(0, maxRetries))
        .build();
  }

  /** The SDK's base URL (it adds {@code /v1/...} itself) for a base URL as LangChain4j takes it. */
  static String sdkBaseUrl(String baseUrl) {
    String b = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return b.endsWith("/v1") ? b.substring(0, b.length() - 3) : b;
  }

  @Override
  public BatchInfo create(String step, String tag, Map<String, ObjectNode> bodies) {
    BatchCreateParams.Builder params = BatchCreateParams.builder();
    bodies.forEach((k, body) -> params.addRequest(BatchCreateParams.Request.builder()
        .customId(k)
        .params(mapper.convertValue(body, BatchCreateParams.Request.Params.class))
        .build()));
    BatchCreateParams built = params.build();
    return info(call("create the batch", () -> client.messages().batches().create(built)));
  }

  @Override
  public BatchInfo get(String batchId) {
    checkId(batchId);
    return info(call("read batch " + batchId, () -> client.messages().batches().retrieve(batchId)));
  }

  @Override
  public BatchInfo cancel(String batchId) {
    checkId(batchId);
    return info(call("cancel batch " + batchId, () -> client.messages().batches().cancel(batchId)));
  }

  @Override
  public Optional<BatchInfo> find(BatchRecord record, int maxPages) {
    long from = record.createdMillis() - 60_000;
    long to = record.createdMillis() + FIND_WINDOW_MILLIS;
    BatchListParams.Builder page = BatchListParams.builder().limit(100);
    for (int n = 0; n < maxPages; n++) {
      BatchListParams p = page.build();
      BatchListPage list = call("list batches", () -> client.messages().batches().list(p));
      MessageBatch oldest = null;
      MessageBatch match = null;
      for (MessageBatch b : list.data()) {
        long created;
        try {
          created = b.createdAt().toInstant().toEpochMilli();
        } catch (AnthropicInvalidDataException e) {
          continue;
        }
        oldest = b;
        // Newest first: the last match on the page is the batch created first after the record.
        if (created >= from && created <= to && requests(b.requestCounts()) == record.keys().size()) {
          match = b;
        }
        if (created < from) {
          break;
        }
      }
      if (match != null) {
        return Optional.of(info(match));
      }
      if (oldest == null || oldest.createdAt().toInstant().toEpochMilli() < from
          || !list.hasMore().orElse(false)) {
        return Optional.empty();
      }
      page = BatchListParams.builder().limit(100).afterId(oldest.id());
    }
    return Optional.empty();
  }

  @Override
  public BatchResults results(BatchInfo ended, Set<String> keys) {
    checkId(ended.id());
    Map<String, BatchOutcome.Answer> answers = new HashMap<>();
    int[] failedAndMalformed = new int[2];
    call("read the results of batch " + ended.id(), () -> {
      try (HttpResponseFor<StreamResponse<MessageBatchIndividualResponse>> r =
          client.messages().batches().withRawResponse().resultsStreaming(ended.id());
          BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!line.isBlank()) {
            read(line, keys, answers, failedAndMalformed);
          }
        }
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return new BatchResults(answers, failedAndMalformed[0], failedAndMalformed[1]);
  }

  /** One result line: an answer to one of {@code keys}, a failed request, or a line that is unusable. */
  private void read(String line, Set<String> keys, Map<String, BatchOutcome.Answer> answers, int[] counts) {
    MessageBatchIndividualResponse r;
    try {
      JsonNode n = Json.PLAIN.readTree(line);
      r = mapper.treeToValue(n, MessageBatchIndividualResponse.class).validate();
    } catch (IOException | AnthropicException | IllegalArgumentException e) {
      counts[1]++;
      return;
    }
    String id = r.customId();
    if (!keys.contains(id) || answers.containsKey(id)) {
      counts[1]++;
      return;
    }
    if (!r.result().isSucceeded()) {
      counts[0]++;
      return;
    }
    BatchOutcome.Answer a = answer(r.result().asSucceeded().message());
    if (a == null) {
      counts[1]++;
      return;
    }
    answers.put(id, a);
  }

  /** The text answer in {@code m}, or null when it has none. */
  static BatchOutcome.Answer answer(Message m) {
    StringBuilder text = new StringBuilder();
    boolean any = false;
    for (ContentBlock b : m.content()) {
      if (b.text().isPresent()) {
        text.append(b.text().get().text());
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    FinishReason finish = m.stopReason().map(AnthropicBatchApi::finishReason).orElse(null);
    return new BatchOutcome.Answer(text.toString(), Math.max(0, m.usage().inputTokens()),
        Math.max(0, m.usage().outputTokens()), finish, false);
  }

  private static FinishReason finishReason(StopReason r) {
    if (r.equals(StopReason.END_TURN) || r.equals(StopReason.STOP_SEQUENCE)) {
      return FinishReason.STOP;
    }
    if (r.equals(StopReason.MAX_TOKENS) || r.equals(StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED)) {
      return FinishReason.LENGTH;
    }
    if (r.equals(StopReason.REFUSAL)) {
      return FinishReason.CONTENT_FILTER;
    }
    if (r.equals(StopReason.TOOL_USE)) {
      return FinishReason.TOOL_EXECUTION;
    }
    return null;
  }

  @Override
  public String describe() {
    return "Anthropic's Message Batches API";
  }

  /** What tracegen needs of a batch, checked: its id goes into URL paths. */
  private static BatchInfo info(MessageBatch b) {
    try {
      String id = b.id();
      if (!BatchInfo.plainId(id)) {
        throw new BatchApiException("the server sent a batch without a usable id", 0, false, null);
      }
      MessageBatchRequestCounts c = b.requestCounts();
      return new BatchInfo(id, b.processingStatus().asString(), null, null, requests(c), c.succeeded(),
          c.errored() + c.canceled() + c.expired(), Map.of());
    } catch (AnthropicInvalidDataException e) {
      throw new BatchApiException("the server sent a batch that is not one: " + e.getMessage(), 0, true, e);
    }
  }

  private static long requests(MessageBatchRequestCounts c) {
    return c.processing() + c.succeeded() + c.errored() + c.canceled() + c.expired();
  }

  private static void checkId(String id) {
    if (!BatchInfo.plainId(id)) {
      throw new IllegalArgumentException("not a batch id: " + id);
    }
  }

  /** Runs one SDK call; its failure as a {@link BatchApiException} without the key. */
  private <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (AnthropicServiceException e) {
      throw BatchApiException.ofStatus(what, e.statusCode(), scrub(e.getMessage()), e);
    } catch (AnthropicIoException | UncheckedIOException e) {
      throw new BatchApiException("could not " + what + ": " + scrub(e.getMessage()), 0, true, e);
    } catch (AnthropicInvalidDataException e) {
      throw new BatchApiException("could not " + what + ": the server's answer is not what the API sends: "
          + scrub(e.getMessage()), 0, true, e);
    } catch (AnthropicException e) {
      throw new BatchApiException("could not " + what + ": " + scrub(e.getMessage()), 0, false, e);
    }
  }

  private String scrub(String message) {
    return BatchApiException.said(message, key);
  }
}
