package dev.tracegen.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.embedded.EmbeddedChatModel;
import dev.tracegen.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Anthropic's Message Batches API in front of the embedded model: {@code POST
 * /v1/messages/batches} (requests inline, each a {@code custom_id} and Messages API {@code
 * params}), {@code GET /v1/messages/batches/{id}}, {@code GET /v1/messages/batches} (newest first,
 * {@code limit}, {@code after_id}, {@code before_id}), {@code POST .../{id}/cancel} and {@code GET
 * .../{id}/results} (JSONL, once the batch has ended). The delay, failed and cut-off shares are
 * those of the OpenAI emulation ({@link BatchEmulator}): a batch ends once the delay has passed
 * since it was created; a failed request is an {@code errored} result, a request the model cannot
 * take (wrong model, bad params) an {@code errored} result saying why; a cancelled batch ends at
 * once with its requests {@code canceled}.
 */
final class AnthropicBatchEmulator {
  private static final Pattern CUSTOM_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
  /** Anthropic's limit of requests in one batch. */
  static final int MAX_REQUESTS = 100_000;

  private final EmbeddedServer.Config config;
  private final EmbeddedChatModel model;
  private final RequestCounts counts;
  private final BatchEmulator knobs;
  private final AtomicLong ids = new AtomicLong();
  /** Batches in creation order. */
  private final Map<String, Batch> batches = new LinkedHashMap<>();

  private record Request(String customId, JsonNode params) {}

  private static final class Batch {
    String id;
    List<Request> requests;
    long createdMillis;
    String status = "in_progress";
    long succeeded;
    long errored;
    long canceled;
    Long endedMillis;
    Long cancelMillis;
    byte[] results;
    String resultsUrl;
  }

  AnthropicBatchEmulator(EmbeddedServer.Config config, EmbeddedChatModel model, RequestCounts counts,
      BatchEmulator knobs) {
    this.config = config;
    this.model = model;
    this.counts = counts;
    this.knobs = knobs;
  }

