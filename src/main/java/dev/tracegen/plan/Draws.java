package dev.tracegen.plan;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Deterministic randomness: every draw comes from a hash of the run seed and stable ids. */
public final class Draws {
  private Draws() {}

  public static long hash(long runSeed, String... parts) {
    return Hashing.murmur3_128((int) (runSeed ^ (runSeed >>> 32)))
        .hashString(String.join("\u0000", parts), StandardCharsets.UTF_8).asLong();
  }

  /** A uniform value in [0, 1). */
  public static double unit(long runSeed, String... parts) {
    return (hash(runSeed, parts) >>> 11) * 0x1.0p-53;
  }

  public static SplittableRandom random(long runSeed, String... parts) {
    return new SplittableRandom(hash(runSeed, parts));
  }

  /** Which split a seed belongs to: eval seeds never yield train records. */
  public static String splitOf(long runSeed, String seedId, double evalFraction) {
    return unit(runSeed, "split", seedId) < evalFraction ? "eval" : "train";
  }
}
