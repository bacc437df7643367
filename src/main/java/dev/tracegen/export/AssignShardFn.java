package dev.tracegen.export;

import com.google.common.hash.Hashing;
import dev.tracegen.facts.ShippedCounters;
import dev.tracegen.model.TraceRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Keys a record by (split, shard); the shard is a hash of the id, never of arrival order. */
class AssignShardFn extends DoFn<TraceRecord, KV<KV<String, Integer>, TraceRecord>> {
  private final TreeMap<String, Integer> shardCounts;

  AssignShardFn(Map<String, Integer> shardCounts) {
    this.shardCounts = new TreeMap<>(shardCounts);
  }

  @ProcessElement
  public void process(
      @Element TraceRecord r, OutputReceiver<KV<KV<String, Integer>, TraceRecord>> out) {
    Integer count = shardCounts.get(r.split());
    if (count == null) {
      throw new IllegalArgumentException(
          "record "
              + r.id()
              + " has split '"
              + r.split()
              + "', expected one of "
              + shardCounts.keySet());
    }
    ShippedCounters.count(r);
    out.output(KV.of(KV.of(r.split(), shardOf(r.id(), count)), r));
  }

  /** murmur3 of the UTF-8 id: the same on every JVM, runner and run. */
  static int shardOf(String id, int count) {
    return Math.floorMod(
        Hashing.murmur3_32_fixed().hashString(id, StandardCharsets.UTF_8).asInt(), count);
  }
}
