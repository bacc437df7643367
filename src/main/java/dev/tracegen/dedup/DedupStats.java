package dev.tracegen.dedup;

import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.stage.Stages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code dedup} section of {@code stats.json} and its table in the dataset card, derived from
 * files only (the published record counts and the rejection files), so {@code stats} recomputes it
 * byte for byte:
 *
 * <ul>
 *   <li>{@code input}: records that reached dedup (published + rejected by dedup, split,
 *       decontaminate or select);
 *   <li>{@code removed} and {@code rate} per kind: exact, near, semantic duplicates and train
 *       members of clusters that would straddle the split;
 *   <li>{@code cluster_sizes}: per kind, clusters by size ({@code "2": n}); read from the rejection
 *       details, which name the cluster and its size ("cluster ID, N records");
 *   <li>{@code decontamination}: train records that reached it, those dropped for an n-gram shared
 *       with eval and with external files, and the rate.
 * </ul>
 */
public final class DedupStats {
  private static final Pattern CLUSTER = Pattern.compile("\\(cluster (\\S+), (\\d+) records");
  private static final Pattern TRAIN_STRATUM = Pattern.compile("^stratum train\\.");
  static final List<String> KINDS = List.of("exact", "near", "semantic");

  private DedupStats() {}

  /** The section, from the rejections directory and the published records per split. */
  public static Map<String, Object> compute(Path rejectionsDir, Map<String, Long> published) {
    Map<String, Long> removed = new LinkedHashMap<>();
    for (String reason : List.of("exact_duplicate", "near_duplicate", "semantic_duplicate", "cluster_straddles_split")) {
      removed.put(reason, 0L);
    }
    Map<String, TreeMap<String, Integer>> clusters = new LinkedHashMap<>(); // kind -> cluster -> size
    KINDS.forEach(k -> clusters.put(k, new TreeMap<>()));
    long afterDedup = 0;
    long decontaminated = 0;
    long overlapEval = 0;
    long overlapExternal = 0;
    long trainSurplus = 0;
    for (String stage : List.of(Stages.DEDUP.id(), Stages.SPLIT.id(), Stages.DECONTAMINATE.id(), Stages.SELECT.id())) {
      Path file = rejectionsDir.resolve(stage + ".jsonl");
      if (!Files.exists(file)) {
        continue;
      }
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          Rejection r = Json.read(line, Rejection.class);
          afterDedup++;
          String reason = r.reason() == null ? "" : r.reason();
          String detail = r.detail() == null ? "" : r.detail();
          if (removed.containsKey(reason)) {
            removed.merge(reason, 1L, Long::sum);
            Matcher m = CLUSTER.matcher(detail);
            if (m.find()) {
              clusters.get(kindOf(reason, detail)).put(m.group(1), Integer.parseInt(m.group(2)));
            }
          } else if (Stages.DECONTAMINATE.id().equals(stage)) {
            decontaminated++;
            if ("ngram_overlap_eval".equals(reason)) {
              overlapEval++;
            } else if ("ngram_overlap_external".equals(reason)) {
              overlapExternal++;
            }
          } else if ("select".equals(stage) && TRAIN_STRATUM.matcher(detail).find()) {
            trainSurplus++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    long input = afterDedup + published.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("input", input);
    out.put("removed", removed);
    Map<String, Object> rates = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : removed.entrySet()) {
      rates.put(e.getKey(), rate(e.getValue(), input));
      total += e.getValue();
    }
    rates.put("total", rate(total, input));
    out.put("rate", rates);
    Map<String, Object> sizes = new LinkedHashMap<>();
    clusters.forEach((kind, byCluster) -> {
      TreeMap<Integer, Long> hist = new TreeMap<>();
      byCluster.values().forEach(n -> hist.merge(n, 1L, Long::sum));
      Map<String, Long> h = new LinkedHashMap<>();
      hist.forEach((n, c) -> h.put(String.valueOf(n), c));
      sizes.put(kind, h);
    });
    out.put("cluster_sizes", sizes);
    long trainIn = published.getOrDefault("train", 0L) + trainSurplus + decontaminated;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("input", trainIn);
    d.put("ngram_overlap_eval", overlapEval);
    d.put("ngram_overlap_external", overlapExternal);
    d.put("rate", rate(decontaminated, trainIn));
    out.put("decontamination", d);
    return out;
  }

  static String kindOf(String reason, String detail) {
    if (reason.startsWith("exact") || (reason.equals("cluster_straddles_split") && detail.contains("exact duplicate"))) {
      return "exact";
    }
    if (reason.startsWith("semantic") || (reason.equals("cluster_straddles_split") && detail.contains("semantic duplicate"))) {
      return "semantic";
    }
    return "near";
  }

  private static double rate(long n, long of) {
    return of == 0 ? 0.0 : Math.round(n * 1_000_000.0 / of) / 1_000_000.0;
  }

  /** The dataset card's subsection for a {@link #compute} map (empty when absent). */
  @SuppressWarnings("unchecked")
  public static String markdown(Object section) {
    if (!(section instanceof Map<?, ?> m) || m.isEmpty()) {
      return "";
    }
    Map<String, Object> s = (Map<String, Object>) m;
    Map<String, Object> removed = (Map<String, Object>) s.getOrDefault("removed", Map.of());
    Map<String, Object> rates = (Map<String, Object>) s.getOrDefault("rate", Map.of());
    StringBuilder b = new StringBuilder("### Deduplication and decontamination\n\n");
    b.append(String.format(Locale.ROOT, "%,d records reached dedup (instruction x1: exact normalised text, near-duplicates"
        + " by MinHash/LSH at shingle Jaccard >= threshold, optionally semantic by embedding cosine; one survivor per"
        + " cluster, never a cluster across train and eval).%n%n", num(s.get("input"))));
    b.append("| removed as | records | rate |\n|---|---:|---:|\n");
    removed.forEach((reason, n) -> b.append(String.format(Locale.ROOT, "| %s | %,d | %.4f%% |%n", reason, num(n),
        100 * dbl(rates.get(reason)))));
    b.append('\n');
    Map<String, Object> sizes = (Map<String, Object>) s.getOrDefault("cluster_sizes", Map.of());
    b.append("Clusters by size (survivor included):\n\n| kind | size: clusters |\n|---|---|\n");
    sizes.forEach((kind, h) -> {
      StringBuilder row = new StringBuilder();
      ((Map<String, Object>) h).forEach((size, c) -> row.append(row.length() == 0 ? "" : ", ").append(size).append(": ")
          .append(num(c)));
      b.append("| ").append(kind).append(" | ").append(row.length() == 0 ? "none" : row).append(" |\n");
    });
    b.append('\n');
    Map<String, Object> d = (Map<String, Object>) s.getOrDefault("decontamination", Map.of());
    b.append(String.format(Locale.ROOT, "Decontamination: of %,d train records, %,d shared a long n-gram (13 words or 26 CJK"
            + " characters) with an eval record and %,d with an external benchmark file (rate %.4f%%).%n%n",
        num(d.get("input")), num(d.get("ngram_overlap_eval")), num(d.get("ngram_overlap_external")),
        100 * dbl(d.get("rate"))));
    return b.toString();
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0L;
  }

  private static double dbl(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0.0;
  }
}
