package dev.tracegen.decontaminate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The n-gram hashes of the reference side (eval records, external benchmark files) that count as
 * contamination, sorted for binary search, each with the kind of its source and one document that
 * has it. Small by construction: bounded by the eval set and the external files, never the corpus.
 */
public final class ReferenceIndex implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String EVAL = "eval";
  public static final String EXTERNAL = "external";

  private final long[] hashes;
  private final boolean[] external;
  private final String[] origins;

  public ReferenceIndex(long[] hashes, boolean[] external, String[] origins) {
    this.hashes = hashes;
    this.external = external;
    this.origins = origins;
  }

  /** One n-gram of the reference side. */
  public record Entry(long hash, String kind, String origin) implements Serializable {}

  /** Builds an index; for a hash present in both kinds, eval wins (an internal leak is the stronger finding). */
  public static ReferenceIndex of(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort((x, y) -> {
      int c = Long.compare(x.hash(), y.hash());
      if (c != 0) {
        return c;
      }
      c = Boolean.compare(EXTERNAL.equals(x.kind()), EXTERNAL.equals(y.kind()));
      return c != 0 ? c : x.origin().compareTo(y.origin());
    });
    long[] h = new long[sorted.size()];
    boolean[] ext = new boolean[sorted.size()];
    String[] org = new String[sorted.size()];
    int n = 0;
    for (Entry e : sorted) {
      if (n > 0 && h[n - 1] == e.hash()) {
        continue;
      }
      h[n] = e.hash();
      ext[n] = EXTERNAL.equals(e.kind());
      org[n] = e.origin();
      n++;
    }
    return new ReferenceIndex(Arrays.copyOf(h, n), Arrays.copyOf(ext, n), Arrays.copyOf(org, n));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReferenceIndex other && Arrays.equals(hashes, other.hashes)
        && Arrays.equals(external, other.external) && Arrays.equals(origins, other.origins);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hashes);
  }

  public int size() {
    return hashes.length;
  }

  /** The entry for {@code hash}, or null. */
  public Entry find(long hash) {
    int i = Arrays.binarySearch(hashes, hash);
    return i < 0 ? null : new Entry(hashes[i], external[i] ? EXTERNAL : EVAL, origins[i]);
  }
}
