package dev.tracegen.dedup;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * The bucket of a key for the keyed steps. The Direct runner pays per distinct key, so keyed
 * steps group into a bounded number of buckets (--buckets) and do the per-key work inside.
 */
public final class Buckets {
  private Buckets() {}

  public static int of(String key, int buckets) {
    return Math.floorMod(Hashing.murmur3_32_fixed().hashString(key, StandardCharsets.UTF_8).asInt(), buckets);
  }

  public static int of(long key, int buckets) {
    return Math.floorMod(MinHash.fmix64(key), buckets);
  }
}
