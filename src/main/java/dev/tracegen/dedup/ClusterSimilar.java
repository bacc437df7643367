package dev.tracegen.dedup;

import dev.tracegen.model.JsonCoder;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Similarity clusters over fingerprints, as a {@link Decision} for every record that is not its
 * cluster's survivor. All steps are keyed, each GroupByKey into at most {@code buckets} groups:
 *
 * <ol>
 *   <li><b>Band</b>: every fingerprint's LSH band keys, grouped by key (key mod buckets); records
 *       sharing a band key are candidate pairs unless their sketches (semantic dedup) rule it out.
 *   <li><b>Attach</b>: candidate pairs meet the fingerprint of their first id (CoGroupByKey on the
 *       bucket of the id), duplicates from several bands are dropped.
 *   <li><b>Confirm</b>: they then meet the second fingerprint; pairs at or above the threshold are
 *       edges.
 *   <li>Or, {@linkplain #confirmedWhereFound confirmed where found}: when every fingerprint is small
 *       and of fixed size (quantized embeddings: ~400 bytes, 70 MB for 170,000 records), all of them
 *       are a side input and each candidate pair is confirmed in its band group, so no pair is ever
 *       shipped; an edge found in several groups is kept once. Semantic dedup of the full build
 *       has ~2 million candidate pairs after the sketch check (embeddings of templated
 *       instructions sit close together), which as joins carrying vectors outgrew a 3 GB heap.
 *   <li><b>Components</b>: {@link ConnectedComponents} labels every node with its cluster (the
 *       smallest id).
 *   <li><b>Resolve</b>: each node's split and most similar neighbour join its label, members are
 *       grouped by cluster and all but the survivor ({@link Clusters#SURVIVOR_ORDER}) get a decision.
 * </ol>
 *
 * Counters in namespace {@code dedup}: {@code <kind>.band_collisions}, {@code <kind>.sketch_dropped},
 * {@code <kind>.candidate_pairs}, {@code
 * <kind>.confirmed_pairs}, {@code <kind>.clusters}, {@code <kind>.cluster_size.<n>}; distribution
 * {@code <kind>.band_bucket_size}.
 */
public class ClusterSimilar extends PTransform<PCollection<Fingerprint>, PCollection<Decision>> {
  static final String NS = Stages.DEDUP.id();

  private final SimilarityIndex index;
  private final int buckets;
  private final int ccRounds;
  private final boolean confirmWhereFound;

  private ClusterSimilar(SimilarityIndex index, int buckets, int ccRounds, boolean confirmWhereFound) {
    this.index = index;
    this.buckets = buckets;
    this.ccRounds = ccRounds;
    this.confirmWhereFound = confirmWhereFound;
  }

  /** Candidate pairs confirmed by joining them with both fingerprints (any fingerprint size). */
  public static ClusterSimilar with(SimilarityIndex index, int buckets, int ccRounds) {
    return new ClusterSimilar(index, buckets, ccRounds, false);
  }

  /** Candidate pairs confirmed in their band group against all fingerprints as a side input. */
  public static ClusterSimilar confirmedWhereFound(SimilarityIndex index, int buckets, int ccRounds) {
    return new ClusterSimilar(index, buckets, ccRounds, true);
  }

  @Override
  public PCollection<Decision> expand(PCollection<Fingerprint> fps) {
    int n = buckets;
    KvCoder<String, String> pairCoder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<KV<Integer, Iterable<KV<String, long[]>>>> bandGroups = fps
        .apply("BandKeys", ParDo.of(new BandKeysFn(index, n)))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), LongArrayCoder.of())))
        .apply("GroupBands", GroupByKey.create());

    PCollection<Edge> edges;
    if (confirmWhereFound) {
      PCollectionView<Map<String, Fingerprint>> byId = fps
          .apply("ById", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Fingerprint.class)))
              .via((Fingerprint f) -> KV.of(f.id(), f)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), Fingerprint.FingerprintCoder.of()))
          .apply("FingerprintView", View.asMap());
      edges = bandGroups
          .apply("ConfirmInGroups", ParDo.of(new ConfirmInGroupsFn(index, n, byId)).withSideInputs(byId))
          .setCoder(KvCoder.of(VarIntCoder.of(), JsonCoder.of(Edge.class)))
          .apply("GroupEdges", GroupByKey.create())
          .apply("OneEdgePerPair", ParDo.of(new OneEdgePerPairFn(index.kind())));
    } else {
      PCollection<KV<Integer, Fingerprint>> keyed = fps
          .apply("KeyByIdBucket", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptor.of(Fingerprint.class)))
              .via((Fingerprint f) -> KV.of(Buckets.of(f.id(), n), f)))
          .setCoder(KvCoder.of(VarIntCoder.of(), Fingerprint.FingerprintCoder.of()));
      PCollection<KV<Integer, KV<String, String>>> pairs = bandGroups
          .apply("CandidatePairs", ParDo.of(new CandidatePairsFn(index, n)))
          .setCoder(KvCoder.of(VarIntCoder.of(), pairCoder));

      TupleTag<Fingerprint> fpTag = new TupleTag<>() {};
      TupleTag<KV<String, String>> pairTag = new TupleTag<>() {};
      PCollection<KV<Integer, KV<String, Fingerprint>>> halves = KeyedPCollectionTuple.of(fpTag, keyed).and(pairTag, pairs)
          .apply("JoinFirst", CoGroupByKey.create())
          .apply("AttachFirst", ParDo.of(new AttachFirstFn(fpTag, pairTag, index.kind(), n)))
          .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), Fingerprint.FingerprintCoder.of())));

      TupleTag<KV<String, Fingerprint>> halfTag = new TupleTag<>() {};
      edges = KeyedPCollectionTuple.of(fpTag, keyed).and(halfTag, halves)
          .apply("JoinSecond", CoGroupByKey.create())
          .apply("Confirm", ParDo.of(new ConfirmFn(fpTag, halfTag, index)));
    }

    PCollection<KV<String, String>> labels = edges
        .apply("EdgeEnds", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via((Edge e) -> KV.of(e.a(), e.b())))
        .setCoder(pairCoder)
        .apply("Components", ConnectedComponents.of(n, ccRounds, NS));

    TupleTag<String> labelTag = new TupleTag<>() {};
    TupleTag<Member> nodeTag = new TupleTag<>() {};
    PCollection<KV<Integer, String>> labelled = labels
        .apply("KeyLabels", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.strings()))
            .via((KV<String, String> l) -> KV.of(Buckets.of(l.getKey(), n), l.getKey() + "\u0000" + l.getValue())))
        .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()));
    PCollection<KV<Integer, Member>> nodes = edges.apply("EdgeNodes", ParDo.of(new EdgeNodesFn(n)));
    return KeyedPCollectionTuple.of(labelTag, labelled).and(nodeTag, nodes)
        .apply("JoinLabels", CoGroupByKey.create())
        .apply("Members", ParDo.of(new MembersFn(labelTag, nodeTag, n)))
        .apply("GroupClusters", GroupByKey.create())
        .apply("Survivors", ParDo.of(new SurvivorsFn(index.kind())));
  }

  /**
   * Band keys of one record, packed per group of the key's hash (key mod buckets): records that
   * share a key meet in one group, and every group holds about 1/buckets of all keys, however
   * large the corpus or few the bands. Each packet starts with the index's sketch (if any).
   */
  static class BandKeysFn extends DoFn<Fingerprint, KV<Integer, KV<String, long[]>>> {
    private final SimilarityIndex index;
    private final int buckets;

    BandKeysFn(SimilarityIndex index, int buckets) {
      this.index = index;
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element Fingerprint f, OutputReceiver<KV<Integer, KV<String, long[]>>> out) {
      long[] keys = index.bandKeys(f);
      if (keys.length == 0) {
        return;
      }
      long[] sketch = index.sketch(f);
      Map<Integer, List<Long>> byGroup = new TreeMap<>();
      for (long key : keys) {
        byGroup.computeIfAbsent((int) Math.floorMod(key, (long) buckets), g -> new ArrayList<>()).add(key);
      }
      byGroup.forEach((g, mine) -> {
        long[] packet = java.util.Arrays.copyOf(sketch, sketch.length + mine.size());
        for (int i = 0; i < mine.size(); i++) {
          packet[sketch.length + i] = mine.get(i);
        }
        out.output(KV.of(g, KV.of(f.id(), packet)));
      });
    }
  }

  /**
   * Every pair of ids that share a band key and pass the index's sketch check, keyed by the bucket
   * of the smaller id. Counters: {@code <kind>.band_collisions} (a pair once per band it shares)
   * and {@code <kind>.sketch_dropped} (collisions the sketch ruled out).
   */
  static class CandidatePairsFn extends DoFn<KV<Integer, Iterable<KV<String, long[]>>>, KV<Integer, KV<String, String>>> {
    private final SimilarityIndex index;
    private final int buckets;
    private final Distribution bucketSize;
    private final Counter collisions;
    private final Counter sketchDropped;

    CandidatePairsFn(SimilarityIndex index, int buckets) {
      this.index = index;
      this.buckets = buckets;
      this.bucketSize = Metrics.distribution(NS, index.kind() + ".band_bucket_size");
      this.collisions = Metrics.counter(NS, index.kind() + ".band_collisions");
      this.sketchDropped = Metrics.counter(NS, index.kind() + ".sketch_dropped");
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, long[]>>> group,
        OutputReceiver<KV<Integer, KV<String, String>>> out) {
      plausiblePairs(index, group.getValue(), bucketSize, collisions, sketchDropped,
          (a, b) -> out.output(KV.of(Buckets.of(a, buckets), KV.of(a, b))));
    }
  }

  private record Entry(String id, long[] sketch) {}

  /**
   * Each distinct pair of ids in one band group that shares a band key and passes the index's
   * sketch check, given once to {@code pair} (smaller id first). {@code collisions} counts a pair
   * once per band it shares, {@code sketchDropped} the collisions the sketch ruled out.
   */
  static void plausiblePairs(SimilarityIndex index, Iterable<KV<String, long[]>> group, Distribution bucketSize,
      Counter collisions, Counter sketchDropped, BiConsumer<String, String> pair) {
    int words = index.sketchWords();
    Map<Long, List<Entry>> byKey = new HashMap<>();
    for (KV<String, long[]> packet : group) {
      long[] p = packet.getValue();
      Entry e = new Entry(packet.getKey(), java.util.Arrays.copyOf(p, words));
      for (int i = words; i < p.length; i++) {
        byKey.computeIfAbsent(p[i], k -> new ArrayList<>(2)).add(e);
      }
    }
    Set<String> given = new HashSet<>();
    long seen = 0;
    long dropped = 0;
    for (List<Entry> entries : byKey.values()) {
      if (entries.size() < 2) {
        continue;
      }
      bucketSize.update(entries.size());
      entries.sort(Comparator.comparing(Entry::id));
      for (int i = 0; i < entries.size(); i++) {
        for (int j = i + 1; j < entries.size(); j++) {
          Entry a = entries.get(i);
          Entry b = entries.get(j);
          if (a.id().equals(b.id())) {
            continue;
          }
          seen++;
          if (!index.plausible(a.sketch(), b.sketch())) {
            dropped++;
          } else if (given.add(a.id() + "\u0000" + b.id())) {
            pair.accept(a.id(), b.id());
          }
        }
      }
    }
    collisions.inc(seen);
    sketchDropped.inc(dropped);
  }

  /**
   * The pairs of one band group that share a band key, pass the sketch check, are {@linkplain
   * SimilarityIndex#comparable comparable} and are at or above the threshold by their fingerprints
   * (side input), keyed by the bucket of the pair. Counters as {@link CandidatePairsFn}'s; {@code
   * <kind>.candidate_pairs} counts a pair once per group it is compared in.
   */
  static class ConfirmInGroupsFn extends DoFn<KV<Integer, Iterable<KV<String, long[]>>>, KV<Integer, Edge>> {
    private final SimilarityIndex index;
    private final int buckets;
    private final PCollectionView<Map<String, Fingerprint>> byId;
    private final Distribution bucketSize;
    private final Counter collisions;
    private final Counter sketchDropped;
    private final Counter candidates;

    ConfirmInGroupsFn(SimilarityIndex index, int buckets, PCollectionView<Map<String, Fingerprint>> byId) {
      this.index = index;
      this.buckets = buckets;
      this.byId = byId;
      this.bucketSize = Metrics.distribution(NS, index.kind() + ".band_bucket_size");
      this.collisions = Metrics.counter(NS, index.kind() + ".band_collisions");
      this.sketchDropped = Metrics.counter(NS, index.kind() + ".sketch_dropped");
      this.candidates = Metrics.counter(NS, index.kind() + ".candidate_pairs");
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Map<String, Fingerprint> fingerprints = c.sideInput(byId);
      plausiblePairs(index, c.element().getValue(), bucketSize, collisions, sketchDropped, (a, b) -> {
        Fingerprint x = fingerprints.get(a);
        Fingerprint y = fingerprints.get(b);
        if (index.comparable(x, y)) {
          candidates.inc();
          double sim = index.similarity(x, y);
          if (sim >= index.threshold()) {
            c.output(KV.of(Buckets.of(a + "\u0000" + b, buckets), Edge.of(x, y, sim)));
          }
        }
      });
    }
  }

  /**
   * One edge per pair (a pair that shares bands in several groups is confirmed in each); grouped
   * by bucket, not by pair, since a runner may pay per key.
   */
  static class OneEdgePerPairFn extends DoFn<KV<Integer, Iterable<Edge>>, Edge> {
    private final Counter confirmed;

    OneEdgePerPairFn(String kind) {
      this.confirmed = Metrics.counter(NS, kind + ".confirmed_pairs");
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Edge>> bucket, OutputReceiver<Edge> out) {
      Set<String> seen = new HashSet<>();
      for (Edge e : bucket.getValue()) {
        if (seen.add(e.a() + "\u0000" + e.b())) {
          confirmed.inc();
          out.output(e);
        }
      }
    }
  }

  /** Distinct pairs of one bucket, each sent on with the fingerprint of its first id. */
  static class AttachFirstFn extends DoFn<KV<Integer, CoGbkResult>, KV<Integer, KV<String, Fingerprint>>> {
    private final TupleTag<Fingerprint> fpTag;
    private final TupleTag<KV<String, String>> pairTag;
    private final int buckets;
    private final Counter candidates;

    AttachFirstFn(TupleTag<Fingerprint> fpTag, TupleTag<KV<String, String>> pairTag, String kind, int buckets) {
      this.fpTag = fpTag;
      this.pairTag = pairTag;
      this.buckets = buckets;
      this.candidates = Metrics.counter(NS, kind + ".candidate_pairs");
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> group, OutputReceiver<KV<Integer, KV<String, Fingerprint>>> out) {
      Map<String, Set<String>> partners = new HashMap<>();
      for (KV<String, String> p : group.getValue().getAll(pairTag)) {
        partners.computeIfAbsent(p.getKey(), k -> new HashSet<>()).add(p.getValue());
      }
      if (partners.isEmpty()) {
        return;
      }
      for (Fingerprint f : group.getValue().getAll(fpTag)) {
        Set<String> bs = partners.get(f.id());
        if (bs != null) {
          for (String b : bs) {
            candidates.inc();
            out.output(KV.of(Buckets.of(b, buckets), KV.of(b, f)));
          }
        }
      }
    }
  }

  /** Pairs at or above the threshold, by the similarity of the two fingerprints. */
  static class ConfirmFn extends DoFn<KV<Integer, CoGbkResult>, Edge> {
    private final TupleTag<Fingerprint> fpTag;
    private final TupleTag<KV<String, Fingerprint>> halfTag;
    private final SimilarityIndex index;
    private final Counter confirmed;

    ConfirmFn(TupleTag<Fingerprint> fpTag, TupleTag<KV<String, Fingerprint>> halfTag, SimilarityIndex index) {
      this.fpTag = fpTag;
      this.halfTag = halfTag;
      this.index = index;
      this.confirmed = Metrics.counter(NS, index.kind() + ".confirmed_pairs");
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> group, OutputReceiver<Edge> out) {
      Map<String, List<Fingerprint>> firsts = new HashMap<>();
      for (KV<String, Fingerprint> half : group.getValue().getAll(halfTag)) {
        firsts.computeIfAbsent(half.getKey(), k -> new ArrayList<>()).add(half.getValue());
      }
      if (firsts.isEmpty()) {
        return;
      }
      for (Fingerprint second : group.getValue().getAll(fpTag)) {
        List<Fingerprint> fs = firsts.get(second.id());
        if (fs == null) {
          continue;
        }
        for (Fingerprint first : fs) {
          if (!index.comparable(first, second)) {
            continue;
          }
          double sim = index.similarity(first, second);
          if (sim >= index.threshold()) {
            confirmed.inc();
            out.output(Edge.of(first, second, sim));
          }
        }
      }
    }
  }

  /** Both ends of an edge as cluster members (cluster still unknown), keyed by the node's bucket. */
  static class EdgeNodesFn extends DoFn<Edge, KV<Integer, Member>> {
    private final int buckets;

    EdgeNodesFn(int buckets) {
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element Edge e, OutputReceiver<KV<Integer, Member>> out) {
      out.output(KV.of(Buckets.of(e.a(), buckets), new Member("", e.a(), e.aSplit(), e.b(), e.similarity())));
      out.output(KV.of(Buckets.of(e.b(), buckets), new Member("", e.b(), e.bSplit(), e.a(), e.similarity())));
    }
  }

  /** Most similar neighbour first, ties by the smaller id. */
  static final Comparator<Member> BEST_NEIGHBOUR =
      Comparator.comparingDouble(Member::similarity).reversed().thenComparing(Member::neighbour);

  /** Each node with its cluster label and best neighbour, keyed by the bucket of the cluster. */
  static class MembersFn extends DoFn<KV<Integer, CoGbkResult>, KV<Integer, Member>> {
    private final TupleTag<String> labelTag;
    private final TupleTag<Member> nodeTag;
    private final int buckets;

    MembersFn(TupleTag<String> labelTag, TupleTag<Member> nodeTag, int buckets) {
      this.labelTag = labelTag;
      this.nodeTag = nodeTag;
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> group, OutputReceiver<KV<Integer, Member>> out) {
      Map<String, String> labels = new HashMap<>();
      for (String l : group.getValue().getAll(labelTag)) {
        int cut = l.indexOf('\u0000');
        labels.put(l.substring(0, cut), l.substring(cut + 1));
      }
      Map<String, Member> best = new HashMap<>();
      for (Member m : group.getValue().getAll(nodeTag)) {
        best.merge(m.id(), m, (x, y) -> BEST_NEIGHBOUR.compare(x, y) <= 0 ? x : y);
      }
      for (Member m : new TreeSet<>(best.keySet()).stream().map(best::get).toList()) {
        String cluster = labels.getOrDefault(m.id(), m.id());
        out.output(KV.of(Buckets.of(cluster, buckets), new Member(cluster, m.id(), m.split(), m.neighbour(), m.similarity())));
      }
    }
  }

  /** Per cluster: the survivor stays, every other member gets a decision; cluster-size counters. */
  static class SurvivorsFn extends DoFn<KV<Integer, Iterable<Member>>, Decision> {
    private final String kind;
    private final Counter clusters;

    SurvivorsFn(String kind) {
      this.kind = kind;
      this.clusters = Metrics.counter(NS, kind + ".clusters");
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Member>> group, OutputReceiver<Decision> out) {
      Map<String, List<Member>> byCluster = new HashMap<>();
      for (Member m : group.getValue()) {
        byCluster.computeIfAbsent(m.cluster(), k -> new ArrayList<>()).add(m);
      }
      for (List<Member> members : byCluster.values()) {
        clusters.inc();
        Metrics.counter(NS, kind + ".cluster_size." + members.size()).inc();
        Clusters.decide(kind, members).forEach(out::output);
      }
    }
  }
}
