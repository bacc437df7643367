package dev.tracegen.io;

import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * For one bucket of seed ids (see {@link ReadSeeds#bucketOf}), keeps per id the seed that comes
 * first by (file path, line) and rejects the others as {@code duplicate_id}, so the result never
 * depends on bundle or arrival order.
 */
class KeepFirstSeedFn extends DoFn<KV<Integer, Iterable<LocatedSeed>>, Seed> {
  private final TupleTag<Seed> seedsTag;
  private final TupleTag<Rejection> rejectedTag;
  private final Counter duplicates = Metrics.counter(ReadSeeds.class, "duplicate_ids");

  KeepFirstSeedFn(TupleTag<Seed> seedsTag, TupleTag<Rejection> rejectedTag) {
    this.seedsTag = seedsTag;
    this.rejectedTag = rejectedTag;
  }

  @ProcessElement
  public void processElement(
      @Element KV<Integer, Iterable<LocatedSeed>> bucket, MultiOutputReceiver out) {
    Map<String, List<LocatedSeed>> byId = new TreeMap<>();
    for (LocatedSeed s : bucket.getValue()) {
      byId.computeIfAbsent(s.seed().id(), k -> new ArrayList<>()).add(s);
    }
    for (Map.Entry<String, List<LocatedSeed>> e : byId.entrySet()) {
      List<LocatedSeed> all = e.getValue();
      all.sort(LocatedSeed.FILE_ORDER);
      LocatedSeed first = all.get(0);
      out.get(seedsTag).output(first.seed());
      for (LocatedSeed dup : all.subList(1, all.size())) {
        duplicates.inc();
        Seed s = dup.seed();
        out.get(rejectedTag)
            .output(new Rejection(
                Stages.READ_SEEDS.id(),
                SeedParser.DUPLICATE_ID,
                s.source(),
                s.source() + ": duplicate seed id '" + e.getKey() + "' (kept the one at "
                    + first.seed().source() + ")",
                SeedParser.excerpt(Json.write(s))));
      }
    }
  }
}
