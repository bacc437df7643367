package dev.tracegen.llm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.output.FinishReason;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The answers in a batch output file, never trusted: a line is used only when it is a JSON object
 * whose {@code custom_id} is one of the batch's requests (and not answered by an earlier line),
 * whose {@code response.status_code} is 200 and whose body has a text answer. Every other line is
 * counted and left out, so its request is sent again.
 */
public record BatchResults(Map<String, BatchOutcome.Answer> answers, int failedLines, int malformedLines) {

  /** Reads {@code output} (JSONL) for the requests {@code keys}. */
  public static BatchResults parse(byte[] output, Set<String> keys) {
    Map<String, BatchOutcome.Answer> answers = new HashMap<>();
    int failed = 0;
    int malformed = 0;
    if (output == null) {
      return new BatchResults(answers, 0, 0);
    }
    for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = Json.PLAIN.readTree(line);
      } catch (IOException e) {
        malformed++;
        continue;
      }
      if (n == null || !n.isObject()) {
        malformed++;
        continue;
      }
      String id = n.path("custom_id").asText("");
      if (!keys.contains(id) || answers.containsKey(id)) {
        malformed++;
        continue;
      }
      JsonNode response = n.path("response");
      if (response.path("status_code").asInt(0) != 200) {
        failed++;
        continue;
      }
      BatchOutcome.Answer a = answer(response.path("body"));
      if (a == null) {
        malformed++;
        continue;
      }
      answers.put(id, a);
    }
    return new BatchResults(answers, failed, malformed);
  }

  /** The answer in a chat completion, or null when it has none. */
  static BatchOutcome.Answer answer(JsonNode completion) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isTextual()) {
      return null;
    }
    String text = content.asText();
    FinishReason finish = switch (choice.path("finish_reason").asText("")) {
      case "stop" -> FinishReason.STOP;
      case "length" -> FinishReason.LENGTH;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      case "tool_calls" -> FinishReason.TOOL_EXECUTION;
      default -> null;
    };
    JsonNode usage = completion.path("usage");
    long in = usage.path("prompt_tokens").canConvertToLong() ? Math.max(0, usage.path("prompt_tokens").asLong()) : -1;
    long out = usage.path("completion_tokens").canConvertToLong()
        ? Math.max(0, usage.path("completion_tokens").asLong()) : -1;
    return new BatchOutcome.Answer(text, in, out, finish, false);
  }
}
