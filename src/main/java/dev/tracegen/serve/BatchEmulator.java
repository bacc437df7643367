package dev.tracegen.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import com.sun.net.httpserver.HttpExchange;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OpenAI's batch API in front of the embedded model: {@code POST /v1/files} (multipart, {@code
 * purpose=batch}), {@code GET /v1/files/{id}/content}, {@code POST /v1/batches}, {@code GET
 * /v1/batches/{id}}, {@code GET /v1/batches} (newest first, {@code limit}, {@code after}) and
 * {@code POST /v1/batches/{id}/cancel}. A batch completes once {@code delaySeconds} have passed
 * since it was created (the delay in force when it is next read, so a test can hold batches and
 * then let them go): every line is answered as {@code /v1/chat/completions} would answer it, into
 * an output file; a share {@code failures} of the lines (drawn from the seed and the line's {@code
 * custom_id}) fails into the error file unanswered, and a share {@code malformed} of the answered
 * lines is written cut off. A cancelled batch answers nothing. The knobs hold for Anthropic's
 * Message Batches too ({@link AnthropicBatchEmulator}), whose figures are counted here as well.
 */
public final class BatchEmulator {
  private final EmbeddedServer.Config config;
  private final EmbeddedChatModel model;
  private final RequestCounts counts;
  private volatile double delaySeconds;
  private volatile double failures;
  private volatile double malformed;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
  /** Batches in creation order. */
  private final Map<String, Batch> batches = new LinkedHashMap<>();
  private final Map<String, AtomicLong> stats = new TreeMap<>();

  private record StoredFile(String id, String filename, String purpose, byte[] content, long createdAt) {}

  private static final class Batch {
    String id;
    String inputFileId;
    String endpoint;
    String window;
    ObjectNode metadata;
    long createdMillis;
    String status = "in_progress";
    String outputFileId;
    String errorFileId;
    long total;
    long completed;
    long failed;
    Long completedAt;
    Long cancelledAt;
  }

  BatchEmulator(EmbeddedServer.Config config, EmbeddedChatModel model, RequestCounts counts) {
    this.config = config;
    this.model = model;
    this.counts = counts;
    for (String k : List.of("files_uploaded", "batches_created", "batches_completed", "batches_cancelled",
        "batch_lines", "batch_lines_answered", "batch_lines_failed", "batch_lines_malformed")) {
      stats.put(k, new AtomicLong());
    }
  }

