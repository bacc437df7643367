package dev.tracegen.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectedComponentsTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();

  /** Union-find: the reference answer. */
  private static Map<String, String> unionFind(List<KV<String, String>> edges) {
    Map<String, String> parent = new HashMap<>();
    for (KV<String, String> e : edges) {
      String a = find(parent, e.getKey());
      String b = find(parent, e.getValue());
      if (!a.equals(b)) {
        parent.put(a.compareTo(b) < 0 ? b : a, a.compareTo(b) < 0 ? a : b);
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (String n : new ArrayList<>(parent.keySet())) {
      out.put(n, find(parent, n));
    }
    return out;
  }

  private static String find(Map<String, String> parent, String x) {
    parent.putIfAbsent(x, x);
    while (!parent.get(x).equals(x)) {
      x = parent.get(x);
    }
    return x;
  }

  private static String node(int i) {
    return String.format("n%04d", i);
  }

  /** Chains (long paths in both orders), stars, cliques and random sparse graphs. */
  private static List<KV<String, String>> graph(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<KV<String, String>> edges = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      edges.add(KV.of(node(i), node(i + 1))); // path 0..40
    }
    for (int i = 100; i < 130; i++) {
      edges.add(KV.of(node(230 - i), node(229 - i))); // path 100..130 listed from the top
    }
    for (int i = 201; i < 210; i++) {
      edges.add(KV.of(node(209), node(i - 1))); // star centred on the largest node
    }
    for (int i = 0; i < 60; i++) {
      edges.add(KV.of(node(300 + r.nextInt(80)), node(300 + r.nextInt(80))));
    }
    return edges;
  }

  @Test
  void inMemoryRoundsMatchUnionFind() {
    for (long seed = 0; seed < 20; seed++) {
      List<KV<String, String>> edges = graph(seed);
      Map<String, String> want = unionFind(edges);
      Map<String, String> got = new TreeMap<>(ConnectedComponents.components(edges, DedupConfig.DEFAULT_CC_ROUNDS));
      want.keySet().retainAll(got.keySet()); // self-loops only: no edge, no label
      assertEquals(want, got, "seed " + seed);
    }
  }

  @Test
  void starSteps() {
    assertEquals(List.of(KV.of("c", "a"), KV.of("d", "a")),
        ConnectedComponents.largeStar("b", new java.util.TreeSet<>(List.of("a", "c", "d"))));
    assertEquals(List.of(KV.of("c", "a"), KV.of("b", "a")),
        ConnectedComponents.smallStar("c", new java.util.TreeSet<>(List.of("a", "b", "d"))));
  }

  @Test
  void beamTransformLabelsEveryNodeWithTheSmallestOfItsComponent(TestPipeline p) {
    List<KV<String, String>> edges = graph(3);
    Map<String, String> want = unionFind(edges);
    want.entrySet().removeIf(e -> edges.stream().noneMatch(
        x -> !x.getKey().equals(x.getValue()) && (x.getKey().equals(e.getKey()) || x.getValue().equals(e.getKey()))));
    List<KV<String, String>> expected = new ArrayList<>();
    want.forEach((k, v) -> expected.add(KV.of(k, v)));
    PCollection<KV<String, String>> labels = p
        .apply(Create.of(edges).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply(ConnectedComponents.of(4, DedupConfig.DEFAULT_CC_ROUNDS, "test"));
    PAssert.that(labels).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }
}
