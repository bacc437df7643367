package dev.tracegen.dedup;

import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Dedup of the rendered instruction x1 in three passes, each keyed and each over small derived
 * values (never the records), then one pass that applies the decisions to the records:
 *
 * <ol>
 *   <li><b>exact</b>: (text hash, id, split) grouped by the bucket of the hash of the normalised
 *       text ({@link TextKeys});
 *   <li><b>near</b> (on the exact survivors): MinHash/LSH over word (or, for CJK, character)
 *       shingles, pairs confirmed at Jaccard &ge; threshold, clusters by connected components
 *       ({@link ClusterSimilar});
 *   <li><b>semantic</b> (optional, on the near survivors): all-MiniLM-L6-v2 embeddings,
 *       random-hyperplane LSH, pairs of different seeds confirmed at cosine &ge; threshold, same
 *       clustering. Instructions of one seed share its task by design and differ in their
 *       constraints, which the first two passes compare; their embeddings are dominated by the
 *       shared task (on the 12K build 88 % of the pairs at cosine 0.9 had one seed), so comparing
 *       them would leave about one record per seed.
 * </ol>
 *
 * In every cluster the survivor is the smallest eval id if the cluster has an eval member, else
 * the smallest id; the cluster id is its smallest member id. Other members are rejected in stage
 * {@code dedup} with reason {@code exact_duplicate}, {@code near_duplicate} or {@code
 * semantic_duplicate}, naming the survivor and the similarity — except train members of a cluster
 * whose survivor is an eval record: the cluster would straddle the split, so they are rejected in
 * stage {@code split} with reason {@code cluster_straddles_split}. The detail always contains
 * "(cluster ID, N records" ({@link DedupStats} reads cluster sizes from it). Counters (namespace
 * {@code dedup}): {@code input}, {@code kept}, one per reason, plus those of {@link ClusterSimilar}.
 */
