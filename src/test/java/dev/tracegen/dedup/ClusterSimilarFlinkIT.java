package dev.tracegen.dedup;

import dev.tracegen.TraceOptions;
import dev.tracegen.TraceRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * Clustering joins on the FlinkRunner with more than 10,000 values under one key, as dedup's
 * buckets hold at 1.2 M records: Beam then iterates a join's group a second time, which Flink's
 * batch GroupByKey allows only with the setting a run makes for Flink ({@code runnerDefaults}).
 */
class ClusterSimilarFlinkIT {
  @Test
  void aBucketOfMoreThanTenThousandFingerprintsIsClusteredOnFlink() {
    Random r = new Random(11);
    List<Fingerprint> fps = new ArrayList<>();
    List<String> want = new ArrayList<>();
    for (int pair = 0; pair < 5_200; pair++) {
      float[] v = HyperplaneLshTest.random(r);
      String a = String.format("train-%05d-0", pair);
      String b = String.format("train-%05d-1", pair);
      fps.add(new Fingerprint(a, "train", "seed-" + pair + "-a", null, Fingerprint.quantize(v)));
      fps.add(new Fingerprint(b, "train", "seed-" + pair + "-b", null,
          Fingerprint.quantize(HyperplaneLshTest.near(v, 0.99, r))));
      want.add(b + " " + Decision.SEMANTIC + " " + a);
    }
    TraceOptions o = PipelineOptionsFactory.fromArgs("--runner=FlinkRunner", "--flinkMaster=[local]",
        "--parallelism=2").as(TraceOptions.class);
    TraceRun.runnerDefaults(o);
    Pipeline p = Pipeline.create(o);
    DedupConfig config = DedupConfig.defaults(1).withSemantic(true);
    PCollection<String> decided = p.apply(Create.of(fps).withCoder(Fingerprint.FingerprintCoder.of()))
        .apply("Cluster", ClusterSimilar.with(SimilarityIndex.semantic(config), 1, config.ccRounds()))
        .apply("Ids", MapElements.into(TypeDescriptors.strings())
            .via((Decision d) -> d.id() + " " + d.kind() + " " + d.survivor()));
    PAssert.that(decided).containsInAnyOrder(want);
    p.run().waitUntilFinish();
  }
}
