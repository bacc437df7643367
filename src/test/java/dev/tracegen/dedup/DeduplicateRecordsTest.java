package dev.tracegen.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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

/** Planted near-duplicates (English, Chinese), an exact duplicate and a split-straddling pair among distinct records. */
class DeduplicateRecordsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static final String EN = "Plan a three-day walking tour of Lisbon for a family with two young children, covering the"
      + " old town, the riverside and one museum, and explain how to get between the stops by public transport.";
  static final List<String> EN_CONSTRAINTS = List.of(
      "Give the answer as a day-by-day itinerary with morning and afternoon sections.",
      "Keep the walking distance for each day under eight kilometres in total.",
      "Mention at least one place to eat near every stop on the route.",
      "End with a short packing list that fits on one line.");
  /** Two words changed. */
  static final String EN_PARAPHRASE = EN.replace("young children", "small children").replace("riverside", "waterfront");
  /** One more word changed: close to the paraphrase, a little further from the original. */
  static final String EN_PARAPHRASE_2 = EN_PARAPHRASE.replace("one museum", "a museum");

  static final String ZH = "请为一家新开的社区咖啡馆写一篇开业宣传文案，介绍店里的招牌饮品、舒适的阅读角落以及周末举办的手冲咖啡体验课，吸引附近的居民前来参观。";
  static final List<String> ZH_CONSTRAINTS = List.of("文案长度控制在三百字以内。", "语气要亲切温暖，像邻居之间聊天。", "结尾给出营业时间和详细地址。");
  static final String ZH_PARAPHRASE = ZH.replace("招牌饮品", "特色饮品");

  static final String EVAL_TEXT = "Describe how a small bakery could cut its food waste by half within a year, with"
      + " concrete steps for ordering, storage, pricing of day-old bread and donations to local charities.";

  static List<TraceRecord> planted() {
    List<TraceRecord> all = new ArrayList<>(Planted.control("train"));
    all.add(Planted.record("train-en-a", "seed-en", "train", EN, EN_CONSTRAINTS, ""));
    all.add(Planted.record("train-en-b", "seed-en", "train", EN_PARAPHRASE, EN_CONSTRAINTS, ""));
    all.add(Planted.record("train-en-c", "seed-en2", "train", EN_PARAPHRASE_2, EN_CONSTRAINTS, ""));
    all.add(Planted.record("train-zh-a", "seed-zh", "train", ZH, ZH_CONSTRAINTS, ""));
    all.add(Planted.record("train-zh-b", "seed-zh", "train", ZH_PARAPHRASE, ZH_CONSTRAINTS, ""));
    // Same text up to case, punctuation and spacing.
    all.add(Planted.record("train-x-a", "seed-x", "train", "Write a haiku about the first snow of winter.",
        List.of("Use a calm tone."), ""));
    all.add(Planted.record("train-x-b", "seed-x", "train", "write a HAIKU about the first snow of winter!!",
        List.of("Use a calm   tone"), ""));
    // A train near-duplicate of an eval record.
    all.add(Planted.record("eval-s-a", "seed-s", "eval", EVAL_TEXT, EN_CONSTRAINTS.subList(0, 2), ""));
    all.add(Planted.record("train-s-b", "seed-s2", "train", EVAL_TEXT.replace("by half", "by fifty percent"),
        EN_CONSTRAINTS.subList(0, 2), ""));
    return all;
  }

  @Test
  void plantedPairsAreNearDuplicatesAndControlsAreNot() {
    Shingles s = DedupConfig.defaults(1).shingles();
    List<TraceRecord> all = planted();
    double enB = jaccard(s, all, "train-en-a", "train-en-b");
    double enC = jaccard(s, all, "train-en-b", "train-en-c");
    double zh = jaccard(s, all, "train-zh-a", "train-zh-b");
    double straddle = jaccard(s, all, "eval-s-a", "train-s-b");
    assertTrue(enB >= 0.8 && enC >= 0.8 && zh >= 0.8 && straddle >= 0.8, enB + " " + enC + " " + zh + " " + straddle);
    List<TraceRecord> control = Planted.control("train");
    for (int i = 0; i < control.size(); i++) {
      for (int j = i + 1; j < control.size(); j++) {
        double jac = Shingles.jaccard(s.hashes(control.get(i).x1().render()), s.hashes(control.get(j).x1().render()));
        assertTrue(jac < 0.6, control.get(i).id() + " ~ " + control.get(j).id() + " " + jac);
      }
    }
  }

  private static double jaccard(Shingles s, List<TraceRecord> all, String a, String b) {
    return Shingles.jaccard(s.hashes(find(all, a).x1().render()), s.hashes(find(all, b).x1().render()));
  }

  private static TraceRecord find(List<TraceRecord> all, String id) {
    return all.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void removesExactlyThePlantedDuplicates(TestPipeline p) {
    List<TraceRecord> all = planted();
    PCollectionTuple out = p.apply(Create.of(all).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("Pack", PackedRecord.packEach())
        .apply(DeduplicateRecords.with(DedupConfig.defaults(4)));
    Set<String> dropped = Set.of("train-en-b", "train-en-c", "train-zh-b", "train-x-b", "train-s-b");
    List<String> keptIds = all.stream().map(TraceRecord::id).filter(id -> !dropped.contains(id)).toList();
    PAssert.that(ids(out.get(DeduplicateRecords.KEPT))).containsInAnyOrder(keptIds);
    PAssert.that(out.get(DeduplicateRecords.REJECTED).apply("Summaries", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.id() + " " + r.stage() + "/" + r.reason() + " " + r.detail().replaceAll(";.*", ""))))
        .containsInAnyOrder(
            "train-en-b dedup/near_duplicate near-duplicate of train-en-a (cluster train-en-a, 3 records",
            "train-en-c dedup/near_duplicate near-duplicate of train-en-a (cluster train-en-a, 3 records",
            "train-zh-b dedup/near_duplicate near-duplicate of train-zh-a (cluster train-zh-a, 2 records",
            "train-x-b dedup/exact_duplicate exact duplicate of train-x-a (cluster train-x-a, 2 records)",
            "train-s-b split/cluster_straddles_split train member of a cluster that has eval records: near-duplicate"
                + " of eval-s-a (cluster eval-s-a, 2 records");
    p.run().waitUntilFinish();
  }

  @Test
  void aControlSetLosesNothing(TestPipeline p) {
    List<TraceRecord> control = new ArrayList<>(Planted.control("train"));
    control.addAll(Planted.control("eval"));
    PCollectionTuple out = p.apply(Create.of(control).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("Pack", PackedRecord.packEach())
        .apply(DeduplicateRecords.with(DedupConfig.defaults(3)));
    // Same texts in both splits: every train control is an exact duplicate of its eval twin.
    PAssert.that(ids(out.get(DeduplicateRecords.KEPT)))
        .containsInAnyOrder(Planted.control("eval").stream().map(TraceRecord::id).collect(Collectors.toList()));
    PAssert.that(out.get(DeduplicateRecords.REJECTED).apply("Reasons", MapElements.into(TypeDescriptors.strings())
        .via((Rejection r) -> r.reason()))).satisfies(reasons -> {
          List<String> all = new ArrayList<>();
          reasons.forEach(all::add);
          assertEquals(40, all.size());
          assertEquals(new TreeSet<>(List.of("cluster_straddles_split")), new TreeSet<>(all));
          return null;
        });
    p.run().waitUntilFinish();
  }

  @Test
  void distinctRecordsAllSurvive(TestPipeline p) {
    List<TraceRecord> control = Planted.control("train");
    PCollectionTuple out = p.apply(Create.of(control).withCoder(JsonCoder.of(TraceRecord.class)))
        .apply("Pack", PackedRecord.packEach())
        .apply(DeduplicateRecords.with(DedupConfig.defaults(4)));
    PAssert.that(ids(out.get(DeduplicateRecords.KEPT)))
        .containsInAnyOrder(control.stream().map(TraceRecord::id).collect(Collectors.toList()));
    PAssert.that(out.get(DeduplicateRecords.REJECTED)).empty();
    p.run().waitUntilFinish();
  }

  static PCollection<String> ids(PCollection<PackedRecord> records) {
    return records.apply("Ids", MapElements.into(TypeDescriptors.strings()).via(PackedRecord::id));
  }
}
