package dev.tracegen.llm.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.batches.BatchListPage;
import com.openai.models.batches.BatchListParams;
import com.openai.models.batches.BatchRequestCounts;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import dev.tracegen.model.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * OpenAI's batch API ({@code /v1/files} and {@code /v1/batches}) through OpenAI's Java SDK, at any
 * OpenAI-compatible base URL. The SDK tries transient faults again ({@code maxRetries}, with
 * backoff); what still fails becomes a {@link BatchApiException} that says whether trying later
 * may help and never carries the key. Nothing the server sends is trusted: every batch is checked
 * before use ({@link BatchInfo}), and the output file is read line by line ({@link BatchResults}).
 */
public final class OpenAiBatchApi implements BatchApi {
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  static final String ENDPOINT = "/v1/chat/completions";
  /** What keyless local servers are sent as the key (as the synchronous client does). */
  static final String NO_KEY = "none";

  private final OpenAIClient client;
  private final String key;

  /** {@code key} null: a keyless local server. */
  public OpenAiBatchApi(String baseUrl, String key, Duration timeout, int maxRetries) {
    String b = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip();
    this.key = key;
    this.client = OpenAIOkHttpClient.builder()
        .baseUrl(b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
        .apiKey(key == null || key.isBlank() ? NO_KEY : key)
        .timeout(timeout)
        .maxRetries(Math.max(0, maxRetries))
        .build();
  }

  @Override
  public BatchInfo create(String step, String tag, Map<String, ObjectNode> bodies) {
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    bodies.forEach((key, body) -> {
      ObjectNode line = Json.PLAIN.createObjectNode();
      line.put("custom_id", key);
      line.put("method", "POST");
      line.put("url", ENDPOINT);
      line.set("body", body);
      jsonl.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    });
    String fileId = upload("tracegen-" + step + "-" + tag + ".jsonl", jsonl.toByteArray());
    return create(fileId, Map.of(BatchCollector.TAG_KEY, tag, BatchCollector.STEP_KEY, step));
  }

  @Override
  public Optional<BatchInfo> find(BatchRecord record, int maxPages) {
    return findByMetadata(BatchCollector.TAG_KEY, record.tag(), maxPages);
  }

  @Override
  public BatchResults results(BatchInfo ended, Set<String> keys) {
    return BatchResults.parse(ended.outputFileId() == null ? null : content(ended.outputFileId()), keys);
  }

  @Override
  public String describe() {
    return "the OpenAI batch API";
  }

  /** Uploads a batch input file ({@code purpose=batch}); returns its id. */
  public String upload(String filename, byte[] jsonl) {
    FileCreateParams params = FileCreateParams.builder()
        .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(jsonl)).filename(filename)
            .contentType("application/jsonl").build())
        .purpose(FilePurpose.BATCH)
        .build();
    String id = call("upload the batch file", () -> client.files().create(params).id());
    if (!BatchInfo.plainId(id)) {
      throw new BatchApiException("the server answered the upload without a usable file id", 0, false, null);
    }
    return id;
  }

  /** Creates a batch of chat completions over an uploaded file, with {@code metadata} (at most 16 pairs). */
  public BatchInfo create(String inputFileId, Map<String, String> metadata) {
    BatchCreateParams.Metadata.Builder md = BatchCreateParams.Metadata.builder();
    metadata.forEach((k, v) -> md.putAdditionalProperty(k, JsonValue.from(v)));
    BatchCreateParams params = BatchCreateParams.builder()
        .inputFileId(inputFileId)
        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
        .completionWindow(BatchCreateParams.CompletionWindow._24H)
        .metadata(md.build())
        .build();
    return info(call("create the batch", () -> client.batches().create(params)));
  }

  @Override
  public BatchInfo get(String batchId) {
    checkId(batchId);
    return info(call("read batch " + batchId, () -> client.batches().retrieve(batchId)));
  }

  @Override
  public BatchInfo cancel(String batchId) {
    checkId(batchId);
    return info(call("cancel batch " + batchId, () -> client.batches().cancel(batchId)));
  }

  /**
   * The newest batch whose metadata has {@code name} = {@code value}, looking through at most
   * {@code maxPages} pages of 100 (newest first): how a run finds a batch it created but could not
   * record.
   */
  public Optional<BatchInfo> findByMetadata(String name, String value, int maxPages) {
    BatchListParams.Builder page = BatchListParams.builder().limit(100);
    for (int n = 0; n < maxPages; n++) {
      BatchListParams p = page.build();
      BatchListPage list = call("list batches", () -> client.batches().list(p));
      String last = null;
      for (Batch b : list.data()) {
        BatchInfo info;
        try {
          info = info(b);
        } catch (BatchApiException e) {
          continue;
        }
        last = info.id();
        if (value.equals(info.metadata().get(name))) {
          return Optional.of(info);
        }
      }
      if (last == null || !list.hasMore().orElse(false)) {
        return Optional.empty();
      }
      page = BatchListParams.builder().limit(100).after(last);
    }
    return Optional.empty();
  }

  /** The bytes of a file (a batch's output or error file). */
  public byte[] content(String fileId) {
    checkId(fileId);
    return call("download file " + fileId, () -> {
      try (HttpResponse r = client.files().content(fileId); InputStream in = r.body()) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** What tracegen needs of a batch, checked: its ids go into URL paths. */
  private static BatchInfo info(Batch b) {
    try {
      String id = b.id();
      if (!BatchInfo.plainId(id)) {
        throw new BatchApiException("the server sent a batch without a usable id", 0, false, null);
      }
      Map<String, String> metadata = new TreeMap<>();
      b.metadata().ifPresent(m -> m._additionalProperties().forEach((k, v) -> {
        // JsonValue is a raw JsonField: its string comes back untyped.
        if (v.asString().orElse(null) instanceof String text) {
          metadata.put(k, text);
        }
      }));
      Optional<BatchRequestCounts> counts = b.requestCounts();
      return new BatchInfo(id, b.status().asString(), plainOrNull(b.outputFileId()), plainOrNull(b.errorFileId()),
          counts.map(BatchRequestCounts::total).orElse(0L), counts.map(BatchRequestCounts::completed).orElse(0L),
          counts.map(BatchRequestCounts::failed).orElse(0L), metadata);
    } catch (OpenAIInvalidDataException e) {
      throw new BatchApiException("the server sent a batch that is not one: " + e.getMessage(), 0, false, e);
    }
  }

  private static String plainOrNull(Optional<String> id) {
    return id.filter(BatchInfo::plainId).orElse(null);
  }

  private static void checkId(String id) {
    if (!BatchInfo.plainId(id)) {
      throw new IllegalArgumentException("not a batch or file id: " + id);
    }
  }

  /** Runs one SDK call; its failure as a {@link BatchApiException} without the key. */
  private <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (OpenAIServiceException e) {
      throw BatchApiException.ofStatus(what, e.statusCode(), scrub(e.getMessage()), e);
    } catch (OpenAIIoException | UncheckedIOException e) {
      throw new BatchApiException("could not " + what + ": " + scrub(e.getMessage()), 0, true, e);
    } catch (OpenAIInvalidDataException e) {
      throw new BatchApiException("could not " + what + ": the server's answer is not what the API sends: "
          + scrub(e.getMessage()), 0, true, e);
    } catch (OpenAIException e) {
      throw new BatchApiException("could not " + what + ": " + scrub(e.getMessage()), 0, false, e);
    }
  }

  private String scrub(String message) {
    return BatchApiException.said(message, key);
  }
}
