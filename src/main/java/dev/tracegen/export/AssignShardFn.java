package dev.tracegen.export;

import com.google.common.hash.Hashing;
import dev.tracegen.model.PackedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Keys a record by (split, shard); the shard is a hash of the id, never of arrival order. */
class AssignShardFn extends DoFn<PackedRecord, KV<KV<String, Integer>, PackedRecord>> {
  private final TreeMap<String, Integer> shardCounts;

  AssignShardFn(Map<String, Integer> shardCounts) {
    this.shardCounts = new TreeMap<>(shardCounts);
  }

  @ProcessElement
  public void process(
      @Element PackedRecord r, OutputReceiver<KV<KV<String, Integer>, PackedRecord>> out) {
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
    out.output(KV.of(KV.of(r.split(), shardOf(r.id(), count)), r));
  }

  /** murmur3 of the UTF-8 id: the same on every JVM, runner and run. */
  static int shardOf(String id, int count) {
    return Math.floorMod(
        Hashing.murmur3_32_fixed().hashString(id, StandardCharsets.UTF_8).asInt(), count);
  }
}
