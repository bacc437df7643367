package dev.tracegen.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.llm.Secrets;
import dev.tracegen.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * OpenAI's batch API ({@code /v1/files} and {@code /v1/batches}) over the JDK's HTTP client, at
 * any OpenAI-compatible base URL. Transient faults (I/O, timeouts, 408, 409, 429, 5xx) are tried
 * again with exponential backoff and full jitter up to {@code maxRetries} times; other statuses
 * fail at once. Nothing the server sends is trusted: every object is checked before use
 * ({@link BatchInfo}), and error messages never carry the key.
 */
public final class OpenAiBatchApi implements BatchApi {
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  static final String ENDPOINT = "/v1/chat/completions";
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final String baseUrl;
  private final String key;
  private final Duration timeout;
  private final int maxRetries;
  private final long retryBaseMillis;
  private final HttpClient http;

  /** {@code key} null sends no Authorization header (keyless local servers). */
  public OpenAiBatchApi(String baseUrl, String key, Duration timeout, int maxRetries, long retryBaseMillis) {
    String b = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip();
    this.baseUrl = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.key = key;
    this.timeout = timeout;
    this.maxRetries = Math.max(0, maxRetries);
    this.retryBaseMillis = Math.max(1, retryBaseMillis);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
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
    String boundary = "tracegen-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(jsonl.length + 512);
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
        + "Content-Type: application/jsonl\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(jsonl);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    byte[] bytes = body.toByteArray();
    JsonNode file = json(send("upload the batch file", () -> request("/files")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))));
    String id = BatchInfo.fileId(file.path("id"));
    if (id == null) {
      throw new BatchApiException("the server answered the upload without a usable file id: "
          + BatchInfo.abbreviate(file), 0, false, null);
    }
    return id;
  }

  /** Creates a batch of chat completions over an uploaded file, with {@code metadata} (at most 16 pairs). */
  public BatchInfo create(String inputFileId, Map<String, String> metadata) {
    ObjectNode req = Json.PLAIN.createObjectNode();
    req.put("input_file_id", inputFileId);
    req.put("endpoint", ENDPOINT);
    req.put("completion_window", "24h");
    ObjectNode md = req.putObject("metadata");
    metadata.forEach(md::put);
    String body = req.toString();
    return BatchInfo.of(json(send("create the batch", () -> request("/batches")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)))));
  }

  @Override
  public BatchInfo get(String batchId) {
    checkId(batchId);
    return BatchInfo.of(json(send("read batch " + batchId, () -> request("/batches/" + batchId).GET())));
  }

  @Override
  public BatchInfo cancel(String batchId) {
    checkId(batchId);
    return BatchInfo.of(json(send("cancel batch " + batchId, () -> request("/batches/" + batchId + "/cancel")
        .POST(HttpRequest.BodyPublishers.noBody()))));
  }

  /**
   * The newest batch whose metadata has {@code name} = {@code value}, looking through at most
   * {@code maxPages} pages of 100 (newest first): how a run finds a batch it created but could not
   * record.
   */
  public Optional<BatchInfo> findByMetadata(String name, String value, int maxPages) {
    String after = null;
    for (int page = 0; page < maxPages; page++) {
      String query = "/batches?limit=100" + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
      JsonNode list = json(send("list batches", () -> request(query).GET()));
      JsonNode data = list.path("data");
      if (!data.isArray() || data.isEmpty()) {
        return Optional.empty();
      }
      String last = null;
      for (JsonNode n : data) {
        BatchInfo b;
        try {
          b = BatchInfo.of(n);
        } catch (BatchApiException e) {
          continue;
        }
        last = b.id();
        if (value.equals(b.metadata().get(name))) {
          return Optional.of(b);
        }
      }
      if (!list.path("has_more").asBoolean(false) || last == null) {
        return Optional.empty();
      }
      after = last;
    }
    return Optional.empty();
  }

  /** The bytes of a file (a batch's output or error file). */
  public byte[] content(String fileId) {
    checkId(fileId);
    return send("download file " + fileId, () -> request("/files/" + fileId + "/content").GET());
  }

  private static void checkId(String id) {
    if (!BatchInfo.plainId(id)) {
      throw new IllegalArgumentException("not a batch or file id: " + id);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  private JsonNode json(byte[] body) {
    try {
      JsonNode n = Json.PLAIN.readTree(body);
      if (n == null || !n.isObject()) {
        throw new BatchApiException("the server's answer is not a JSON object", 0, true, null);
      }
      return n;
    } catch (IOException e) {
      throw new BatchApiException("the server's answer is not valid JSON", 0, true, e);
    }
  }

  /** Sends the request that {@code build} makes, trying transient faults again; the 2xx body. */
  private byte[] send(String what, java.util.function.Supplier<HttpRequest.Builder> build) {
    for (int attempt = 0; ; attempt++) {
      BatchApiException failure;
      try {
        HttpResponse<byte[]> r = http.send(build.get().build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
          return r.body();
        }
        boolean again = status == 408 || status == 409 || status == 429 || status >= 500;
        String said = new String(r.body(), StandardCharsets.UTF_8);
        said = said.length() > 300 ? said.substring(0, 300) + "..." : said;
        failure = new BatchApiException("could not " + what + ": HTTP " + status + " " + Secrets.scrub(said, key),
            status, again, null);
      } catch (HttpTimeoutException e) {
        failure = new BatchApiException("could not " + what + ": no answer within " + timeout.toSeconds() + " s",
            0, true, e);
      } catch (IOException e) {
        failure = new BatchApiException("could not " + what + ": " + Secrets.scrub(String.valueOf(e.getMessage()), key),
            0, true, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BatchApiException("interrupted while trying to " + what, 0, false, e);
      }
      if (!failure.transientFault() || attempt >= maxRetries) {
        throw failure;
      }
      long cap = Math.min(MAX_BACKOFF_MILLIS, retryBaseMillis * (1L << Math.min(attempt, 20)));
      try {
        Thread.sleep((long) (ThreadLocalRandom.current().nextDouble() * cap));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BatchApiException("interrupted while trying to " + what, 0, false, e);
      }
    }
  }
}
