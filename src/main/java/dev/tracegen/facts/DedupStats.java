package dev.tracegen.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tracegen.io.Locations;
import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.stage.Stages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code dedup} section of {@code stats.json}, derived from files only (the published record
 * counts and the rejection files), so {@code stats} recomputes it byte for byte.
 *
 * @param input records that reached dedup (published + rejected by dedup, split, decontaminate or
 *     select)
 * @param removed per reason: exact, near and semantic duplicates, and train members of clusters
 *     that would straddle the split
 * @param rate {@code removed} over {@code input} per reason, and their {@code total}
 * @param clusterSizes per kind ({@code exact}, {@code near}, {@code semantic}), clusters by size
 *     ({@code "2": n}), read from the rejection details ("cluster ID, N records")
 * @param decontamination train records that reached decontamination and what it dropped
 */
@JsonPropertyOrder({"input", "removed", "rate", "cluster_sizes", "decontamination"})
public record DedupStats(long input, Map<String, Long> removed, Map<String, Double> rate,
    @JsonProperty("cluster_sizes") Map<String, Map<String, Long>> clusterSizes,
    Decontamination decontamination) {
  private static final Pattern CLUSTER = Pattern.compile("\\(cluster (\\S+), (\\d+) records");
  private static final Pattern TRAIN_STRATUM = Pattern.compile("^stratum train\\.");
  static final List<String> KINDS = List.of("exact", "near", "semantic");

  public DedupStats {
    removed = removed == null ? Map.of() : removed;
    rate = rate == null ? Map.of() : rate;
    clusterSizes = clusterSizes == null ? Map.of() : clusterSizes;
    decontamination = decontamination == null ? new Decontamination(0, 0, 0, 0.0) : decontamination;
  }

  /**
   * Train records that reached decontamination, those dropped for a long n-gram shared with an
   * eval record and with an external file, and the share dropped.
   */
  @JsonPropertyOrder({"input", "ngram_overlap_eval", "ngram_overlap_external", "rate"})
  public record Decontamination(long input, @JsonProperty("ngram_overlap_eval") long ngramOverlapEval,
      @JsonProperty("ngram_overlap_external") long ngramOverlapExternal, double rate) {}

  private static boolean exists(String file) {
    try {
      return Locations.isFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The section, from the rejections directory and the published records per split. */
  public static DedupStats compute(String rejectionsDir, Map<String, Long> published) {
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
      String file = Locations.file(rejectionsDir, stage + ".jsonl");
      if (!exists(file)) {
        continue;
      }
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(Locations.open(file),
          StandardCharsets.UTF_8))) {
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
    Map<String, Double> rates = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : removed.entrySet()) {
      rates.put(e.getKey(), rate(e.getValue(), input));
      total += e.getValue();
    }
    rates.put("total", rate(total, input));
    Map<String, Map<String, Long>> sizes = new LinkedHashMap<>();
    clusters.forEach((kind, byCluster) -> {
      TreeMap<Integer, Long> hist = new TreeMap<>();
      byCluster.values().forEach(n -> hist.merge(n, 1L, Long::sum));
      Map<String, Long> h = new LinkedHashMap<>();
      hist.forEach((n, c) -> h.put(String.valueOf(n), c));
      sizes.put(kind, h);
    });
    long trainIn = published.getOrDefault("train", 0L) + trainSurplus + decontaminated;
    return new DedupStats(input, removed, rates, sizes,
        new Decontamination(trainIn, overlapEval, overlapExternal, rate(decontaminated, trainIn)));
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
}
