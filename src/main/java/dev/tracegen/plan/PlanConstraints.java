package dev.tracegen.plan;

import dev.tracegen.config.Profile;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Plan;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import dev.tracegen.stage.Stages;
import dev.tracegen.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
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

/**
 * Plan: seeds in, plans out. Every (split, constraint count) stratum gets the plan slots of its
 * {@link PlanSlots} range; slot j goes to a seed of that split chosen by hash, so the result
 * depends only on the run seed and the set of seeds, never on their order or on bundles.
 */
public class PlanConstraints extends PTransform<PCollection<Seed>, PCollectionTuple> {
  public static final TupleTag<Plan> PLANS = new TupleTag<>() {};
  public static final TupleTag<Rejection> REJECTED = new TupleTag<>() {};

  private final Profile profile;
  private final Taxonomy taxonomy;
  private final int buckets;
  private final PlanSlots slots;
  private final Map<String, Map<String, Double>> drawWeights;

  private PlanConstraints(Profile profile, Taxonomy taxonomy, int buckets, PlanSlots slots,
      Map<String, Map<String, Double>> drawWeights) {
    this.profile = profile;
    this.taxonomy = taxonomy;
    this.buckets = buckets;
    this.slots = slots;
    this.drawWeights = drawWeights;
  }

  /**
   * Every stratum's slots at the profile's fixed over-generation factor; {@code buckets}: how many
   * groups the plans are spread over for parallel work downstream; {@code drawWeights}: per split,
   * the weights the constraints are drawn by ({@link MixCalibration#forRun}; a split without them
   * draws by the profile's and taxonomy's weights as they are).
   */
  public static PlanConstraints of(Profile profile, Taxonomy taxonomy, int buckets,
      Map<String, Map<String, Double>> drawWeights) {
    return of(profile, taxonomy, buckets, PlanSlots.fixed(profile), drawWeights);
  }

  /** The plans of {@code slots} only (one wave of an adaptive run). */
  public static PlanConstraints of(Profile profile, Taxonomy taxonomy, int buckets, PlanSlots slots,
      Map<String, Map<String, Double>> drawWeights) {
    return new PlanConstraints(profile, taxonomy, buckets, slots, drawWeights);
  }

  /** Plans per bucket below which a wave uses fewer buckets than {@code --buckets}. */
  static final int PLANS_PER_BUCKET = 100;

  /**
   * How many groups a wave of {@code plans} plans is spread over: {@code buckets}, but no more than
   * one per {@link #PLANS_PER_BUCKET} plans (and at least two, for two workers). Every group is a
   * bundle through each downstream step, and the Direct runner serialises each step's DoFn several
   * times per bundle: sixteen groups of a few plans each spent most of a small build on that.
   * Which group a plan is in never changes what it becomes.
   */
  static int spreadBuckets(int buckets, long plans) {
    long wanted = Math.max(2, (plans + PLANS_PER_BUCKET - 1) / PLANS_PER_BUCKET);
    return (int) Math.min(buckets, wanted);
  }

  /** The id of a plan slot: split, constraint count and slot number. */
  static String planId(String split, int k, int slot) {
    return String.format("%s-k%02d-%06d", split, k, slot);
  }

  /** The seed a plan is drawn for, from its split's seeds sorted by id. */
  static Seed seedOf(List<Seed> seeds, String planId, long runSeed) {
    return seeds.get((int) Math.floorMod(Draws.hash(runSeed, "seed", planId), (long) seeds.size()));
  }

  @Override
  public PCollectionTuple expand(PCollection<Seed> seeds) {
    long runSeed = profile.runSeed();
    double evalFraction = profile.evalSeedFraction();
    // The seed bank is small (thousands of seeds), so one sorted copy per split is a singleton
    // side input; slot -> seed then depends only on ids, never on read order. The slots are made
    // from the bank itself, so they reach DrawPlans only once the bank is complete: the Direct
    // runner re-runs a ParDo whose side input is not ready yet in a busy loop, which on a small
    // build cost as much CPU as the generator.
    PCollection<Map<String, List<Seed>>> bank = seeds
        .apply("SeedBank", Combine.globally(new SeedBankFn(runSeed, evalFraction)).withoutDefaults());
    PCollectionView<Map<String, List<Seed>>> bySplit = bank
        .apply("SeedBankView", View.<Map<String, List<Seed>>>asSingleton().withDefaultValue(Map.of()));

    List<KV<String, KV<Integer, KV<Integer, Integer>>>> strata = new ArrayList<>();
    for (PlanSlots.Range r : slots.ranges()) {
      strata.add(KV.of(r.split(), KV.of(r.k(), KV.of(r.from(), r.to()))));
    }
    return bank
        .apply("Strata", ParDo.of(new StrataFn(strata)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(),
            KvCoder.of(VarIntCoder.of(), KvCoder.of(VarIntCoder.of(), VarIntCoder.of()))))
        .apply("Slots", ParDo.of(new SlotsFn()))
        // A few large bundles, not one per slot: per-bundle overhead dominates on the Direct runner.
        .apply("SpreadSlots", Reshuffle.<KV<String, KV<Integer, Integer>>>viaRandomKey()
            .withNumBuckets(spreadBuckets(buckets, slots.total())))
        .apply("DrawPlans", ParDo.of(new DrawPlanFn(planners(), runSeed, bySplit))
            .withSideInputs(bySplit)
            .withOutputTags(PLANS, TupleTagList.of(REJECTED)));
  }

