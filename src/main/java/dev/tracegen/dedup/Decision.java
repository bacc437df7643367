package dev.tracegen.dedup;

import dev.tracegen.model.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A record that dedup drops: it belongs to the cluster {@code cluster} (its smallest member id) of
 * {@code clusterSize} records whose survivor is {@code survivor}; {@code neighbour} is its most
 * similar cluster member and {@code similarity} their similarity (1.0 for exact duplicates).
 */
@DefaultCoder(JsonCoder.class)
public record Decision(
    String id,
    String split,
    String kind,
    String cluster,
    int clusterSize,
    String survivor,
    String survivorSplit,
    String neighbour,
    double similarity)
    implements Serializable {
  public static final String EXACT = "exact";
  public static final String NEAR = "near";
  public static final String SEMANTIC = "semantic";

  /** A train member of a cluster whose survivor is an eval record: the cluster would straddle the split. */
  public boolean straddles() {
    return "eval".equals(survivorSplit) && !"eval".equals(split);
  }
}
