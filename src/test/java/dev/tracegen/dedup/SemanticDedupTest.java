package dev.tracegen.dedup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Semantic dedup with the real in-process all-MiniLM-L6-v2 model: paraphrases that share few
 * shingles (so near-duplicate dedup keeps them) are found by their embeddings.
 */
class SemanticDedupTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final List<String> LIST = List.of("Use exactly three stanzas.", "Mention the moon.");

  static List<TraceRecord> records() {
    List<TraceRecord> all = new ArrayList<>(Planted.control("train"));
    all.add(Planted.record("train-p1-a", "s1", "train", "Write a short poem about the sea at night.", LIST, ""));
    all.add(Planted.record("train-p1-b", "s2", "train", "Compose a brief poem about the ocean at night.", LIST, ""));
    all.add(Planted.record("train-p2-a", "s3", "train", "Explain how a refrigerator keeps food cold.",
        List.of("Use no more than 120 words."), ""));
    all.add(Planted.record("train-p2-b", "s4", "train", "Describe how a fridge keeps food cool.",
        List.of("Use no more than 120 words."), ""));
    return all;
  }

  @Test
  void paraphrasesAreSemanticDuplicatesAndNotNearDuplicates() {
    Shingles s = DedupConfig.defaults(1).shingles();
    List<TraceRecord> all = records();
    for (String[] pair : new String[][] {{"train-p1-a", "train-p1-b"}, {"train-p2-a", "train-p2-b"}}) {
      String a = find(all, pair[0]).x1().render();
      String b = find(all, pair[1]).x1().render();
      assertTrue(Shingles.jaccard(s.hashes(a), s.hashes(b)) < 0.8);
      double cos = HyperplaneLsh.cosine(Embedder.embed(a), Embedder.embed(b));
      assertTrue(cos >= DedupConfig.DEFAULT_SEMANTIC_THRESHOLD, pair[0] + " " + cos);
    }
  }

  private static TraceRecord find(List<TraceRecord> all, String id) {
    return all.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void removesExactlyTheParaphrases(TestPipeline p) {
    List<TraceRecord> all = records();
    PCollectionTuple out = p.apply(Create.of(all).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("Pack", PackedRecord.packEach())
        .apply(DeduplicateRecords.with(DedupConfig.defaults(4).withSemantic(true)));
    Set<String> dropped = Set.of("train-p1-b", "train-p2-b");
    PAssert.that(DeduplicateRecordsTest.ids(out.get(DeduplicateRecords.KEPT)))
        .containsInAnyOrder(all.stream().map(TraceRecord::id).filter(id -> !dropped.contains(id)).toList());
    PAssert.that(out.get(DeduplicateRecords.REJECTED).apply("Summaries", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.reason() + " " + r.detail().replaceAll(" \\(.*", ""))))
        .containsInAnyOrder("train-p1-b semantic_duplicate semantic duplicate of train-p1-a",
            "train-p2-b semantic_duplicate semantic duplicate of train-p2-a");
    p.run().waitUntilFinish();
  }

  @Test
  void knownEmbeddingsAreReusedAndOnlyNewOnesAreOutput(TestPipeline p) {
    List<TraceRecord> all = records();
    // A planted "earlier" embedding of train-p1-b's text, far from train-p1-a's: reused, it
    // makes that pair no longer a duplicate, which shows the model was not run on it again.
    float[] elsewhere = new float[Embedder.DIMENSION];
    elsewhere[0] = 1;
    String p1b = find(all, "train-p1-b").x1().render();
    PCollection<Embedding> known = p.apply("Known", Create.of(new Embedding(Embedding.keyOf(p1b), Fingerprint.quantize(elsewhere)))
        .withCoder(JsonCoder.of(Embedding.class)));
    PCollectionTuple out = p.apply(Create.of(all).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("Pack", PackedRecord.packEach())
        .apply(DeduplicateRecords.with(DedupConfig.defaults(4).withSemantic(true)).reusing(known));
    PAssert.that(out.get(DeduplicateRecords.REJECTED).apply("Ids", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id()))).containsInAnyOrder("train-p2-b");
    List<String> computed = all.stream().map(r -> Embedding.keyOf(r.x1().render())).filter(k -> !k.equals(Embedding.keyOf(p1b)))
        .toList();
    PAssert.that(out.get(DeduplicateRecords.EMBEDDED).apply("Keys", MapElements.into(TypeDescriptors.strings())
        .via((Embedding e) -> e.textKey()))).containsInAnyOrder(computed);
    p.run().waitUntilFinish();
  }
}
