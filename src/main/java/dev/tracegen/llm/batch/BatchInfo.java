package dev.tracegen.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the provider says of one batch. Read from the server's JSON and checked: ids go into URL
 * paths, so one that is not a plain token is refused rather than used.
 */
public record BatchInfo(String id, String status, String outputFileId, String errorFileId, long total,
    long completed, long failed, Map<String, String> metadata) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-]{1,200}");
  /** States after which nothing changes any more. */
  static final Set<String> TERMINAL = Set.of("completed", "failed", "expired", "cancelled", "ended");

  public boolean terminal() {
    return TERMINAL.contains(status);
  }

  /** The batch object in {@code node}; throws {@link BatchApiException} when it is not one. */
  static BatchInfo of(JsonNode node) {
    String id = node.path("id").asText("");
    if (!ID.matcher(id).matches()) {
      throw new BatchApiException("the server sent a batch without a usable id: " + abbreviate(node), 0, false, null);
    }
    String status = node.path("status").asText("");
    if (status.isEmpty()) {
      throw new BatchApiException("the server sent batch " + id + " without a status", 0, false, null);
    }
    Map<String, String> metadata = new TreeMap<>();
    node.path("metadata").fields().forEachRemaining(e -> {
      if (e.getValue().isTextual()) {
        metadata.put(e.getKey(), e.getValue().asText());
      }
    });
    JsonNode counts = node.path("request_counts");
    return new BatchInfo(id, status, fileId(node.path("output_file_id")), fileId(node.path("error_file_id")),
        counts.path("total").asLong(0), counts.path("completed").asLong(0), counts.path("failed").asLong(0), metadata);
  }

  /** A file id from the server, or null when it sent none or one that is not a plain token. */
  static String fileId(JsonNode n) {
    String v = n.isTextual() ? n.asText() : "";
    return ID.matcher(v).matches() ? v : null;
  }

  static boolean plainId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  static String abbreviate(JsonNode node) {
    String s = String.valueOf(node);
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
