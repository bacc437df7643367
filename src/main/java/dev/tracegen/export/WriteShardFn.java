package dev.tracegen.export;

import dev.tracegen.facts.ShippedCounters;
import dev.tracegen.model.Json;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.TraceRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;

/**
 * Writes one shard: the gzip JSONL of its records sorted by id, and this shard's fragment of each
 * view of its split. Emits (view, shard index) per fragment and the shard's file name.
 *
 * <p>The shard's records are sorted in memory, as they arrived (packed), and decoded one at a time
 * while written; that bounds a shard's size, not the corpus's. Rewriting on a retry replaces the
 * same files with the same bytes.
 */
class WriteShardFn extends DoFn<KV<KV<String, Integer>, CoGbkResult>, KV<String, Integer>> {
  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] ARRAY_SEPARATOR = ",\n".getBytes(StandardCharsets.UTF_8);
  // Ties cannot occur after dedup, but the full line breaks them anyway so order stays total.
  private static final Comparator<PackedRecord> BY_ID =
      Comparator.comparing(PackedRecord::id).thenComparing(r -> Json.write(r.record()));

  // Progress of the writing phase (the progress line reads it while the pipeline runs).
  private final Counter written = Metrics.counter("export", "records");
  private final String stagingDir;
  private final TreeMap<String, Integer> shardCounts;
  private final TreeMap<String, String> labels;
  private final TreeMap<String, String> checkerIds;
  private final String category;

  WriteShardFn(
      String stagingDir,
      Map<String, Integer> shardCounts,
      Map<String, String> labels,
      Map<String, String> checkerIds,
      String category) {
    this.stagingDir = stagingDir;
    this.shardCounts = new TreeMap<>(shardCounts);
    this.labels = new TreeMap<>(labels);
    this.checkerIds = new TreeMap<>(checkerIds);
    this.category = category;
  }

  @ProcessElement
  public void process(@Element KV<KV<String, Integer>, CoGbkResult> shard, MultiOutputReceiver out)
      throws IOException {
    String split = shard.getKey().getKey();
    int index = shard.getKey().getValue();
    int count = shardCounts.get(split);

    List<PackedRecord> rows = new ArrayList<>();
    shard.getValue().getAll(ExportCorpus.RECORDS).forEach(rows::add);
    rows.sort(BY_ID);

    String shardName = ExportFiles.shardName(split, index, count);
    Map<View, OutputStream> fragments = new LinkedHashMap<>();
    try (OutputStream gz =
        new GZIPOutputStream(
            ExportFiles.create(ExportFiles.resolve(stagingDir, shardName), "application/gzip"),
            1 << 16)) {
      // GZIPOutputStream writes a fixed header (no name, mtime 0), so equal lines give equal bytes.
      for (View view : View.forSplit(split)) {
        fragments.put(
            view,
            ExportFiles.create(
                ExportFiles.resolve(
                    stagingDir, ExportFiles.fragmentName(view.fileName(), index, count)),
                MimeTypes.TEXT));
      }
      boolean first = true;
      for (int i = 0; i < rows.size(); i++) {
        TraceRecord r = rows.get(i).record();
        rows.set(i, null); // written: neither its bytes nor the decoded record are needed again
        ShippedCounters.count(r);
        gz.write(Json.MAPPER.writeValueAsString(r).getBytes(StandardCharsets.UTF_8));
        gz.write(NEWLINE);
        for (Map.Entry<View, OutputStream> e : fragments.entrySet()) {
          writeRows(e.getKey(), e.getValue(), e.getKey().rows(r, labels, checkerIds, category), first);
        }
        first = false;
      }
    } finally {
      for (OutputStream fragment : fragments.values()) {
        fragment.close();
      }
    }

    written.inc(rows.size());
    out.get(ExportCorpus.SHARDS_WRITTEN).output(shardName);
    for (View view : fragments.keySet()) {
      out.get(ExportCorpus.FRAGMENTS).output(KV.of(view.fileName(), index));
    }
  }

  /** JSONL: one row per line. JSON array: rows separated by commas, brackets added on concat. */
  private static void writeRows(View view, OutputStream out, List<String> rows, boolean firstRecord)
      throws IOException {
    boolean first = firstRecord;
    for (String row : rows) {
      if (view.jsonArray() && !first) {
        out.write(ARRAY_SEPARATOR);
      }
      out.write(row.getBytes(StandardCharsets.UTF_8));
      if (!view.jsonArray()) {
        out.write(NEWLINE);
      }
      first = false;
    }
  }
}
