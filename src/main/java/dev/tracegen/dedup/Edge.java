package dev.tracegen.dedup;

import dev.tracegen.model.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/** A confirmed similar pair, ordered so that {@code a < b}, with both splits and the similarity (Jaccard or cosine). */
@DefaultCoder(JsonCoder.class)
public record Edge(String a, String aSplit, String b, String bSplit, double similarity) implements Serializable {
  public static Edge of(Fingerprint x, Fingerprint y, double similarity) {
    return x.id().compareTo(y.id()) <= 0
        ? new Edge(x.id(), x.split(), y.id(), y.split(), similarity)
        : new Edge(y.id(), y.split(), x.id(), x.split(), similarity);
  }
}