  /** {@code /v1/messages/batches...} */
  void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!AnthropicWire.authorized(ex, config.requiredKey())) {
        return;
      }
      String[] path = ex.getRequestURI().getPath().split("/");
      String method = ex.getRequestMethod();
      // "", "v1", "messages", "batches", id, action
      if (path.length == 4 && "POST".equals(method)) {
        create(ex);
      } else if (path.length == 4 && "GET".equals(method)) {
        list(ex);
      } else if (path.length == 5 && "GET".equals(method)) {
        ObjectNode b = read(path[4], false, base(ex));
        if (b == null) {
          notFound(ex, path[4]);
          return;
        }
        EmbeddedServer.send(ex, 200, b.toString());
      } else if (path.length == 6 && "cancel".equals(path[5]) && "POST".equals(method)) {
        ObjectNode b = read(path[4], true, base(ex));
        if (b == null) {
          notFound(ex, path[4]);
          return;
        }
        EmbeddedServer.send(ex, 200, b.toString());
      } else if (path.length == 6 && "results".equals(path[5]) && "GET".equals(method)) {
        results(ex, path[4]);
      } else {
        EmbeddedServer.send(ex, 404, AnthropicWire.error("not_found_error", "no such endpoint: " + method + " "
            + ex.getRequestURI().getPath()));
      }
    }
  }

  private static String base(HttpExchange ex) {
    String host = ex.getRequestHeaders().getFirst("Host");
    return "http://" + (host == null ? "127.0.0.1" : host);
  }

  private static void notFound(HttpExchange ex, String id) throws IOException {
    EmbeddedServer.send(ex, 404, AnthropicWire.error("not_found_error", "No batch found with id '" + id + "'."));
  }

  private static void badRequest(HttpExchange ex, String message) throws IOException {
    EmbeddedServer.send(ex, 400, AnthropicWire.error("invalid_request_error", message));
  }

  private void create(HttpExchange ex) throws IOException {
    JsonNode req;
    try {
      req = Json.PLAIN.readTree(ex.getRequestBody().readAllBytes());
    } catch (IOException e) {
      badRequest(ex, "the request body is not valid JSON");
      return;
    }
    JsonNode list = req == null ? null : req.path("requests");
    if (list == null || !list.isArray() || list.isEmpty()) {
      badRequest(ex, "requests: at least one request is required");
      return;
    }
    if (list.size() > MAX_REQUESTS) {
      badRequest(ex, "requests: at most " + MAX_REQUESTS + " requests in one batch");
      return;
    }
    List<Request> requests = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String id = r.path("custom_id").asText("");
      if (!CUSTOM_ID.matcher(id).matches()) {
        badRequest(ex, "requests." + i + ".custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
        return;
      }
      if (!seen.add(id)) {
        badRequest(ex, "requests: custom_id '" + id + "' appears more than once");
        return;
      }
      if (!r.path("params").isObject()) {
        badRequest(ex, "requests." + i + ".params: Field required");
        return;
      }
      requests.add(new Request(id, r.path("params")));
    }
    Batch b = new Batch();
    b.id = "msgbatch_" + ids.incrementAndGet();
    b.requests = requests;
    b.createdMillis = System.currentTimeMillis();
    ObjectNode out;
    synchronized (batches) {
      batches.put(b.id, b);
      out = object(b);
    }
    knobs.count("batches_created");
    EmbeddedServer.send(ex, 200, out.toString());
  }

  private void list(HttpExchange ex) throws IOException {
    int limit = 20;
    String after = null;
    String before = null;
    String query = ex.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        switch (k) {
          case "limit" -> {
            try {
              limit = Math.max(1, Math.min(1000, Integer.parseInt(v)));
            } catch (NumberFormatException e) {
              badRequest(ex, "limit: Input should be a valid integer");
              return;
            }
          }
          case "after_id" -> after = v;
          case "before_id" -> before = v;
          default -> { }
        }
      }
    }
    ObjectNode r = Json.PLAIN.createObjectNode();
    ArrayNode data = r.putArray("data");
    boolean more = false;
    String base = base(ex);
    synchronized (batches) {
      List<Batch> newestFirst = new ArrayList<>(batches.values());
      Collections.reverse(newestFirst);
      int from = 0;
      int to = newestFirst.size();
      if (after != null) {
        from = indexOf(newestFirst, after) + 1;
      }
      if (before != null) {
        to = Math.max(0, indexOf(newestFirst, before));
        from = Math.max(from, to - limit);
      }
      for (int i = from; i < to; i++) {
        if (data.size() == limit) {
          more = true;
          break;
        }
        Batch b = newestFirst.get(i);
        advance(b, base);
        data.add(object(b));
      }
    }
    r.put("has_more", more);
    r.put("first_id", data.isEmpty() ? null : data.get(0).path("id").asText());
    r.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).path("id").asText());
    EmbeddedServer.send(ex, 200, r.toString());
  }

  private static int indexOf(List<Batch> list, String id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id.equals(id)) {
        return i;
      }
    }
    return list.size();
  }

  private void results(HttpExchange ex, String id) throws IOException {
    byte[] results;
    synchronized (batches) {
      Batch b = batches.get(id);
      if (b == null) {
        notFound(ex, id);
        return;
      }
      advance(b, base(ex));
      results = b.results;
    }
    if (results == null) {
      badRequest(ex, "Batch '" + id + "' has not ended yet; its results are not available.");
      return;
    }
    EmbeddedServer.send(ex, 200, "application/binary", results);
  }

  /** The batch {@code id} as it is now (ended if its time has come, or cancelled); null if unknown. */
  private ObjectNode read(String id, boolean cancel, String base) {
    synchronized (batches) {
      Batch b = batches.get(id);
      if (b == null) {
        return null;
      }
      advance(b, base);
      if (cancel && "in_progress".equals(b.status)) {
        b.cancelMillis = System.currentTimeMillis();
        end(b, base, true);
        knobs.count("batches_cancelled");
      }
      return object(b);
    }
  }

  /** Ends {@code b} once its delay has passed; the caller holds the batches' lock. */
  private void advance(Batch b, String base) {
    if ("in_progress".equals(b.status)
        && System.currentTimeMillis() >= b.createdMillis + (long) (knobs.delaySeconds() * 1000)) {
      end(b, base, false);
      knobs.count("batches_completed");
    }
  }

  private void end(Batch b, String base, boolean cancelled) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = 0;
    for (Request r : b.requests) {
      n++;
      ObjectNode line = Json.PLAIN.createObjectNode();
      line.put("custom_id", r.customId());
      ObjectNode result = line.putObject("result");
      if (cancelled) {
        result.put("type", "canceled");
        b.canceled++;
      } else {
        knobs.count("batch_lines");
        JsonNode error = knobs.unit("batch-failure:" + r.customId()) < knobs.failureShare()
            ? AnthropicWire.errorNode("api_error", "Internal server error") : null;
        ObjectNode message = error == null ? answer(r.params(), b.id + "_" + n) : null;
        if (message != null && message.path("type").asText().equals("error")) {
          error = message;
          message = null;
        }
        if (error != null) {
          result.put("type", "errored");
          result.set("error", error);
          b.errored++;
          knobs.count("batch_lines_failed");
        } else {
          result.put("type", "succeeded");
          result.set("message", message);
          b.succeeded++;
          knobs.count("batch_lines_answered");
        }
      }
      String text = line.toString();
      if (!cancelled && "succeeded".equals(result.path("type").asText())
          && knobs.unit("batch-malformed:" + r.customId()) < knobs.malformedShare()) {
        knobs.count("batch_lines_malformed");
        text = text.substring(0, text.length() / 2);
      }
      out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
    b.results = out.toByteArray();
    b.resultsUrl = base + "/v1/messages/batches/" + b.id + "/results";
    b.status = "ended";
    b.endedMillis = System.currentTimeMillis();
  }

  /** What {@code POST /v1/messages} answers to {@code params} (without the fault knobs), or an error body. */
  private ObjectNode answer(JsonNode params, String id) {
    ObjectNode chat;
    try {
      chat = AnthropicWire.toChat(params);
    } catch (IllegalArgumentException e) {
      return AnthropicWire.errorNode("invalid_request_error", e.getMessage());
    }
    String modelName = chat.path("model").asText();
    if (!config.model().equals(modelName)) {
      return AnthropicWire.errorNode("not_found_error", "model: " + modelName);
    }
    List<ChatMessage> messages = EmbeddedServer.messages(chat.path("messages"));
    EmbeddedChatModel.Reply reply = model.reply(messages, false);
    counts.answered(chat, true);
    return AnthropicWire.message("msg_" + id, modelName, EmbeddedServer.tokensIn(messages), reply.text(),
        reply.finishReason() == FinishReason.LENGTH);
  }

  private static ObjectNode object(Batch b) {
    ObjectNode o = Json.PLAIN.createObjectNode();
    o.put("id", b.id);
    o.put("type", "message_batch");
    o.put("processing_status", b.status);
    ObjectNode c = o.putObject("request_counts");
    boolean ended = "ended".equals(b.status);
    c.put("processing", ended ? 0 : b.requests.size());
    c.put("succeeded", b.succeeded);
    c.put("errored", b.errored);
    c.put("canceled", b.canceled);
    c.put("expired", 0);
    o.put("ended_at", b.endedMillis == null ? null : Instant.ofEpochMilli(b.endedMillis).toString());
    o.put("created_at", Instant.ofEpochMilli(b.createdMillis).toString());
    o.put("expires_at", Instant.ofEpochMilli(b.createdMillis + 86_400_000L).toString());
    o.putNull("archived_at");
    o.put("cancel_initiated_at", b.cancelMillis == null ? null : Instant.ofEpochMilli(b.cancelMillis).toString());
    o.put("results_url", b.resultsUrl);
    return o;
  }
}
