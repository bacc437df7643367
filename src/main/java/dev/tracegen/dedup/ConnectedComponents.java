package dev.tracegen.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Connected components of an undirected graph given as edges, as {@code node -> smallest node of
 * its component} for every node with an edge. Keyed and iterative: alternating <em>large-star</em>
 * and <em>small-star</em> rounds (Kiveris et al., "Connected Components in MapReduce and Beyond",
 * SoCC 2014), each one GroupByKey of the edges by the bucket of each endpoint (both directions),
 * with the per-node work done inside the bucket. Every round keeps the components and the rounds
 * converge to one star per component centred on its smallest node; the labelling step then reads
 * the centre off each node's neighbourhood. Beam has no data-dependent loops, so the rounds are
 * unrolled ({@code roundPairs} large/small pairs); a node that is still not part of a settled star
 * after the last round is counted in {@code <namespace>/cc_unsettled} (0 in every run so far).
 */
public class ConnectedComponents extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {
  private final int buckets;
  private final int roundPairs;
  private final String namespace;

  private ConnectedComponents(int buckets, int roundPairs, String namespace) {
    this.buckets = buckets;
    this.roundPairs = roundPairs;
    this.namespace = namespace;
  }

  public static ConnectedComponents of(int buckets, int roundPairs, String namespace) {
    return new ConnectedComponents(buckets, roundPairs, namespace);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> edges) {
    KvCoder<String, String> edgeCoder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<KV<String, String>> current = edges;
    for (int round = 0; round < roundPairs; round++) {
      current = neighbourhoods(current, "Large" + round).apply("LargeStar" + round, ParDo.of(new StarFn(true)))
          .setCoder(edgeCoder);
      current = neighbourhoods(current, "Small" + round).apply("SmallStar" + round, ParDo.of(new StarFn(false)))
          .setCoder(edgeCoder);
    }
    return neighbourhoods(current, "Final").apply("LabelNodes", ParDo.of(new LabelFn(namespace))).setCoder(edgeCoder);
  }

  /** Both directions of every edge, grouped by the bucket of the first node. */
  private PCollection<KV<Integer, Iterable<KV<String, String>>>> neighbourhoods(PCollection<KV<String, String>> edges,
      String name) {
    int n = buckets;
    return edges
        .apply("BothDirections" + name, ParDo.of(new DoFn<KV<String, String>, KV<Integer, KV<String, String>>>() {
          @ProcessElement
          public void process(@Element KV<String, String> e, OutputReceiver<KV<Integer, KV<String, String>>> out) {
            out.output(KV.of(Buckets.of(e.getKey(), n), KV.of(e.getKey(), e.getValue())));
            out.output(KV.of(Buckets.of(e.getValue(), n), KV.of(e.getValue(), e.getKey())));
          }
        }))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("GroupNeighbourhoods" + name, GroupByKey.create());
  }

  /** node -> its neighbours (self-loops dropped), for the nodes of one bucket. */
  static Map<String, Set<String>> adjacency(Iterable<KV<String, String>> directed) {
    Map<String, Set<String>> adj = new HashMap<>();
    for (KV<String, String> e : directed) {
      if (!e.getKey().equals(e.getValue())) {
        adj.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue());
      }
    }
    return adj;
  }

  /**
   * Large-star at {@code u}: every strictly larger neighbour is linked to the smallest node of
   * {@code u}'s closed neighbourhood.
   */
  static List<KV<String, String>> largeStar(String u, Set<String> neighbours) {
    String m = min(u, neighbours);
    List<KV<String, String>> out = new ArrayList<>();
    for (String v : neighbours) {
      if (v.compareTo(u) > 0 && !v.equals(m)) {
        out.add(KV.of(v, m));
      }
    }
    return out;
  }

  /**
   * Small-star at {@code u}: {@code u} and its smaller neighbours are all linked to the smallest
   * of them.
   */
  static List<KV<String, String>> smallStar(String u, Set<String> neighbours) {
    List<String> group = new ArrayList<>();
    group.add(u);
    for (String v : neighbours) {
      if (v.compareTo(u) < 0) {
        group.add(v);
      }
    }
    String m = group.stream().min(String::compareTo).orElseThrow();
    List<KV<String, String>> out = new ArrayList<>();
    for (String v : group) {
      if (!v.equals(m)) {
        out.add(KV.of(v, m));
      }
    }
    return out;
  }

  static String min(String u, Set<String> neighbours) {
    String m = u;
    for (String v : neighbours) {
      if (v.compareTo(m) < 0) {
        m = v;
      }
    }
    return m;
  }

  /** Runs the rounds in memory: the reference the Beam version is tested against. */
  static Map<String, String> components(List<KV<String, String>> edges, int roundPairs) {
    List<KV<String, String>> current = edges;
    for (int round = 0; round < 2 * roundPairs; round++) {
      List<KV<String, String>> both = new ArrayList<>();
      for (KV<String, String> e : current) {
        both.add(e);
        both.add(KV.of(e.getValue(), e.getKey()));
      }
      TreeSet<String> seen = new TreeSet<>();
      List<KV<String, String>> next = new ArrayList<>();
      boolean large = round % 2 == 0;
      adjacency(both).forEach((u, nb) -> {
        for (KV<String, String> e : large ? largeStar(u, nb) : smallStar(u, nb)) {
          if (seen.add(e.getKey() + "\u0000" + e.getValue())) {
            next.add(e);
          }
        }
      });
      current = next;
    }
    List<KV<String, String>> both = new ArrayList<>();
    for (KV<String, String> e : current) {
      both.add(e);
      both.add(KV.of(e.getValue(), e.getKey()));
    }
    Map<String, String> labels = new HashMap<>();
    adjacency(both).forEach((u, nb) -> labels.put(u, min(u, nb)));
    return labels;
  }

  static class StarFn extends DoFn<KV<Integer, Iterable<KV<String, String>>>, KV<String, String>> {
    private final boolean large;

    StarFn(boolean large) {
      this.large = large;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, String>>> bucket, OutputReceiver<KV<String, String>> out) {
      Set<String> emitted = new java.util.HashSet<>();
      adjacency(bucket.getValue()).forEach((u, nb) -> {
        for (KV<String, String> e : large ? largeStar(u, nb) : smallStar(u, nb)) {
          if (emitted.add(e.getKey() + "\u0000" + e.getValue())) {
            out.output(e);
          }
        }
      });
    }
  }

  /**
   * node -> component label (the smallest node of its closed neighbourhood). A settled star has
   * leaves with exactly one, smaller, neighbour and a centre whose neighbours are all larger;
   * anything else is counted as unsettled.
   */
  static class LabelFn extends DoFn<KV<Integer, Iterable<KV<String, String>>>, KV<String, String>> {
    private final Counter unsettled;

    LabelFn(String namespace) {
      unsettled = Metrics.counter(namespace, "cc_unsettled");
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, String>>> bucket, OutputReceiver<KV<String, String>> out) {
      adjacency(bucket.getValue()).forEach((u, nb) -> {
        String m = min(u, nb);
        boolean leaf = !m.equals(u) && nb.size() == 1;
        boolean centre = m.equals(u);
        if (!leaf && !centre) {
          unsettled.inc();
        }
        out.output(KV.of(u, m));
      });
    }
  }
}
