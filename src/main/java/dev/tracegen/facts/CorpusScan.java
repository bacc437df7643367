package dev.tracegen.facts;

import dev.tracegen.export.ExportFiles;
import dev.tracegen.io.Locations;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Computes {@link CorpusStats} by streaming a corpus directory's shards and rejection files one
 * record at a time (never the whole corpus in memory). The result depends only on the files, so
 * rerunning on the same directory gives equal statistics and the same {@code stats.json} bytes.
 */
final class CorpusScan {
  static final int MAX_CONSTRAINTS = 15;
  private static final Pattern SHARD =
      Pattern.compile("^(\\w+)-(\\d{5})-of-(\\d{5})\\.jsonl\\.gz$");

  private CorpusScan() {}

  /**
   * Verdicts of all four pairings of every record: how many each method decided, and, for checker
   * verdicts the LLM judge was asked about too, how often it agreed (per dimension).
   */
  private static final class JudgeTally {
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

    void merge(JudgeTally o) {
      o.methods.forEach((m, n) -> methods.merge(m, n, Long::sum));
      o.calibration.forEach((dim, c) -> {
        long[] counts = calibration.computeIfAbsent(dim, d -> new long[2]);
        counts[0] += c[0];
        counts[1] += c[1];
      });
    }

    CorpusStats.JudgeStats toStats() {
      long asked = 0;
      long agreed = 0;
      Map<String, CorpusStats.Agreement> byDimension = new LinkedHashMap<>();
      for (Map.Entry<String, long[]> e : calibration.entrySet()) {
        asked += e.getValue()[0];
        agreed += e.getValue()[1];
        byDimension.put(e.getKey(), new CorpusStats.Agreement(e.getValue()[0], e.getValue()[1]));
      }
      Double agreement = asked == 0 ? null : Math.round(agreed * 10000.0 / asked) / 10000.0;
      return new CorpusStats.JudgeStats(new TreeMap<>(methods),
          new CorpusStats.Calibration(asked, agreed, agreement, byDimension));
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

    void merge(SplitStats o) {
      records += o.records;
      shards += o.shards;
      for (int k = 0; k < histogram.length; k++) {
        histogram[k] += o.histogram[k];
      }
      outOfRange += o.outOfRange;
      constraints += o.constraints;
      o.dimensions.forEach((d, n) -> dimensions.merge(d, n, Long::sum));
      o.types.forEach((t, n) -> types.merge(t, n, Long::sum));
      o.ops.forEach((op, n) -> ops.merge(op, n, Long::sum));
      y1Words += o.y1Words;
      y2Words += o.y2Words;
      o.languages.forEach((lang, n) -> languages.merge(lang, n, Long::sum));
    }

    Map<String, Long> histogram() {
      Map<String, Long> h = new LinkedHashMap<>();
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
  static CorpusStats scan(String corpusDir) {
    try {
      return scanChecked(corpusDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus " + corpusDir, e);
    }
  }

  private static CorpusStats scanChecked(String dir) throws IOException {
    TreeMap<String, SplitStats> bySplit = new TreeMap<>();
    JudgeTally judge = new JudgeTally();
    WasteTally waste = new WasteTally();
    bySplit.put(ExportFiles.TRAIN, new SplitStats());
    bySplit.put(ExportFiles.EVAL, new SplitStats());
    List<ShardFile> shardFiles = new ArrayList<>();
    for (String shard : Locations.files(dir, "*.jsonl.gz")) {
      Matcher m = SHARD.matcher(shard.substring(shard.lastIndexOf('/') + 1));
      if (m.matches()) {
        shardFiles.add(new ShardFile(shard, m.group(1)));
      }
    }
    // Shards are read in parallel (a 10x corpus is over a million records, read after the
    // pipeline, with every core free) and their sums added up in shard order.
    for (ShardScan part : shardFiles.parallelStream().map(CorpusScan::scanShard).toList()) {
      bySplit.computeIfAbsent(part.split, x -> new SplitStats()).merge(part.stats);
      judge.merge(part.judge);
      waste.merge(part.waste);
    }

    Map<String, Long> records = new LinkedHashMap<>();
    Map<String, Long> shards = new LinkedHashMap<>();
    Map<String, Map<String, Long>> histograms = new LinkedHashMap<>();
    Map<String, Double> means = new LinkedHashMap<>();
    Map<String, Map<String, Long>> dimensions = new LinkedHashMap<>();
    Map<String, Map<String, Long>> types = new LinkedHashMap<>();
    Map<String, Map<String, Long>> ops = new LinkedHashMap<>();
    Map<String, CorpusStats.Words> words = new LinkedHashMap<>();
    Map<String, Map<String, Long>> languages = new LinkedHashMap<>();
    for (String split : splitOrder(bySplit.keySet())) {
      SplitStats s = bySplit.get(split);
      languages.put(split, new TreeMap<>(s.languages));
      records.put(split, s.records);
      shards.put(split, s.shards);
      histograms.put(split, s.histogram());
      means.put(split, mean(s.constraints, s.records));
      dimensions.put(split, new TreeMap<>(s.dimensions));
      types.put(split, new TreeMap<>(s.types));
      ops.put(split, new TreeMap<>(s.ops));
      words.put(split, new CorpusStats.Words(mean(s.y1Words, s.records), mean(s.y2Words, s.records)));
    }
    String rejections = Locations.dir(dir, ExportFiles.REJECTIONS_DIR);
    CorpusStats.Rejections rejected = rejections(rejections, waste);
    return new CorpusStats(records, shards, histograms, means, dimensions, types, ops, words, languages,
        rejected, judge.toStats(), DedupStats.compute(rejections, records), null, waste.toWaste());
  }

  /** What one shard adds to the statistics. */
  private record ShardScan(String split, SplitStats stats, JudgeTally judge, WasteTally waste) {}

  /** A shard's file and the split its name gives. */
  private record ShardFile(String file, String split) {}

  private static ShardScan scanShard(ShardFile shardFile) {
    String shard = shardFile.file();
    ShardScan out = new ShardScan(shardFile.split(), new SplitStats(), new JudgeTally(), new WasteTally());
    out.stats.shards++;
    try (InputStream in = new GZIPInputStream(Locations.open(shard), 1 << 16);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          TraceRecord r = Json.MAPPER.readValue(line, TraceRecord.class);
          out.stats.add(r);
          out.judge.add(r);
          out.waste.shipped(r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read shard " + shard, e);
    }
    return out;
  }

  /** {@code train}, {@code eval}, then the other splits alphabetically. */
  static List<String> splitOrder(Collection<String> present) {
    List<String> splits = new ArrayList<>(List.of(ExportFiles.TRAIN, ExportFiles.EVAL));
    for (String split : new TreeSet<>(present)) {
      if (!splits.contains(split)) {
        splits.add(split);
      }
    }
    return splits;
  }

  /** Tallies the rejection files; what the rejected cost goes to {@code waste}. */
  private static CorpusStats.Rejections rejections(String dir, WasteTally waste) throws IOException {
    long total = 0;
    TreeMap<String, Long> byStage = new TreeMap<>();
    TreeMap<String, TreeMap<String, Long>> byReason = new TreeMap<>();
    {
      for (String file : Locations.files(dir, "*.jsonl")) {
        String stem = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.jsonl$", "");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Locations.open(file),
            StandardCharsets.UTF_8))) {
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
            waste.rejected(stage, r);
          }
        }
      }
    }
    return new CorpusStats.Rejections(total, byStage, new TreeMap<String, Map<String, Long>>(byReason));
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
}
