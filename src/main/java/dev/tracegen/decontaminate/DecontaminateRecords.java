package dev.tracegen.decontaminate;

import dev.tracegen.dedup.Buckets;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Decontamination of the train split: a train record is dropped when its instructions (x1 and x2)
 * share an n-gram ({@link NGrams}: 13 words, or 26 CJK characters) with the task of an eval record's
 * x1 — its description and input (reason {@code ngram_overlap_eval}) — or with a text of an external
 * benchmark file (reason {@code ngram_overlap_external}), unless that n-gram is template phrasing
 * shared by more than {@code maxDocs} reference documents ({@link DecontaminationConfig#maxDocs}).
 *
 * <p>The eval side leaves out its constraint lines: they are taxonomy phrasing with a few task words
 * filled in, drawn again and again by design, so a line that happens to be drawn by one eval record
 * would otherwise cost every train record that drew it too, while saying nothing about the task.
 *
 * <p>How the sides meet: the reference side (the eval records — exactly the published eval split,
 * since Select runs on eval before this — plus the external files) is small: about 60,000 n-grams
 * for 1,000 eval records and a few hundred thousand for a benchmark file of a few thousand items.
 * Its n-grams are counted per document in a keyed step (GroupByKey on the bucket of the n-gram
 * hash), the ones that count are collected into one sorted {@code long[]} ({@link ReferenceIndex})
 * and broadcast as a <b>side input</b>; each train record then looks its own n-grams up locally.
 * The train side (millions of n-grams) is never shuffled, which on the Direct runner is what keeps
 * this step to seconds. A reference side too large for a side input would need the keyed variant:
 * CoGroupByKey of train n-grams against reference n-grams by hash bucket.
 *
 * <p>Counters (namespace {@code decontaminate}): {@code input}, {@code kept}, {@code
 * ngram_overlap_eval}, {@code ngram_overlap_external}, {@code reference.eval_ngrams}, {@code
 * reference.external_ngrams}, {@code reference.template_ngrams} (exempt as shared).
 */
public class DecontaminateRecords extends PTransform<PCollection<PackedRecord>, PCollectionTuple> {
  public static final TupleTag<PackedRecord> KEPT = new TupleTag<>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};
  static final String NS = Stages.DECONTAMINATE.id();

  private final PCollection<PackedRecord> eval;
  private final DecontaminationConfig config;

  private DecontaminateRecords(PCollection<PackedRecord> eval, DecontaminationConfig config) {
    this.eval = eval;
    this.config = config;
  }

  /** Drops train records (the input) that overlap {@code eval} or the configured external files. */
  public static DecontaminateRecords against(PCollection<PackedRecord> eval, DecontaminationConfig config) {
    return new DecontaminateRecords(eval, config);
  }

  @Override
  public PCollectionTuple expand(PCollection<PackedRecord> train) {
    NGrams ngrams = config.ngrams();
    PCollection<TraceRecord> evalRecords = eval
        .apply("EvalRecords", MapElements.into(TypeDescriptor.of(TraceRecord.class)).via(PackedRecord::record))
        .setCoder(JsonCoder.of(TraceRecord.class));
    PCollectionView<ReferenceIndex> index = referenceIndex(NS, evalRecords, config);
    PCollectionTuple out = train.apply("DropOverlaps", ParDo.of(new DropFn(ngrams, index)).withSideInputs(index)
        .withOutputTags(KEPT, TupleTagList.of(REJECTED)));
    out.get(KEPT).setCoder(PackedRecord.PackedRecordCoder.of());
    out.get(REJECTED).setCoder(JsonCoder.of(Rejection.class));
    return out;
  }

  /**
   * The reference side as a side input: the n-grams of the eval records' tasks and of the external
   * files that at most {@code maxDocs} documents share, counted under metric namespace {@code ns}.
   */
  static PCollectionView<ReferenceIndex> referenceIndex(String ns, PCollection<TraceRecord> eval,
      DecontaminationConfig config) {
    NGrams ngrams = config.ngrams();
    int n = config.buckets();
    KvCoder<Integer, KV<Long, String>> refCoder =
        KvCoder.of(VarIntCoder.of(), KvCoder.of(BigEndianLongCoder.of(), StringUtf8Coder.of()));
    List<PCollection<KV<Integer, KV<Long, String>>>> refs = new ArrayList<>();
    refs.add(eval.apply("EvalNGrams", ParDo.of(new EvalNGramsFn(ngrams, n))).setCoder(refCoder));
    if (!config.files().isEmpty()) {
      refs.add(eval.getPipeline()
          .apply("ExternalFiles", Create.of(config.files()).withCoder(StringUtf8Coder.of()))
          .apply("ExternalNGrams", ParDo.of(new ExternalNGramsFn(ngrams, config.field(), n)))
          .setCoder(refCoder));
    }
    return PCollectionList.of(refs)
        .apply("ReferenceNGrams", Flatten.pCollections())
        .apply("GroupNGramBuckets", GroupByKey.create())
        .apply("CountDocuments", ParDo.of(new CountDocumentsFn(ns, config.maxDocs())))
        .setCoder(JsonCoder.of(ReferenceIndex.Entry.class))
        .apply("ReferenceIndex", Combine.globally(new IndexFn()).asSingletonView());
  }

  /** Train-side text: every instruction the record trains on. */
  static String trainText(TraceRecord r) {
    return r.x1().render() + (r.x2() == null ? "" : "\n" + r.x2().render());
  }

  /** The task an eval record asks for: x1's description and input, without its constraint lines. */
  static String evalTaskText(TraceRecord r) {
    return r.x1().description() + "\n" + r.x1().input();
  }

  /** Eval n-grams of x1's task (what the benchmark asks); the document is the eval seed. */
  static class EvalNGramsFn extends DoFn<TraceRecord, KV<Integer, KV<Long, String>>> {
    private final NGrams ngrams;
    private final int buckets;

    EvalNGramsFn(NGrams ngrams, int buckets) {
      this.ngrams = ngrams;
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element TraceRecord r, OutputReceiver<KV<Integer, KV<Long, String>>> out) {
      String doc = ReferenceIndex.EVAL + "\u0000seed " + r.seedId() + "\u0000eval record " + r.id() + " (seed "
          + r.seedId() + ")";
      for (long h : ngrams.hashes(evalTaskText(r))) {
        out.output(KV.of(Buckets.of(h, buckets), KV.of(h, doc)));
      }
    }
  }

  /** External n-grams; the document is one line (record) of a file. */
  static class ExternalNGramsFn extends DoFn<String, KV<Integer, KV<Long, String>>> {
    private final NGrams ngrams;
    private final String field;
    private final int buckets;

    ExternalNGramsFn(NGrams ngrams, String field, int buckets) {
      this.ngrams = ngrams;
      this.field = field;
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element String spec, OutputReceiver<KV<Integer, KV<Long, String>>> out) throws IOException {
      MatchResult match = FileSystems.match(spec);
      if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
        throw new IOException("--decontaminate: no file matches " + spec);
      }
      for (MatchResult.Metadata m : match.metadata()) {
        String name = m.resourceId().getFilename();
        ReferenceFiles.forEachLine(m, (lineNo, line) -> {
          String text = ReferenceTexts.text(line, field);
          if (text.isEmpty()) {
            return;
          }
          String where = name + ":" + lineNo;
          String doc = ReferenceIndex.EXTERNAL + "\u0000" + where + "\u0000" + where;
          for (long h : ngrams.hashes(text)) {
            out.output(KV.of(Buckets.of(h, buckets), KV.of(h, doc)));
          }
        });
      }
    }
  }

  /**
   * Per n-gram and kind, the distinct documents that have it: at most {@code maxDocs} makes it an
   * index entry (with the smallest origin, for a stable detail); more makes it template phrasing.
   */
  static class CountDocumentsFn extends DoFn<KV<Integer, Iterable<KV<Long, String>>>, ReferenceIndex.Entry> {
    private final int maxDocs;
    private final Counter evalNGrams;
    private final Counter externalNGrams;
    private final Counter template;

    CountDocumentsFn(String ns, int maxDocs) {
      this.maxDocs = maxDocs;
      this.evalNGrams = Metrics.counter(ns, "reference.eval_ngrams");
      this.externalNGrams = Metrics.counter(ns, "reference.external_ngrams");
      this.template = Metrics.counter(ns, "reference.template_ngrams");
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<Long, String>>> bucket, OutputReceiver<ReferenceIndex.Entry> out) {
      Map<String, TreeMap<String, String>> docs = new HashMap<>(); // kind|hash -> doc -> origin
      for (KV<Long, String> e : bucket.getValue()) {
        String[] parts = e.getValue().split("\u0000", 3);
        docs.computeIfAbsent(parts[0] + "|" + e.getKey(), k -> new TreeMap<>()).merge(parts[1], parts[2],
            (x, y) -> x.compareTo(y) <= 0 ? x : y);
      }
      for (Map.Entry<String, TreeMap<String, String>> d : docs.entrySet()) {
        String kind = d.getKey().substring(0, d.getKey().indexOf('|'));
        long hash = Long.parseLong(d.getKey().substring(d.getKey().indexOf('|') + 1));
        (ReferenceIndex.EVAL.equals(kind) ? evalNGrams : externalNGrams).inc();
        if (maxDocs > 0 && d.getValue().size() > maxDocs) {
          template.inc();
          continue;
        }
        out.output(new ReferenceIndex.Entry(hash, kind, new TreeSet<>(d.getValue().values()).first()));
      }
    }
  }

  /** All index entries into one {@link ReferenceIndex}. */
  static class IndexFn extends Combine.CombineFn<ReferenceIndex.Entry, List<ReferenceIndex.Entry>, ReferenceIndex> {
    @Override
    public List<ReferenceIndex.Entry> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<ReferenceIndex.Entry> addInput(List<ReferenceIndex.Entry> acc, ReferenceIndex.Entry e) {
      acc.add(e);
      return acc;
    }

    @Override
    public List<ReferenceIndex.Entry> mergeAccumulators(Iterable<List<ReferenceIndex.Entry>> accs) {
      List<ReferenceIndex.Entry> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public ReferenceIndex extractOutput(List<ReferenceIndex.Entry> acc) {
      return ReferenceIndex.of(acc);
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<List<ReferenceIndex.Entry>> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry, org.apache.beam.sdk.coders.Coder<ReferenceIndex.Entry> in) {
      return ListCoder.of(JsonCoder.of(ReferenceIndex.Entry.class));
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<ReferenceIndex> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry, org.apache.beam.sdk.coders.Coder<ReferenceIndex.Entry> in) {
      return SerializableCoder.of(ReferenceIndex.class);
    }
  }

  /** Keeps a train record unless one of its n-grams is in the index; eval overlaps are reported first. */
  static class DropFn extends DoFn<PackedRecord, PackedRecord> {
    private final NGrams ngrams;
    private final PCollectionView<ReferenceIndex> index;
    private final Counter input = Metrics.counter(NS, "input");
    private final Counter kept = Metrics.counter(NS, "kept");

    DropFn(NGrams ngrams, PCollectionView<ReferenceIndex> index) {
      this.ngrams = ngrams;
      this.index = index;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      PackedRecord r = c.element();
      input.inc();
      Rejection rejection = check(r.record(), ngrams, c.sideInput(index));
      if (rejection == null) {
        kept.inc();
        c.output(r);
      } else {
        Metrics.counter(NS, rejection.reason()).inc();
        c.output(REJECTED, rejection);
      }
    }
  }

  /** The rejection of a train record that overlaps the index, or null. */
  static Rejection check(TraceRecord r, NGrams ngrams, ReferenceIndex index) {
    Overlap o = overlap(trainText(r), ngrams, index);
    return o == null ? null : new Rejection(Stages.DECONTAMINATE.id(), o.reason(), r.id(), o.detail(), Json.write(r));
  }

  /** Why a text overlaps the reference side: {@code ngram_overlap_eval} or {@code ngram_overlap_external}, and the n-gram. */
  record Overlap(String reason, String detail) {}

  /** The first n-gram of {@code text} in the index (an eval one before an external one), or null. */
  static Overlap overlap(String text, NGrams ngrams, ReferenceIndex index) {
    if (index.size() == 0) {
      return null;
    }
    String gram = null;
    ReferenceIndex.Entry hit = null;
    for (Map.Entry<String, Long> g : ngrams.grams(text).entrySet()) {
      ReferenceIndex.Entry e = index.find(g.getValue());
      if (e != null && (hit == null || (ReferenceIndex.EXTERNAL.equals(hit.kind()) && ReferenceIndex.EVAL.equals(e.kind())))) {
        hit = e;
        gram = g.getKey();
        if (ReferenceIndex.EVAL.equals(e.kind())) {
          break;
        }
      }
    }
    if (hit == null) {
      return null;
    }
    boolean words = gram.contains(" ") || !gram.codePoints().allMatch(dev.tracegen.text.Tokens::isCjk);
    String size = words ? ngrams.wordN() + "-word" : ngrams.charN() + "-character";
    String detail = String.format(Locale.ROOT, "shares the %s n-gram \"%s\" with %s", size, gram, hit.origin());
    return new Overlap(ReferenceIndex.EVAL.equals(hit.kind()) ? "ngram_overlap_eval" : "ngram_overlap_external", detail);
  }

}
