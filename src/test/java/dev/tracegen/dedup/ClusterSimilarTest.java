package dev.tracegen.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Semantic clustering of quantized vectors, confirmed by joins and confirmed where found: both
 * give exactly the records that an all-pairs comparison of different seeds puts in a cluster (all
 * but each cluster's smallest id), on families of vectors around random centres, with near misses
 * and one-seed families beside them.
 */
class ClusterSimilarTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  static List<Fingerprint> fingerprints() {
    Random r = new Random(7);
    List<Fingerprint> out = new ArrayList<>();
    for (int family = 0; family < 40; family++) {
      float[] centre = HyperplaneLshTest.random(r);
      int members = 1 + family % 4;
      for (int m = 0; m < members; m++) {
        // 0.97 to the centre: members of a family are ~0.94 from each other; 0.85 stays apart.
        float[] v = m == 0 ? centre : HyperplaneLshTest.near(centre, family % 5 == 0 ? 0.85 : 0.97, r);
                // Families 3, 10, 17, ...: one seed for all members, so they are never compared.
        String seed = family % 7 == 3 ? "seed-" + family : "seed-" + family + "-" + m;
        out.add(new Fingerprint(String.format("train-%03d-%d", family, m), "train", seed, null, Fingerprint.quantize(v)));
      }
    }
    return out;
  }

  /** Ids in a cluster but not its survivor, by comparing every pair. */
  static Set<String> bruteForce(List<Fingerprint> fps, double threshold) {
    Map<String, String> parent = new HashMap<>();
    fps.forEach(f -> parent.put(f.id(), f.id()));
    for (int i = 0; i < fps.size(); i++) {
      for (int j = i + 1; j < fps.size(); j++) {
        boolean oneSeed = fps.get(i).seed().equals(fps.get(j).seed());
        if (!oneSeed && HyperplaneLsh.cosine(fps.get(i).embedding(), fps.get(j).embedding()) >= threshold) {
          String a = root(parent, fps.get(i).id());
          String b = root(parent, fps.get(j).id());
          parent.put(a.compareTo(b) < 0 ? b : a, a.compareTo(b) < 0 ? a : b);
        }
      }
    }
    Set<String> decided = new TreeSet<>();
    parent.keySet().forEach(id -> {
      if (!root(parent, id).equals(id)) {
        decided.add(id);
      }
    });
    return decided;
  }

  private static String root(Map<String, String> parent, String id) {
    while (!parent.get(id).equals(id)) {
      id = parent.get(id);
    }
    return id;
  }

  @Test
  void joinsAndConfirmationWhereFoundBothFindEveryClusterAndNothingElse(TestPipeline p) {
    List<Fingerprint> fps = fingerprints();
    DedupConfig config = DedupConfig.defaults(4).withSemantic(true);
    Set<String> expected = bruteForce(fps, config.semanticThreshold());
    // The fixture has clusters of every size up to 4 and near misses that must stay.
    if (expected.size() < 30 || expected.size() > 60) {
      throw new AssertionError("fixture changed: " + expected.size() + " decided " + expected);
    }
    PCollection<Fingerprint> in = p.apply(Create.of(fps).withCoder(Fingerprint.FingerprintCoder.of()));
    Map<String, ClusterSimilar> modes = Map.of(
        "Joins", ClusterSimilar.with(SimilarityIndex.semantic(config), 4, config.ccRounds()),
        "WhereFound", ClusterSimilar.confirmedWhereFound(SimilarityIndex.semantic(config), 4, config.ccRounds()));
    for (Map.Entry<String, ClusterSimilar> mode : modes.entrySet()) {
      PCollection<String> decided = in.apply(mode.getKey(), mode.getValue())
          .apply(mode.getKey() + "Ids", MapElements.into(TypeDescriptors.strings()).via((Decision d) -> d.id() + " " + d.kind() + " " + d.survivor()));
      List<String> want = new ArrayList<>();
      for (String id : expected) {
        want.add(id + " " + Decision.SEMANTIC + " " + id.substring(0, id.length() - 1) + "0");
      }
      PAssert.that(decided).containsInAnyOrder(want);
    }
    p.run().waitUntilFinish();
  }
}
