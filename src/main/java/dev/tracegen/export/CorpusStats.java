package dev.tracegen.export;

import dev.tracegen.dedup.DedupStats;
import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Score;
import dev.tracegen.model.TraceRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Statistics of a written corpus directory, computed by streaming its shards and rejection files
 * one record at a time (never the whole corpus in memory). The result depends only on the files, so
 * rerunning on the same directory gives the same map and the same {@code stats.json} bytes.
 *
 * <p>Keys, in order: {@code records}, {@code shards}, {@code constraints_histogram} (keys
 * "1".."15", plus "other" if any record falls outside), {@code constraints_mean}, {@code
 * dimensions}, {@code types} (of x1's constraints), {@code perturbation_ops}, {@code words_mean}
 * ({@code y1}, {@code y2}: whitespace-separated words), each a map from split ({@code train},
 * {@code eval}, then any other, alphabetically) to its value; then {@code rejections} ({@code
 * total}, {@code by_stage}, {@code by_stage_reason}), {@code judge} (verdicts by method over all
 * four pairings, and the judge-vs-checker agreement of the calibration sample) and {@code dedup} (dedup and decontamination
 * rates and cluster sizes, {@link DedupStats}).
 */
public final class CorpusStats {
  static final int MAX_CONSTRAINTS = 15;
  private static final Pattern SHARD =
      Pattern.compile("^(\\w+)-(\\d{5})-of-(\\d{5})\\.jsonl\\.gz$");

  private CorpusStats() {}

  /**
   * Verdicts of all four pairings of every record: how many each method decided, and, for checker
   * verdicts the LLM judge was asked about too, how often it agreed (per dimension).
   */
  private static final class JudgeStats {
    final TreeMap<String, Long> methods = new TreeMap<>();
    final TreeMap<String, long[]> calibration = new TreeMap<>();

    void add(TraceRecord r) {
      r.judgements().forEach((pairing, judgement) -> {
        Instruction x = pairing.endsWith("x2") ? r.x2() : r.x1();
        for (Score s : judgement.scores()) {
          methods.merge(s.method() != null && s.method().startsWith("checker:") ? "checker" : "llm", 1L, Long::sum);
          if (s.judgeScore() != null) {
            String dim = x == null || s.constraint() < 1 || s.constraint() > x.constraints().size()
                ? "unknown" : x.constraints().get(s.constraint() - 1).dimension();
            long[] counts = calibration.computeIfAbsent(dim, d -> new long[2]);
            counts[0]++;
            counts[1] += s.judgeAgrees() ? 1 : 0;
          }
        }
      });
    }

    Map<String, Object> toMap() {
      long asked = 0;
      long agreed = 0;
      Map<String, Object> byDimension = new LinkedHashMap<>();
      for (Map.Entry<String, long[]> e : calibration.entrySet()) {
        asked += e.getValue()[0];
        agreed += e.getValue()[1];
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("asked", e.getValue()[0]);
        d.put("agreed", e.getValue()[1]);
        byDimension.put(e.getKey(), d);
      }
      Map<String, Object> cal = new LinkedHashMap<>();
      cal.put("asked", asked);
      cal.put("agreed", agreed);
      cal.put("agreement", asked == 0 ? null : Math.round(agreed * 10000.0 / asked) / 10000.0);
      cal.put("by_dimension", byDimension);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("verdicts_by_method", new TreeMap<>(methods));
      out.put("calibration", cal);
      return out;
    }
  }

  /** Per-split accumulator; only sums and counts, so its size does not grow with the corpus. */
  private static final class SplitStats {
    long records;
    long shards;
    final long[] histogram = new long[MAX_CONSTRAINTS + 1];
    long outOfRange;
    long constraints;
    final TreeMap<String, Long> dimensions = new TreeMap<>();
    final TreeMap<String, Long> types = new TreeMap<>();
    final TreeMap<String, Long> ops = new TreeMap<>();
    long y1Words;
    long y2Words;
    final TreeMap<String, Long> languages = new TreeMap<>();

    void add(TraceRecord r) {
      records++;
      for (String lang : RecordLanguages.of(text(r.x1()), r.y1(), text(r.x2()), r.y2())) {
        languages.merge(lang, 1L, Long::sum);
      }
      List<Constraint> cs = r.x1() == null ? List.of() : r.x1().constraints();
      int k = cs.size();
      if (k >= 1 && k <= MAX_CONSTRAINTS) {
        histogram[k]++;
      } else {
        outOfRange++;
      }
      constraints += k;
      for (Constraint c : cs) {
        dimensions.merge(String.valueOf(c.dimension()), 1L, Long::sum);
        types.merge(String.valueOf(c.type()), 1L, Long::sum);
      }
      if (r.perturbation() != null) {
        ops.merge(String.valueOf(r.perturbation().op()), 1L, Long::sum);
      }
      y1Words += words(r.y1());
      y2Words += words(r.y2());
    }

    Map<String, Object> histogram() {
      Map<String, Object> h = new LinkedHashMap<>();
      for (int k = 1; k <= MAX_CONSTRAINTS; k++) {
        h.put(String.valueOf(k), histogram[k]);
      }
      if (outOfRange > 0) {
        h.put("other", outOfRange);
      }
      return h;
    }
  }

  /** Computes the statistics of {@code corpusDir} (shards, then {@code rejections/*.jsonl}). */
  public static Map<String, Object> compute(Path corpusDir) {
    try {
      return computeChecked(corpusDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus " + corpusDir, e);
    }
  }

  private static Map<String, Object> computeChecked(Path dir) throws IOException {
    TreeMap<String, SplitStats> bySplit = new TreeMap<>();
    JudgeStats judge = new JudgeStats();
    bySplit.put(ExportFiles.TRAIN, new SplitStats());
    bySplit.put(ExportFiles.EVAL, new SplitStats());
    for (Path shard : sortedFiles(dir, "*.jsonl.gz")) {
      Matcher m = SHARD.matcher(shard.getFileName().toString());
      if (!m.matches()) {
        continue;
      }
      SplitStats s = bySplit.computeIfAbsent(m.group(1), x -> new SplitStats());
      s.shards++;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(shard), 1 << 16);
          BufferedReader reader =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank()) {
            TraceRecord r = Json.MAPPER.readValue(line, TraceRecord.class);
            s.add(r);
            judge.add(r);
          }
        }
      }
    }

    List<String> splits = new ArrayList<>(List.of(ExportFiles.TRAIN, ExportFiles.EVAL));
    for (String split : bySplit.keySet()) {
      if (!splits.contains(split)) {
        splits.add(split);
      }
    }
    Map<String, Object> records = new LinkedHashMap<>();
    Map<String, Object> shards = new LinkedHashMap<>();
    Map<String, Object> histograms = new LinkedHashMap<>();
    Map<String, Object> means = new LinkedHashMap<>();
    Map<String, Object> dimensions = new LinkedHashMap<>();
    Map<String, Object> types = new LinkedHashMap<>();
    Map<String, Object> ops = new LinkedHashMap<>();
    Map<String, Object> words = new LinkedHashMap<>();
    Map<String, Object> languages = new LinkedHashMap<>();
    for (String split : splits) {
      SplitStats s = bySplit.get(split);
      languages.put(split, new TreeMap<>(s.languages));
      records.put(split, s.records);
      shards.put(split, s.shards);
      histograms.put(split, s.histogram());
      means.put(split, mean(s.constraints, s.records));
      dimensions.put(split, new TreeMap<>(s.dimensions));
      types.put(split, new TreeMap<>(s.types));
      ops.put(split, new TreeMap<>(s.ops));
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("y1", mean(s.y1Words, s.records));
      w.put("y2", mean(s.y2Words, s.records));
      words.put(split, w);
    }

    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("records", records);
    stats.put("shards", shards);
    stats.put("constraints_histogram", histograms);
    stats.put("constraints_mean", means);
    stats.put("dimensions", dimensions);
    stats.put("types", types);
    stats.put("perturbation_ops", ops);
    stats.put("words_mean", words);
    stats.put("languages", languages);
    stats.put("rejections", rejections(dir.resolve(ExportFiles.REJECTIONS_DIR)));
    stats.put("judge", judge.toMap());
    Map<String, Long> published = new LinkedHashMap<>();
    records.forEach((split, n) -> published.put(split, ((Number) n).longValue()));
    stats.put("dedup", DedupStats.compute(dir.resolve(ExportFiles.REJECTIONS_DIR), published));
    return stats;
  }

  private static Map<String, Object> rejections(Path dir) throws IOException {
    long total = 0;
    TreeMap<String, Long> byStage = new TreeMap<>();
    TreeMap<String, TreeMap<String, Long>> byReason = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      for (Path file : sortedFiles(dir, "*.jsonl")) {
        String stem = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          String line;
          while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
              continue;
            }
            Rejection r = Json.MAPPER.readValue(line, Rejection.class);
            String stage = r.stage() == null ? stem : r.stage();
            String reason = r.reason() == null ? "unknown" : r.reason();
            total++;
            byStage.merge(stage, 1L, Long::sum);
            byReason.computeIfAbsent(stage, x -> new TreeMap<>()).merge(reason, 1L, Long::sum);
          }
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", total);
    out.put("by_stage", byStage);
    out.put("by_stage_reason", byReason);
    return out;
  }

  /** Writes {@code stats} as pretty JSON with {@code "\n"} line ends, keys in the map's order. */
  public static void write(Path file, Map<String, Object> stats) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      String json = ExportFiles.pretty(ExportFiles.ORDERED).writeValueAsString(stats) + "\n";
      ExportFiles.writeString(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Everything an instruction says, for language detection. */
  private static String text(dev.tracegen.model.Instruction x) {
    if (x == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(String.valueOf(x.description()));
    for (Constraint c : x.constraints()) {
      b.append('\n').append(c.text());
    }
    return b.append('\n').append(x.input() == null ? "" : x.input()).toString();
  }

  /** Whitespace-separated words (the corpus is English; this is not a tokenizer). */
  static long words(String text) {
    if (text == null) {
      return 0;
    }
    long n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        n++;
      }
      inWord = !space;
    }
    return n;
  }

  /** Mean rounded to 4 decimals so the JSON is short and stable. */
  static double mean(long sum, long count) {
    return count == 0 ? 0.0 : Math.round(sum * 10_000.0 / count) / 10_000.0;
  }

  private static List<Path> sortedFiles(Path dir, String glob) throws IOException {
    TreeSet<Path> files = new TreeSet<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
      for (Path p : stream) {
        if (Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    }
    return new ArrayList<>(files);
  }
}
