package dev.tracegen.decontaminate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one line of an external benchmark file: JSONL with a named text field, or plain
 * text. A field path is dot-separated keys with optional {@code [i]} indexes, negative from the
 * end ({@code messages[-1].content}). Without a path, the first non-empty of {@link #DEFAULT_FIELDS}
 * is used; a line that is not a JSON object is taken as plain text.
 */
public final class ReferenceTexts {
  public static final List<String> DEFAULT_FIELDS = List.of("messages[-1].content", "instruction", "text", "prompt");

  private ReferenceTexts() {}

  /** The text of {@code line}, or {@code ""} if it has none. */
  public static String text(String line, String fieldPath) {
    String s = line.strip();
    if (s.isEmpty()) {
      return "";
    }
    if (!s.startsWith("{")) {
      return s;
    }
    JsonNode node;
    try {
      node = Json.PLAIN.readTree(s);
    } catch (Exception e) {
      return s;
    }
    if (!node.isObject()) {
      return s;
    }
    List<String> paths = fieldPath == null || fieldPath.isBlank() ? DEFAULT_FIELDS : List.of(fieldPath.strip());
    for (String path : paths) {
      JsonNode v = at(node, path);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return "";
  }

  /** The node at {@code path}, or null. */
  static JsonNode at(JsonNode root, String path) {
    JsonNode cur = root;
    for (String part : path.split("\\.")) {
      String key = part;
      List<Integer> indexes = new ArrayList<>();
      int br = part.indexOf('[');
      if (br >= 0) {
        key = part.substring(0, br);
        for (String ix : part.substring(br + 1).split("\\[")) {
          indexes.add(Integer.parseInt(ix.replace("]", "").strip()));
        }
      }
      if (!key.isEmpty()) {
        cur = cur == null ? null : cur.get(key);
      }
      for (int ix : indexes) {
        if (cur == null || !cur.isArray() || cur.size() == 0) {
          return null;
        }
        int i = ix < 0 ? cur.size() + ix : ix;
        cur = i >= 0 && i < cur.size() ? cur.get(i) : null;
      }
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }
}
