package dev.tracegen.plan;

import dev.tracegen.config.Profile;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Plan: seeds in, plans out. Every (split, constraint count) stratum gets {@code target x
 * over-generation} plan slots; slot j goes to a seed of that split chosen by hash, so the result
 * depends only on the run seed and the set of seeds, never on their order or on bundles.
 */
public class PlanConstraints extends PTransform<PCollection<Seed>, PCollectionTuple> {
  public static final TupleTag<Plan> PLANS = new TupleTag<>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};

  private final Profile profile;
  private final Taxonomy taxonomy;

  private PlanConstraints(Profile profile, Taxonomy taxonomy) {
    this.profile = profile;
    this.taxonomy = taxonomy;
  }

  public static PlanConstraints of(Profile profile, Taxonomy taxonomy) {
    return new PlanConstraints(profile, taxonomy);
  }

  @Override
  public PCollectionTuple expand(PCollection<Seed> seeds) {
    long runSeed = profile.runSeed();
    double evalFraction = profile.evalSeedFraction();
    PCollectionView<Map<String, Iterable<Seed>>> bySplit = seeds
        .apply("AssignSplit", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Seed.class)))
            .via((Seed s) -> KV.of(Draws.splitOf(runSeed, s.id(), evalFraction), s)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(Seed.class)))
        .apply("SeedsBySplit", View.asMultimap());

    List<KV<String, KV<Integer, Integer>>> strata = new ArrayList<>();
    for (String split : List.of("train", "eval")) {
      profile.stratumTargets(split).forEach((k, target) -> {
        int planned = profile.plannedCount(k, target);
        if (planned > 0) {
          strata.add(KV.of(split, KV.of(k, planned)));
        }
      });
    }
    return seeds.getPipeline()
        .apply("Strata", Create.of(strata).withCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarIntCoder.of(), VarIntCoder.of()))))
        .apply("Slots", ParDo.of(new SlotsFn()))
        .apply("SpreadSlots", Reshuffle.viaRandomKey())
        .apply("DrawPlans", ParDo.of(new DrawPlanFn(new Planner(taxonomy, profile.dimensionWeights(), runSeed), runSeed, bySplit))
            .withSideInputs(bySplit)
            .withOutputTags(PLANS, TupleTagList.of(REJECTED)));
  }

  /** One element per plan slot of a stratum. */
  static class SlotsFn extends DoFn<KV<String, KV<Integer, Integer>>, KV<String, KV<Integer, Integer>>> {
    @ProcessElement
    public void process(@Element KV<String, KV<Integer, Integer>> stratum, OutputReceiver<KV<String, KV<Integer, Integer>>> out) {
      int k = stratum.getValue().getKey();
      for (int slot = 0; slot < stratum.getValue().getValue(); slot++) {
        out.output(KV.of(stratum.getKey(), KV.of(k, slot)));
      }
    }
  }

  static class DrawPlanFn extends DoFn<KV<String, KV<Integer, Integer>>, Plan> {
    private final Planner planner;
    private final long runSeed;
    private final PCollectionView<Map<String, Iterable<Seed>>> bySplit;
    private transient Map<String, List<Seed>> sorted;

    DrawPlanFn(Planner planner, long runSeed, PCollectionView<Map<String, Iterable<Seed>>> bySplit) {
      this.planner = planner;
      this.runSeed = runSeed;
      this.bySplit = bySplit;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (sorted == null) {
        // Sorted by id so that slot -> seed does not depend on the order seeds were read in.
        sorted = new java.util.HashMap<>();
        c.sideInput(bySplit).forEach((split, seeds) -> {
          List<Seed> list = new ArrayList<>();
          seeds.forEach(list::add);
          list.sort(Comparator.comparing(Seed::id));
          sorted.put(split, list);
        });
      }
      String split = c.element().getKey();
      int k = c.element().getValue().getKey();
      int slot = c.element().getValue().getValue();
      String planId = String.format("%s-k%02d-%06d", split, k, slot);
      List<Seed> seeds = sorted.getOrDefault(split, List.of());
      if (seeds.isEmpty()) {
        c.output(REJECTED, new Rejection("plan", "no_seeds_in_split", planId,
            "no seed was assigned to the " + split + " split; add seeds or raise eval_seed_fraction", ""));
        return;
      }
      Seed seed = seeds.get((int) Math.floorMod(Draws.hash(runSeed, "seed", planId), (long) seeds.size()));
      Plan plan = planner.plan(planId, seed, split, k);
      if (plan == null) {
        c.output(REJECTED, new Rejection("plan", "infeasible", planId,
            "cannot draw " + k + " compatible constraints for seed " + seed.id(), ""));
      } else {
        c.output(plan);
      }
    }
  }
}
