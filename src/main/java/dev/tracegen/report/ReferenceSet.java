package dev.tracegen.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reference eval set to compare a build against, such as the official TRACE eval set ({@code
 * trace_eval_official.jsonl}): its constraint-count histogram (from {@code constraints_num}) and its
 * dimension mix (from the {@code levels2} labels, mapped to dimension ids through the taxonomy's
 * {@code label_zh}; {@code known} holds the dimension ids). Read one line at a time.
 */
public record ReferenceSet(String name, long records, Map<String, Long> histogram, Map<String, Long> dimensions,
    java.util.Set<String> known) {

  /**
   * Reads {@code file}; {@code labelsZh} maps dimension id to its {@code levels2} label (labels that
   * name no dimension are counted under their own text).
   */
  public static ReferenceSet load(Path file, Map<String, String> labelsZh) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("reference eval set not found: " + file
          + " (--reference takes a JSONL file such as src/test/resources/reference/trace/trace_eval_official.jsonl)");
    }
    Map<String, String> byLabel = new TreeMap<>();
    labelsZh.forEach((id, label) -> byLabel.put(label, id));
    long records = 0;
    long[] hist = new long[16];
    long other = 0;
    Map<String, Long> dims = new TreeMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode row;
        try {
          row = Json.PLAIN.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(file + ":" + lineNo + ": not JSON: " + e.getMessage().split("\n")[0]);
        }
        records++;
        int k = row.path("constraints_num").asInt(row.path("constraints_splits").size());
        if (k >= 1 && k <= 15) {
          hist[k]++;
        } else {
          other++;
        }
        for (JsonNode l : row.path("levels2")) {
          dims.merge(byLabel.getOrDefault(l.asText(), l.asText()), 1L, Long::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference " + file, e);
    }
    Map<String, Long> histogram = new LinkedHashMap<>();
    for (int k = 1; k <= 15; k++) {
      histogram.put(String.valueOf(k), hist[k]);
    }
    if (other > 0) {
      histogram.put("other", other);
    }
    return new ReferenceSet(file.getFileName().toString(), records, histogram, dims,
        new java.util.TreeSet<>(labelsZh.keySet()));
  }

  /** Mean constraints per record of the histogram (1..15). */
  public double mean() {
    long n = 0;
    long sum = 0;
    for (Map.Entry<String, Long> e : histogram.entrySet()) {
      if (!e.getKey().equals("other")) {
        n += e.getValue();
        sum += e.getValue() * Long.parseLong(e.getKey());
      }
    }
    return n == 0 ? 0 : (double) sum / n;
  }
}
