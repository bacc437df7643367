package dev.tracegen.embedded;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/** Deterministic draws from text: the simulator's only source of variety. */
final class Hashes {
  private Hashes() {}

  static long of(String... parts) {
    return Hashing.murmur3_128().hashString(String.join("\u0000", parts), StandardCharsets.UTF_8).asLong();
  }

  /** A uniform draw in [0, 1). */
  static double unit(String... parts) {
    return (of(parts) >>> 11) * 0x1.0p-53;
  }

  static int pick(int n, String... parts) {
    return (int) Math.floorMod(of(parts), (long) n);
  }
}
