package dev.tracegen.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import dev.tracegen.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How often the server answered each distinct request (the model ran: what a provider bills), on
 * its own and in batches. A request is its model, messages (role and text) and response format
 * type, so the same call counts as one whether it came as a batch line or from a synchronous
 * client that writes its JSON differently.
 */
public final class RequestCounts {
  private final Map<String, AtomicLong> sync = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> batch = new ConcurrentHashMap<>();

  /** The identity of a chat completion request body. */
  static String key(JsonNode req) {
    ObjectNode k = Json.PLAIN.createObjectNode();
    k.put("model", req.path("model").asText(""));
    ArrayNode ms = k.putArray("messages");
    for (JsonNode m : req.path("messages")) {
      ms.addObject().put("role", m.path("role").asText("")).put("content", EmbeddedServer.content(m.path("content")));
    }
    k.put("format", req.path("response_format").path("type").asText(""));
    return Hashing.sha256().hashString(k.toString(), StandardCharsets.UTF_8).toString();
  }

  void answered(JsonNode req, boolean viaBatch) {
    (viaBatch ? batch : sync).computeIfAbsent(key(req), x -> new AtomicLong()).incrementAndGet();
  }

  /** Answers per distinct request, synchronous and batch together. */
  public Map<String, Long> perRequest() {
    Map<String, Long> out = new TreeMap<>();
    sync.forEach((k, v) -> out.merge(k, v.get(), Long::sum));
    batch.forEach((k, v) -> out.merge(k, v.get(), Long::sum));
    return out;
  }

  /** Answers per distinct request given as batch lines. */
  public Map<String, Long> batchPerRequest() {
    Map<String, Long> out = new TreeMap<>();
    batch.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Answers per distinct request sent on their own. */
  public Map<String, Long> syncPerRequest() {
    Map<String, Long> out = new TreeMap<>();
    sync.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Distinct requests answered, and the most answers any one of them got. */
  void addStats(Map<String, Long> stats) {
    Map<String, Long> all = perRequest();
    stats.put("distinct_requests", (long) all.size());
    stats.put("most_answers_per_request", all.values().stream().mapToLong(Long::longValue).max().orElse(0));
  }
}