  /** One planner per split, drawing by that split's calibrated weights where there are some. */
  private Map<String, Planner> planners() {
    Map<String, Planner> out = new TreeMap<>();
    for (String split : List.of("train", "eval")) {
      Map<String, Double> weights = drawWeights.getOrDefault(split, Map.of());
      out.put(split, new Planner(taxonomy, weights.isEmpty() ? profile.dimensionWeights() : weights, profile.runSeed()));
    }
    return out;
  }

  /** Collects seeds into {@code split -> seeds sorted by id}. */
  static class SeedBankFn extends Combine.CombineFn<Seed, List<Seed>, Map<String, List<Seed>>> {
    private final long runSeed;
    private final double evalFraction;

    SeedBankFn(long runSeed, double evalFraction) {
      this.runSeed = runSeed;
      this.evalFraction = evalFraction;
    }

    @Override
    public List<Seed> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<Seed> addInput(List<Seed> acc, Seed seed) {
      acc.add(seed);
      return acc;
    }

    @Override
    public List<Seed> mergeAccumulators(Iterable<List<Seed>> accs) {
      List<Seed> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public Map<String, List<Seed>> extractOutput(List<Seed> acc) {
      Map<String, List<Seed>> out = new TreeMap<>();
      for (Seed s : acc) {
        out.computeIfAbsent(Draws.splitOf(runSeed, s.id(), evalFraction), k -> new ArrayList<>()).add(s);
      }
      out.values().forEach(l -> l.sort(Comparator.comparing(Seed::id)));
      return out;
    }

    @Override
    public Coder<List<Seed>> getAccumulatorCoder(CoderRegistry registry, Coder<Seed> input) {
      return ListCoder.of(JsonCoder.of(Seed.class));
    }

    @Override
    public Coder<Map<String, List<Seed>>> getDefaultOutputCoder(CoderRegistry registry, Coder<Seed> input) {
      return MapCoder.of(StringUtf8Coder.of(), ListCoder.of(JsonCoder.of(Seed.class)));
    }
  }

  /** The strata of this wave, emitted once the seed bank (the one element in) is there. */
  static class StrataFn extends DoFn<Map<String, List<Seed>>, KV<String, KV<Integer, KV<Integer, Integer>>>> {
    private final List<KV<String, KV<Integer, KV<Integer, Integer>>>> strata;

    StrataFn(List<KV<String, KV<Integer, KV<Integer, Integer>>>> strata) {
      this.strata = strata;
    }

    @ProcessElement
    public void process(OutputReceiver<KV<String, KV<Integer, KV<Integer, Integer>>>> out) {
      strata.forEach(out::output);
    }
  }

  /** One element per plan slot of a stratum's range. */
  static class SlotsFn extends DoFn<KV<String, KV<Integer, KV<Integer, Integer>>>, KV<String, KV<Integer, Integer>>> {
    @ProcessElement
    public void process(@Element KV<String, KV<Integer, KV<Integer, Integer>>> stratum,
        OutputReceiver<KV<String, KV<Integer, Integer>>> out) {
      int k = stratum.getValue().getKey();
      KV<Integer, Integer> range = stratum.getValue().getValue();
      for (int slot = range.getKey(); slot < range.getValue(); slot++) {
        out.output(KV.of(stratum.getKey(), KV.of(k, slot)));
      }
    }
  }

  static class DrawPlanFn extends DoFn<KV<String, KV<Integer, Integer>>, Plan> {
    private final Map<String, Planner> planners;
    private final long runSeed;
    private final PCollectionView<Map<String, List<Seed>>> bySplit;

    DrawPlanFn(Map<String, Planner> planners, long runSeed, PCollectionView<Map<String, List<Seed>>> bySplit) {
      this.planners = planners;
      this.runSeed = runSeed;
      this.bySplit = bySplit;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String split = c.element().getKey();
      int k = c.element().getValue().getKey();
      int slot = c.element().getValue().getValue();
      String planId = planId(split, k, slot);
      List<Seed> seeds = c.sideInput(bySplit).getOrDefault(split, List.of());
      if (seeds.isEmpty()) {
        c.output(REJECTED, new Rejection(Stages.PLAN.id(), "no_seeds_in_split", planId,
            "no seed was assigned to the " + split + " split; add seeds or raise eval_seed_fraction", ""));
        return;
      }
      Seed seed = seedOf(seeds, planId, runSeed);
      Plan plan = planners.get(split).plan(planId, seed, split, k);
      if (plan == null) {
        c.output(REJECTED, new Rejection(Stages.PLAN.id(), "infeasible", planId,
            "cannot draw " + k + " compatible constraints for seed " + seed.id(), ""));
      } else {
        c.output(plan);
      }
    }
  }
}
