package dev.tracegen.bench;

import dev.tracegen.RunMetrics;
import dev.tracegen.dedup.Buckets;
import dev.tracegen.dedup.DedupConfig;
import dev.tracegen.dedup.DeduplicateRecords;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Near-duplicate dedup throughput on a built corpus: the shards (plus, with {@code
 * --withRejected=true}, the records that dedup, split and decontamination rejected, so the input
 * looks like what dedup saw) are read and parsed on the Direct runner, once alone and once followed
 * by {@link DeduplicateRecords}; the difference is the dedup time.
 *
 * <pre>java -cp target/tracegen.jar dev.tracegen.bench.DedupBench --corpus=out/trace [--buckets=16]
 *     [--withRejected=true] [--semantic=false] [--near=true]</pre>
 */
public final class DedupBench {
  private DedupBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>(Map.of("corpus", "", "buckets", "16", "withRejected", "true",
        "semantic", "false", "near", "true", "threshold", String.valueOf(DedupConfig.DEFAULT_THRESHOLD)));
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      if (!o.containsKey(kv[0]) || kv.length != 2) {
        throw new IllegalArgumentException("unknown or empty option " + a + "; known: " + o.keySet());
      }
      o.put(kv[0], kv[1]);
    }
    Path corpus = Path.of(o.get("corpus"));
    if (o.get("corpus").isBlank() || !Files.isDirectory(corpus)) {
      throw new IllegalArgumentException("--corpus=DIR of a built corpus is required");
    }
    int buckets = Integer.parseInt(o.get("buckets"));
    DedupConfig base = DedupConfig.defaults(buckets);
    DedupConfig config = new DedupConfig(buckets, Boolean.parseBoolean(o.get("near")), base.shingleSize(),
        base.charShingleSize(), base.permutations(), base.bands(), Double.parseDouble(o.get("threshold")),
        Boolean.parseBoolean(o.get("semantic")), base.semanticThreshold(), base.semanticBands(), base.semanticBits(),
        base.ccRounds());
    List<String> rejected = new ArrayList<>();
    if (Boolean.parseBoolean(o.get("withRejected"))) {
      for (String stage : List.of("dedup", "split", "decontaminate")) {
        Path f = corpus.resolve("rejections").resolve(stage + ".jsonl");
        if (Files.exists(f)) {
          rejected.add(f.toString());
        }
      }
    }

    System.out.printf("dedup bench: %s, %d buckets, %d cores, near=%s semantic=%s%n", corpus, buckets,
        Runtime.getRuntime().availableProcessors(), config.near(), config.semantic());
    Run read = run(corpus, rejected, null);
    System.out.printf("read + parse only:     %,9d records  %7.1f s%n", read.records(), read.seconds());
    Run dedup = run(corpus, rejected, config);
    System.out.printf("read + parse + dedup:  %,9d records  %7.1f s  (kept %,d; exact %,d, near %,d, semantic %,d,"
            + " straddling %,d; near candidate pairs %,d, confirmed %,d)%n",
        dedup.records(), dedup.seconds(), c(dedup, "kept"), c(dedup, "exact_duplicate"), c(dedup, "near_duplicate"),
        c(dedup, "semantic_duplicate"), c(dedup, "cluster_straddles_split"), c(dedup, "near.candidate_pairs"),
        c(dedup, "near.confirmed_pairs"));
    double dedupSeconds = Math.max(1e-9, dedup.seconds() - read.seconds());
    System.out.printf("dedup throughput: %,.0f records/s (dedup alone, %.1f s); %,.0f records/s end to end%n",
        dedup.records() / dedupSeconds, dedupSeconds, dedup.records() / dedup.seconds());
  }

  private static long c(Run r, String name) {
    return r.counters().getOrDefault(name, 0L);
  }

  record Run(long records, double seconds, Map<String, Long> counters) {}

  private static Run run(Path corpus, List<String> rejectedFiles, DedupConfig config) {
    DirectOptions options = PipelineOptionsFactory.fromArgs().as(DirectOptions.class);
    options.setEnforceImmutability(false);
    options.setEnforceEncodability(false);
    Pipeline p = Pipeline.create(options);
    List<PCollection<TraceRecord>> parts = new ArrayList<>();
    parts.add(p.apply("ReadShards", TextIO.read().from(corpus.resolve("*-of-*.jsonl.gz").toString())
            .withCompression(Compression.GZIP))
        .apply("ParseShards", ParDo.of(new ParseFn(false))).setCoder(JsonCoder.of(TraceRecord.class)));
    if (!rejectedFiles.isEmpty()) {
      for (int i = 0; i < rejectedFiles.size(); i++) {
        parts.add(p.apply("ReadRejected" + i, TextIO.read().from(rejectedFiles.get(i)))
            .apply("ParseRejected" + i, ParDo.of(new ParseFn(true))).setCoder(JsonCoder.of(TraceRecord.class)));
      }
    }
    // Like the pipeline, where records reach dedup in one bundle per bucket of the upstream keyed
    // stages (the Direct runner copies a key's grouped state once per arriving bundle).
    PCollection<TraceRecord> records = PCollectionList.of(parts).apply("AllRecords", Flatten.pCollections())
        .apply("KeyLines", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.strings()))
            .via((TraceRecord r) -> KV.of(Buckets.of(r.id(), 16), Json.write(r))))
        .apply("Rebundle", GroupByKey.create())
        .apply("Records", ParDo.of(new DoFn<KV<Integer, Iterable<String>>, TraceRecord>() {
          @ProcessElement
          public void process(@Element KV<Integer, Iterable<String>> group, OutputReceiver<TraceRecord> out) {
            group.getValue().forEach(line -> out.output(Json.read(line, TraceRecord.class)));
          }
        }))
        .setCoder(JsonCoder.of(TraceRecord.class));
    records.apply("Count", ParDo.of(new DoFn<TraceRecord, Void>() {
      @ProcessElement
      public void process(@Element TraceRecord r) {
        Metrics.counter("bench", "records").inc();
      }
    }));
    if (config != null) {
      PCollectionTuple out = records.apply("Pack", PackedRecord.packEach())
          .apply("Dedup", DeduplicateRecords.with(config));
      out.get(DeduplicateRecords.KEPT).apply("CountKept", ParDo.of(new DoFn<PackedRecord, Void>() {
        @ProcessElement
        public void process(@Element PackedRecord r) {}
      }));
    }
    long started = System.nanoTime();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Map<String, Long>> counters = RunMetrics.counters(result);
    return new Run(counters.getOrDefault("bench", Map.of()).getOrDefault("records", 0L), seconds,
        counters.getOrDefault("dedup", Map.of()));
  }

  /** A shard line is a record; a rejection line carries the record as JSON (empty for surplus). */
  static class ParseFn extends DoFn<String, TraceRecord> {
    private final boolean rejection;

    ParseFn(boolean rejection) {
      this.rejection = rejection;
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<TraceRecord> out) {
      if (line.isBlank()) {
        return;
      }
      if (rejection) {
        Rejection r = Json.read(line, Rejection.class);
        if (r.record() != null && !r.record().isBlank()) {
          out.output(Json.read(r.record(), TraceRecord.class));
        }
      } else {
        out.output(Json.read(line, TraceRecord.class));
      }
    }
  }
}