  /** Seconds from a batch's creation to its completion. */
  public BatchEmulator delaySeconds(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("--batchDelay must not be negative");
    }
    this.delaySeconds = seconds;
    return this;
  }

  /** Share of batch lines that fail (0-1), drawn per {@code custom_id}. */
  public BatchEmulator failures(double share) {
    this.failures = share(share, "--batchFailures");
    return this;
  }

  /** Share of answered batch lines written cut off (0-1), drawn per {@code custom_id}. */
  public BatchEmulator malformed(double share) {
    this.malformed = share(share, "--batchMalformed");
    return this;
  }

  double delaySeconds() {
    return delaySeconds;
  }

  double failureShare() {
    return failures;
  }

  double malformedShare() {
    return malformed;
  }

  private static double share(double v, String what) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(what + " must be between 0 and 1, got " + v);
    }
    return v;
  }

  void addStats(Map<String, Long> out) {
    synchronized (stats) {
      stats.forEach((k, v) -> out.put(k, v.get()));
    }
  }

  void count(String k) {
    synchronized (stats) {
      stats.get(k).incrementAndGet();
    }
  }

  /** {@code /v1/files...} */
  void files(HttpExchange ex) throws IOException {
    try (ex) {
      if (!authorized(ex)) {
        return;
      }
      String[] path = ex.getRequestURI().getPath().split("/");
      // "", "v1", "files", id, "content"
      if (path.length == 3 && "POST".equals(ex.getRequestMethod())) {
        upload(ex);
      } else if (path.length == 5 && "content".equals(path[4]) && "GET".equals(ex.getRequestMethod())) {
        StoredFile f = files.get(path[3]);
        if (f == null) {
          notFound(ex, "No such File object: " + path[3]);
          return;
        }
        EmbeddedServer.send(ex, 200, "application/jsonl", f.content());
      } else {
        EmbeddedServer.send(ex, 404, EmbeddedServer.error("no such endpoint: " + ex.getRequestMethod() + " "
            + ex.getRequestURI().getPath(), "invalid_request_error", "not_found"));
      }
    }
  }

  /** {@code /v1/batches...} */
  void batches(HttpExchange ex) throws IOException {
    try (ex) {
      if (!authorized(ex)) {
        return;
      }
      String[] path = ex.getRequestURI().getPath().split("/");
      String method = ex.getRequestMethod();
      if (path.length == 3 && "POST".equals(method)) {
        create(ex);
      } else if (path.length == 3 && "GET".equals(method)) {
        list(ex);
      } else if (path.length == 4 && "GET".equals(method)) {
        ObjectNode b = read(path[3], false);
        if (b == null) {
          notFound(ex, "No batch found with id '" + path[3] + "'.");
          return;
        }
        EmbeddedServer.send(ex, 200, b.toString());
      } else if (path.length == 5 && "cancel".equals(path[4]) && "POST".equals(method)) {
        ObjectNode b = read(path[3], true);
        if (b == null) {
          notFound(ex, "No batch found with id '" + path[3] + "'.");
          return;
        }
        EmbeddedServer.send(ex, 200, b.toString());
      } else {
        EmbeddedServer.send(ex, 404, EmbeddedServer.error("no such endpoint: " + method + " "
            + ex.getRequestURI().getPath(), "invalid_request_error", "not_found"));
      }
    }
  }

  private boolean authorized(HttpExchange ex) throws IOException {
    if (config.requiredKey() != null
        && !("Bearer " + config.requiredKey()).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      EmbeddedServer.send(ex, 401, EmbeddedServer.error("Incorrect API key provided.", "invalid_request_error",
          "invalid_api_key"));
      return false;
    }
    return true;
  }

  private static void notFound(HttpExchange ex, String message) throws IOException {
    EmbeddedServer.send(ex, 404, EmbeddedServer.error(message, "invalid_request_error", "not_found"));
  }

  private static void badRequest(HttpExchange ex, String message) throws IOException {
    EmbeddedServer.send(ex, 400, EmbeddedServer.error(message, "invalid_request_error", null));
  }

  private void upload(HttpExchange ex) throws IOException {
    String boundary = Multipart.boundary(ex.getRequestHeaders().getFirst("Content-Type"));
    if (boundary == null) {
      badRequest(ex, "expected a multipart/form-data body");
      return;
    }
    Map<String, Multipart.Part> parts;
    try {
      parts = Multipart.parse(ex.getRequestBody().readAllBytes(), boundary);
    } catch (IllegalArgumentException e) {
      badRequest(ex, e.getMessage());
      return;
    }
    Multipart.Part purpose = parts.get("purpose");
    Multipart.Part file = parts.get("file");
    if (purpose == null || file == null) {
      badRequest(ex, "Missing required parameter: '" + (purpose == null ? "purpose" : "file") + "'.");
      return;
    }
    if (!"batch".equals(purpose.text().strip())) {
      badRequest(ex, "this server takes files with purpose 'batch' only");
      return;
    }
    StoredFile f = store(file.filename() == null ? "upload.jsonl" : file.filename(), "batch", file.content());
    count("files_uploaded");
    EmbeddedServer.send(ex, 200, fileObject(f).toString());
  }

  private StoredFile store(String filename, String purpose, byte[] content) {
    StoredFile f = new StoredFile("file-" + ids.incrementAndGet(), filename, purpose, content,
        System.currentTimeMillis() / 1000);
    files.put(f.id(), f);
    return f;
  }

  private static ObjectNode fileObject(StoredFile f) {
    ObjectNode o = Json.PLAIN.createObjectNode();
    o.put("id", f.id());
    o.put("object", "file");
    o.put("bytes", f.content().length);
    o.put("created_at", f.createdAt());
    o.put("filename", f.filename());
    o.put("purpose", f.purpose());
    return o;
  }

  private void create(HttpExchange ex) throws IOException {
    JsonNode req;
    try {
      req = Json.PLAIN.readTree(ex.getRequestBody().readAllBytes());
    } catch (IOException e) {
      badRequest(ex, "the request body is not valid JSON");
      return;
    }
    if (req == null || !req.isObject()) {
      badRequest(ex, "the request body is not a JSON object");
      return;
    }
    String fileId = req.path("input_file_id").asText("");
    StoredFile input = files.get(fileId);
    if (input == null || !"batch".equals(input.purpose())) {
      badRequest(ex, "Invalid 'input_file_id': '" + fileId + "'.");
      return;
    }
    String endpoint = req.path("endpoint").asText("");
    if (!"/v1/chat/completions".equals(endpoint)) {
      badRequest(ex, "Invalid 'endpoint': this server batches /v1/chat/completions only.");
      return;
    }
    String window = req.path("completion_window").asText("");
    if (!"24h".equals(window)) {
      badRequest(ex, "Invalid 'completion_window': expected '24h'.");
      return;
    }
    JsonNode metadata = req.path("metadata");
    if (!metadata.isMissingNode() && !metadata.isNull() && !metadata.isObject()) {
      badRequest(ex, "Invalid 'metadata': expected an object.");
      return;
    }
    Batch b = new Batch();
    b.id = "batch_" + ids.incrementAndGet();
    b.inputFileId = fileId;
    b.endpoint = endpoint;
    b.window = window;
    b.metadata = metadata.isObject() ? (ObjectNode) metadata.deepCopy() : Json.PLAIN.createObjectNode();
    b.createdMillis = System.currentTimeMillis();
    b.total = new String(input.content(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
    ObjectNode out;
    synchronized (batches) {
      batches.put(b.id, b);
      out = object(b);
    }
    count("batches_created");
    EmbeddedServer.send(ex, 200, out.toString());
  }

  private void list(HttpExchange ex) throws IOException {
    int limit = 20;
    String after = null;
    String query = ex.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (k.equals("limit")) {
          try {
            limit = Math.max(1, Math.min(100, Integer.parseInt(v)));
          } catch (NumberFormatException e) {
            badRequest(ex, "Invalid 'limit'.");
            return;
          }
        } else if (k.equals("after")) {
          after = v;
        }
      }
    }
    ObjectNode r = Json.PLAIN.createObjectNode();
    r.put("object", "list");
    ArrayNode data = r.putArray("data");
    boolean more = false;
    synchronized (batches) {
      List<Batch> newestFirst = new ArrayList<>(batches.values());
      java.util.Collections.reverse(newestFirst);
      boolean started = after == null;
      for (Batch b : newestFirst) {
        if (!started) {
          started = b.id.equals(after);
          continue;
        }
        if (data.size() == limit) {
          more = true;
          break;
        }
        advance(b);
        data.add(object(b));
      }
    }
    r.put("first_id", data.isEmpty() ? null : data.get(0).path("id").asText());
    r.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).path("id").asText());
    r.put("has_more", more);
    EmbeddedServer.send(ex, 200, r.toString());
  }

  /** The batch {@code id} as it is now (after completing it if its time has come, or cancelling it); null if unknown. */
  private ObjectNode read(String id, boolean cancel) {
    synchronized (batches) {
      Batch b = batches.get(id);
      if (b == null) {
        return null;
      }
      advance(b);
      if (cancel && !"completed".equals(b.status) && !"failed".equals(b.status) && !"cancelled".equals(b.status)) {
        b.status = "cancelled";
        b.cancelledAt = System.currentTimeMillis() / 1000;
        count("batches_cancelled");
      }
      return object(b);
    }
  }

  /** Completes {@code b} once its delay has passed; the caller holds the batches' lock. */
  private void advance(Batch b) {
    if (!"in_progress".equals(b.status) || System.currentTimeMillis() < b.createdMillis + (long) (delaySeconds * 1000)) {
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Set<String> seen = new HashSet<>();
    long n = 0;
    for (String line : new String(files.get(b.inputFileId).content(), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      n++;
      count("batch_lines");
      JsonNode req;
      try {
        req = Json.PLAIN.readTree(line);
      } catch (IOException e) {
        req = null;
      }
      String customId = req == null ? "" : req.path("custom_id").asText("");
      String problem = req == null || !req.isObject() ? "the line is not a JSON object"
          : customId.isEmpty() ? "the line has no custom_id"
          : !seen.add(customId) ? "custom_id '" + customId + "' appears twice"
          : !"POST".equals(req.path("method").asText()) ? "method must be POST"
          : !b.endpoint.equals(req.path("url").asText()) ? "url must be " + b.endpoint
          : !req.path("body").isObject() ? "the line has no body object"
          : unit("batch-failure:" + customId) < failures ? "The server had an error while processing your request."
          : null;
      if (problem != null) {
        b.failed++;
        count("batch_lines_failed");
        errors.writeBytes((errorLine(n, customId, problem) + "\n").getBytes(StandardCharsets.UTF_8));
        continue;
      }
      Answer a = answer(req.path("body"), b.id + "-" + n);
      ObjectNode out = Json.PLAIN.createObjectNode();
      out.put("id", "batch_req_" + b.id + "_" + n);
      out.put("custom_id", customId);
      ObjectNode response = out.putObject("response");
      response.put("status_code", a.status());
      response.put("request_id", "req_" + b.id + "_" + n);
      response.set("body", a.body());
      out.putNull("error");
      if (a.status() != 200) {
        b.failed++;
        count("batch_lines_failed");
        errors.writeBytes((out + "\n").getBytes(StandardCharsets.UTF_8));
        continue;
      }
      b.completed++;
      count("batch_lines_answered");
      String text = out.toString();
      if (unit("batch-malformed:" + customId) < malformed) {
        count("batch_lines_malformed");
        text = text.substring(0, text.length() / 2);
      }
      output.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
    b.outputFileId = store(b.id + "_output.jsonl", "batch_output", output.toByteArray()).id();
    if (errors.size() > 0) {
      b.errorFileId = store(b.id + "_error.jsonl", "batch_output", errors.toByteArray()).id();
    }
    b.status = "completed";
    b.completedAt = System.currentTimeMillis() / 1000;
    count("batches_completed");
  }

  private static ObjectNode errorLine(long n, String customId, String message) {
    ObjectNode o = Json.PLAIN.createObjectNode();
    o.put("id", "batch_req_" + n);
    o.put("custom_id", customId);
    o.putNull("response");
    ObjectNode e = o.putObject("error");
    e.put("code", "batch_line_failed");
    e.put("message", message);
    return o;
  }

  private record Answer(int status, JsonNode body) {}

  /** What {@code /v1/chat/completions} answers to {@code req} (without the fault knobs). */
  private Answer answer(JsonNode req, String id) {
    String modelName = req.path("model").asText("");
    if (!config.model().equals(modelName)) {
      return new Answer(404, error("The model `" + modelName + "` does not exist", "model_not_found"));
    }
    List<ChatMessage> messages;
    try {
      messages = EmbeddedServer.messages(req.path("messages"));
    } catch (IllegalArgumentException e) {
      return new Answer(400, error(e.getMessage(), null));
    }
    JsonNode format = req.path("response_format");
    String type = format.path("type").asText("");
    boolean schema = "json_schema".equals(type);
    boolean json = schema || "json_object".equals(type);
    if (schema && !format.path("json_schema").path("schema").isObject()) {
      return new Answer(400, error("Invalid 'response_format.json_schema.schema': expected an object.", "invalid_type"));
    }
    EmbeddedChatModel.Reply reply = model.reply(messages, schema);
    counts.answered(req, true);
    String text = json ? EmbeddedServer.jsonObject(reply.text()) : reply.text();
    boolean cutOff = reply.finishReason() == FinishReason.LENGTH
        || (json && model.persona().faithful() && !EmbeddedServer.isJsonObject(text));
    ObjectNode completion = EmbeddedServer.completion(0, modelName, messages, text, cutOff);
    completion.put("id", "chatcmpl-" + id);
    return new Answer(200, completion);
  }

  private static JsonNode error(String message, String code) {
    try {
      return Json.PLAIN.readTree(EmbeddedServer.error(message, "invalid_request_error", code));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode object(Batch b) {
    ObjectNode o = Json.PLAIN.createObjectNode();
    o.put("id", b.id);
    o.put("object", "batch");
    o.put("endpoint", b.endpoint);
    o.putNull("errors");
    o.put("input_file_id", b.inputFileId);
    o.put("completion_window", b.window);
    o.put("status", b.status);
    o.put("output_file_id", b.outputFileId);
    o.put("error_file_id", b.errorFileId);
    o.put("created_at", b.createdMillis / 1000);
    o.put("in_progress_at", b.createdMillis / 1000);
    o.put("expires_at", b.createdMillis / 1000 + 86_400);
    o.put("completed_at", b.completedAt);
    o.put("cancelled_at", b.cancelledAt);
    ObjectNode c = o.putObject("request_counts");
    c.put("total", b.total);
    c.put("completed", b.completed);
    c.put("failed", b.failed);
    o.set("metadata", b.metadata);
    return o;
  }

  /** A uniform draw in [0, 1) from the server's seed and {@code draw}. */
  double unit(String draw) {
    byte[] h = Hashing.sha256().hashString(config.seed() + ":" + draw, StandardCharsets.UTF_8).asBytes();
    long v = 0;
    for (int i = 0; i < 7; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return v / (double) (1L << 56);
  }
}