public class DeduplicateRecords extends PTransform<PCollection<PackedRecord>, PCollectionTuple> {
  public static final TupleTag<PackedRecord> KEPT = new TupleTag<>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};
  /** Embeddings computed by this pipeline (none without semantic dedup), for {@link #reusing}. */
  public static final TupleTag<Embedding> EMBEDDED = new TupleTag<>() {};
  static final TupleTag<Fingerprint> FINGERPRINTS = new TupleTag<>() {};
  static final String NS = ClusterSimilar.NS;

  private final DedupConfig config;
  private final PCollection<Embedding> known;

  private DeduplicateRecords(DedupConfig config, PCollection<Embedding> known) {
    this.config = config;
    this.known = known;
  }

  /** Exact dedup only (as the walking skeleton had it). */
  public static DeduplicateRecords exact(int buckets) {
    return new DeduplicateRecords(DedupConfig.defaults(buckets).withNear(false), null);
  }

  public static DeduplicateRecords with(DedupConfig config) {
    return new DeduplicateRecords(config, null);
  }

  /**
   * The same dedup, taking the embedding of a text from {@code known} (an earlier pipeline's
   * {@link #EMBEDDED}) when it is there: embedding is most of semantic dedup's time.
   */
  public DeduplicateRecords reusing(PCollection<Embedding> known) {
    return new DeduplicateRecords(config, known);
  }

  @Override
  public PCollectionTuple expand(PCollection<PackedRecord> records) {
    int n = config.buckets();
    KvCoder<String, KV<String, String>> textKeyCoder =
        KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    List<PCollection<Decision>> decisions = new ArrayList<>();
    decisions.add(records
        .apply("TextKeys", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(),
                TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))))
            .via((PackedRecord r) -> {
              String key = TextKeys.exactKey(r.record().x1().render());
              return KV.of(Buckets.of(key, n), KV.of(key, KV.of(r.id(), r.split())));
            }))
        .setCoder(KvCoder.of(VarIntCoder.of(), textKeyCoder))
        .apply("GroupTextBuckets", GroupByKey.create())
        .apply("ExactClusters", ParDo.of(new ExactClustersFn()))
        .setCoder(JsonCoder.of(Decision.class)));

    PCollection<Embedding> embedded = null;
    if (config.near() || config.semantic()) {
      PCollectionView<Map<String, Decision>> exact = decisions.get(0).apply("ExactView", asMap());
      PCollection<Embedding> knownOrNone = known != null ? known
          : records.getPipeline().apply("NoKnownEmbeddings", Create.empty(JsonCoder.of(Embedding.class)));
      PCollectionView<Map<String, Iterable<byte[]>>> knownView = knownOrNone
          .apply("KnownByText", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(byte[].class)))
              .via((Embedding e) -> KV.of(e.textKey(), e.vector())))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()))
          .apply("KnownView", View.asMultimap());
      PCollectionTuple fingerprinted = records
          .apply("Fingerprint", ParDo.of(new FingerprintFn(config.shingles(), config.near(), config.semantic(), exact, knownView))
              .withSideInputs(exact, knownView)
              .withOutputTags(FINGERPRINTS, TupleTagList.of(EMBEDDED)));
      embedded = fingerprinted.get(EMBEDDED).setCoder(JsonCoder.of(Embedding.class));
      PCollection<Fingerprint> survivors = fingerprinted.get(FINGERPRINTS).setCoder(Fingerprint.FingerprintCoder.of());
      if (config.near()) {
        // Each pass ships fingerprints to its candidate pairs: only what that pass compares.
        PCollection<Decision> near = survivors
            .apply("ShinglesOnly", MapElements.into(TypeDescriptor.of(Fingerprint.class))
                .via((Fingerprint f) -> new Fingerprint(f.id(), f.split(), f.seed(), f.shingles(), null)))
            .setCoder(Fingerprint.FingerprintCoder.of())
            .apply("Near", ClusterSimilar.with(SimilarityIndex.near(config), n, config.ccRounds()))
            .setCoder(JsonCoder.of(Decision.class));
        decisions.add(near);
        if (config.semantic()) {
          PCollectionView<Map<String, Decision>> nearView = near.apply("NearView", asMap());
          survivors = survivors.apply("NearSurvivors", ParDo.of(new UndecidedFn(nearView)).withSideInputs(nearView))
              .setCoder(Fingerprint.FingerprintCoder.of());
        }
      }
      if (config.semantic()) {
        decisions.add(survivors
            .apply("EmbeddingsOnly", MapElements.into(TypeDescriptor.of(Fingerprint.class))
                .via((Fingerprint f) -> new Fingerprint(f.id(), f.split(), f.seed(), null, f.embedding())))
            .setCoder(Fingerprint.FingerprintCoder.of())
            .apply("Semantic", ClusterSimilar.confirmedWhereFound(SimilarityIndex.semantic(config), n, config.ccRounds()))
            .setCoder(JsonCoder.of(Decision.class)));
      }
    }

    PCollectionView<Map<String, Decision>> all = PCollectionList.of(decisions)
        .apply("AllDecisions", Flatten.pCollections())
        .apply("DecisionView", asMap());
    PCollectionTuple out = records.apply("ApplyDecisions", ParDo.of(new ApplyDecisionsFn(all)).withSideInputs(all)
        .withOutputTags(KEPT, TupleTagList.of(REJECTED)));
    out.get(KEPT).setCoder(PackedRecord.PackedRecordCoder.of());
    out.get(REJECTED).setCoder(JsonCoder.of(Rejection.class));
    if (embedded == null) {
      embedded = records.getPipeline().apply("NothingEmbedded", Create.empty(JsonCoder.of(Embedding.class)));
    }
    return out.and(EMBEDDED, embedded);
  }

  /**
   * Decisions by record id, as a side input. Decisions are few (one per duplicate: a few percent
   * of the records at most) and this keeps the records themselves out of any GroupByKey: the Direct
   * runner copies a key's grouped values each time a bundle reaches it, which for 170,000 full
   * records cost minutes. The clustering that produces the decisions is keyed throughout.
   */
  private static PTransform<PCollection<Decision>, PCollectionView<Map<String, Decision>>> asMap() {
    return new PTransform<>() {
      @Override
      public PCollectionView<Map<String, Decision>> expand(PCollection<Decision> in) {
        return in
            .apply("ById", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Decision.class)))
                .via((Decision d) -> KV.of(d.id(), d)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(Decision.class)))
            .apply("AsMap", View.asMap());
      }
    };
  }

  /**
   * Shingles and (if on) the quantized embedding of the rendered x1, for records that are not exact
   * duplicates; an embedding found in {@code known} is reused, one computed here is also output to
   * {@link #EMBEDDED}. Counters {@code fingerprints}, {@code semantic.embedded} and {@code
   * semantic.reused}.
   */
  static class FingerprintFn extends DoFn<PackedRecord, Fingerprint> {
    private final Shingles shingles;
    private final boolean near;
    private final boolean semantic;
    private final PCollectionView<Map<String, Decision>> exact;
    private final PCollectionView<Map<String, Iterable<byte[]>>> known;
    private final Counter fingerprints = Metrics.counter(NS, "fingerprints");
    private final Counter embedded = Metrics.counter(NS, Decision.SEMANTIC + ".embedded");
    private final Counter reused = Metrics.counter(NS, Decision.SEMANTIC + ".reused");
    // The Direct runner rebuilds a map side input on every access: read once per bundle.
    private transient Map<String, Decision> exactNow;
    private transient Map<String, Iterable<byte[]>> knownNow;

    FingerprintFn(Shingles shingles, boolean near, boolean semantic, PCollectionView<Map<String, Decision>> exact,
        PCollectionView<Map<String, Iterable<byte[]>>> known) {
      this.shingles = shingles;
      this.near = near;
      this.semantic = semantic;
      this.exact = exact;
      this.known = known;
    }

    @StartBundle
    public void startBundle() {
      exactNow = null;
      knownNow = null;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      PackedRecord r = c.element();
      if (exactNow == null) {
        exactNow = c.sideInput(exact);
        knownNow = c.sideInput(known);
      }
      if (exactNow.containsKey(r.id())) {
        return;
      }
      String text = r.record().x1().render();
      byte[] embedding = null;
      if (semantic) {
        String key = Embedding.keyOf(text);
        Iterable<byte[]> previous = knownNow.get(key);
        if (previous != null && previous.iterator().hasNext()) {
          embedding = previous.iterator().next();
          reused.inc();
        } else {
          embedding = Fingerprint.quantize(Embedder.embed(text));
          embedded.inc();
          c.output(EMBEDDED, new Embedding(key, embedding));
        }
      }
      fingerprints.inc();
      c.output(new Fingerprint(r.id(), r.split(), r.seedId(), near ? Fingerprint.fold(shingles.hashes(text)) : null, embedding));
    }
  }

  /** Fingerprints without a decision. */
  static class UndecidedFn extends DoFn<Fingerprint, Fingerprint> {
    private final PCollectionView<Map<String, Decision>> decided;
    private transient Map<String, Decision> decidedNow;

    UndecidedFn(PCollectionView<Map<String, Decision>> decided) {
      this.decided = decided;
    }

    @StartBundle
    public void startBundle() {
      decidedNow = null;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (decidedNow == null) {
        decidedNow = c.sideInput(decided);
      }
      if (!decidedNow.containsKey(c.element().id())) {
        c.output(c.element());
      }
    }
  }

  /** Per normalised text: every record but the survivor gets an exact-duplicate decision. */
  static class ExactClustersFn extends DoFn<KV<Integer, Iterable<KV<String, KV<String, String>>>>, Decision> {
    private final Counter clusters = Metrics.counter(NS, "exact.clusters");

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, KV<String, String>>>> bucket, OutputReceiver<Decision> out) {
      Map<String, List<Member>> byText = new HashMap<>();
      for (KV<String, KV<String, String>> e : bucket.getValue()) {
        byText.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(new Member("", e.getValue().getKey(), e.getValue().getValue(), "", 1.0));
      }
      for (List<Member> members : byText.values()) {
        if (members.size() < 2) {
          continue;
        }
        members.sort(Clusters.SURVIVOR_ORDER);
        Member survivor = members.get(0);
        clusters.inc();
        Metrics.counter(NS, "exact.cluster_size." + members.size()).inc();
        List<Member> withNeighbour = new ArrayList<>();
        for (Member m : members) {
          withNeighbour.add(new Member("", m.id(), m.split(), survivor.id(), 1.0));
        }
        Clusters.decide(Decision.EXACT, withNeighbour).forEach(out::output);
      }
    }
  }

  /** Records without a decision are kept; the others become rejections that name the survivor. */
  static class ApplyDecisionsFn extends DoFn<PackedRecord, PackedRecord> {
    private final PCollectionView<Map<String, Decision>> decisions;
    private final Counter input = Metrics.counter(NS, "input");
    private final Counter kept = Metrics.counter(NS, "kept");
    private transient Map<String, Decision> decisionsNow;

    ApplyDecisionsFn(PCollectionView<Map<String, Decision>> decisions) {
      this.decisions = decisions;
    }

    @StartBundle
    public void startBundle() {
      decisionsNow = null;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      PackedRecord r = c.element();
      input.inc();
      if (decisionsNow == null) {
        decisionsNow = c.sideInput(decisions);
      }
      Decision d = decisionsNow.get(r.id());
      if (d == null) {
        kept.inc();
        c.output(r);
      } else {
        Rejection rejection = rejection(d, Json.write(r.record()));
        Metrics.counter(NS, rejection.reason()).inc();
        c.output(REJECTED, rejection);
      }
    }
  }

  /** The rejection for a decision: stage, reason and a detail naming survivor, cluster and similarity. */
  public static Rejection rejection(Decision d, String recordJson) {
    String what = switch (d.kind()) {
      case Decision.EXACT -> "exact duplicate";
      case Decision.SEMANTIC -> "semantic duplicate";
      default -> "near-duplicate";
    };
    String measure = Decision.SEMANTIC.equals(d.kind()) ? "cosine" : "Jaccard";
    String detail = Decision.EXACT.equals(d.kind())
        ? String.format(Locale.ROOT, "%s of %s (cluster %s, %d records)", what, d.survivor(), d.cluster(), d.clusterSize())
        : String.format(Locale.ROOT, "%s of %s (cluster %s, %d records; %s %.3f with %s)", what, d.survivor(),
            d.cluster(), d.clusterSize(), measure, d.similarity(), d.neighbour());
    if (d.straddles()) {
      return new Rejection(Stages.SPLIT.id(), "cluster_straddles_split", d.id(),
          "train member of a cluster that has eval records: " + detail, recordJson);
    }
    String reason = switch (d.kind()) {
      case Decision.EXACT -> "exact_duplicate";
      case Decision.SEMANTIC -> "semantic_duplicate";
      default -> "near_duplicate";
    };
    return new Rejection(Stages.DEDUP.id(), reason, d.id(), detail, recordJson);
  }
}
