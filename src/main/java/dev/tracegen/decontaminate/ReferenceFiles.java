package dev.tracegen.decontaminate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks the {@code --decontaminate} files before the run, so that a wrong field name or a broken
 * line is an error naming the file and line rather than a benchmark that silently contributes no
 * n-grams. A file whose first non-blank line starts with {@code {} is JSONL: every non-blank line
 * must be a JSON object with text at the field path ({@code --decontaminateField}, else the first
 * of {@link ReferenceTexts#DEFAULT_FIELDS} that the line has). Any other file is plain text, one
 * document per non-blank line.
 */
public final class ReferenceFiles {
  /** At most this many problems are listed; the count of the rest is given. */
  static final int MAX_LISTED = 10;

  private ReferenceFiles() {}

  /**
   * @return documents per matched file (in match order)
   * @throws IllegalArgumentException listing {@code file:line: problem} for every bad line, a
   *     pattern that matches nothing or a file without any document
   */
  public static Map<String, Long> check(DecontaminationConfig config) {
    Map<String, Long> docs = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String spec : config.files()) {
      List<MatchResult.Metadata> matched;
      try {
        MatchResult match = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
        matched = match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
      } catch (IOException e) {
        throw new IllegalArgumentException("--decontaminate: cannot read " + spec + ": " + e.getMessage(), e);
      }
      if (matched.isEmpty()) {
        problems.add("--decontaminate: no file matches " + spec);
        continue;
      }
      for (MatchResult.Metadata m : matched) {
        String file = m.resourceId().toString();
        docs.put(file, checkFile(m, file, config.field(), problems));
      }
    }
    if (!problems.isEmpty()) {
      List<String> listed = problems.subList(0, Math.min(MAX_LISTED, problems.size()));
      String more = problems.size() > MAX_LISTED ? "\n  ... and " + (problems.size() - MAX_LISTED) + " more" : "";
      throw new IllegalArgumentException("--decontaminate files have problems:\n  " + String.join("\n  ", listed) + more);
    }
    return docs;
  }

  /** Receives one line of a file with its 1-based number. */
  @FunctionalInterface
  interface LineConsumer {
    void accept(int lineNo, String line);
  }

  /** Every line of a matched file, in order (UTF-8). */
  static void forEachLine(MatchResult.Metadata m, LineConsumer consumer) throws IOException {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        Channels.newInputStream(FileSystems.open(m.resourceId())), StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        consumer.accept(++lineNo, line);
      }
    }
  }

  private static long checkFile(MatchResult.Metadata m, String file, String field, List<String> problems) {
    long[] documents = {0};
    boolean[] seen = {false};
    boolean[] jsonl = {false};
    try {
      forEachLine(m, (lineNo, line) -> {
        String s = line.strip();
        if (s.isEmpty()) {
          return;
        }
        if (!seen[0]) {
          seen[0] = true;
          jsonl[0] = s.startsWith("{");
        }
        String problem = jsonl[0] ? jsonProblem(s, field) : null;
        if (problem == null) {
          documents[0]++;
        } else {
          problems.add(file + ":" + lineNo + ": " + problem);
        }
      });
    } catch (IOException e) {
      problems.add(file + ": cannot read: " + e.getMessage());
      return 0;
    }
    if (!seen[0]) {
      problems.add(file + ": empty (no document to decontaminate against)");
    }
    return documents[0];
  }

  /** What is wrong with one line of a JSONL file, or null. */
  private static String jsonProblem(String line, String field) {
    JsonNode node;
    try {
      node = Json.PLAIN.readTree(line);
    } catch (JsonProcessingException e) {
      return "not valid JSON (the file is read as JSONL): " + e.getOriginalMessage();
    }
    if (node == null || !node.isObject()) {
      return "not a JSON object (the file is read as JSONL)";
    }
    if (ReferenceTexts.text(line, field).isEmpty()) {
      return "no text at " + (field.isBlank()
          ? "any of the default fields " + ReferenceTexts.DEFAULT_FIELDS + " (name one with --decontaminateField)"
          : "field '" + field + "' (--decontaminateField)");
    }
    return null;
  }
}
