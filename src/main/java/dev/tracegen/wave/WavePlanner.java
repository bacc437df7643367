package dev.tracegen.wave;

import dev.tracegen.config.Profile;
import dev.tracegen.plan.PlanSlots;
import dev.tracegen.select.SelectExactCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many plans each wave makes per (split, constraint count) stratum. The first wave plans a
 * stratum's target divided by a prior yield (or, with a fixed factor, the profile's over-generation
 * and nothing after it). Every later wave sizes each short stratum from what is known then: the
 * stratum's observed yield (records kept per plan), pulled towards its split's pooled yield while
 * it has few plans, and the fewest plans that close the gap with a probability that rises as the
 * split's waves run out: even odds while three or more waves remain (a shortfall only costs another
 * wave, a surplus costs money), {@code margin}/2 standard deviations with two left, {@code margin}
 * on the last. After finishing a shortfall costs a whole finishing again, so a top-up then is sized
 * for all its strata to be met together with the probability of {@code margin}, and brings every
 * stratum below its finishing allowance along (what finishing takes from one stratum depends on the
 * others: an eval record added is the survivor of near duplicates in train and decontaminates its
 * n-grams there). Plans are numbered slots, so a wave only ever adds slots after the ones before it.
 * Pure and deterministic.
 */
public final class WavePlanner {
  /** Plans of pooled evidence that a stratum's own yield is blended with. */
  static final double POOL_WEIGHT = 20;
  /**
   * Share of a stratum's target that waves plan beyond it: finishing (dedup, decontamination) takes a
   * few records, and a stratum it leaves one short costs a top-up wave and another finishing,
   * minutes at full scale (25 at ten times), where the allowance costs a tenth of a percent.
   */
  static final double FINISH_ALLOWANCE = 0.001;
  /** The lowest yield a wave is sized for: a stratum that keeps almost nothing is not chased forever. */
  static final double MIN_YIELD = 0.02;

  /**
   * @param adaptive false: one wave at the profile's fixed over-generation factor
   * @param priorYield the share of plans the first wave expects to ship (1: plan exactly the targets)
   * @param margin standard deviations of safety in a split's last wave (half of it in the one before)
   * @param maxWaves waves per split at most (a top-up after finishing counts too)
   */
  public record Settings(boolean adaptive, double priorYield, double margin, int maxWaves) {
    public Settings {
      if (priorYield <= 0 || priorYield > 1) {
        throw new IllegalArgumentException("--priorYield must be in (0, 1], not " + priorYield);
      }
      if (margin < 0) {
        throw new IllegalArgumentException("--waveMargin must be at least 0, not " + margin);
      }
      if (maxWaves < 1) {
        throw new IllegalArgumentException("--maxWaves must be at least 1, not " + maxWaves);
      }
    }

    public static Settings fixed() {
      return new Settings(false, 1, 0, 1);
    }
  }

  private final Profile profile;
  private final Settings settings;
  private final Map<String, Integer> targets;
  private final Map<String, Integer> planned = new TreeMap<>();
  private final Map<String, Long> kept = new TreeMap<>();
  private final Map<String, Integer> waves = new TreeMap<>();
  /** Whether finishing has run: counts are then what Select found. */
  private boolean finished;

  /** {@code targets}: stratum key ({@code split.k}) to exact count. */
  public WavePlanner(Profile profile, Map<String, Integer> targets, Settings settings) {
    this.profile = profile;
    this.settings = settings;
    this.targets = new TreeMap<>(targets);
  }

  /** The next wave's slots for {@code split}, or empty when the split is met or out of waves. */
  public PlanSlots next(String split) {
    if (waves.getOrDefault(split, 0) >= waveLimit()) {
      return new PlanSlots(List.of());
    }
    Map<String, Integer> to = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> t : targets.entrySet()) {
      String stratum = t.getKey();
      if (!stratum.startsWith(split + ".")) {
        continue;
      }
      int done = planned.getOrDefault(stratum, 0);
      int more = done == 0 ? firstWave(stratum, t.getValue()) : topUp(stratum, t.getValue(), split);
      if (more > 0) {
        to.put(stratum, done + more);
      }
    }
    return PlanSlots.of(planned, to);
  }

  /** A wave of {@code slots} was run. */
  public void planned(PlanSlots slots) {
    for (PlanSlots.Range r : slots.ranges()) {
      planned.merge(SelectExactCounts.stratum(r.split(), r.k()), r.size(), Integer::sum);
    }
    slots.ranges().stream().map(PlanSlots.Range::split).distinct().forEach(s -> waves.merge(s, 1, Integer::sum));
  }

  /** Quadruples a wave added per stratum. */
  public void kept(Map<String, Long> added) {
    added.forEach((stratum, n) -> kept.merge(stratum, n, Long::sum));
  }

  /** What finishing found usable per stratum (after dedup and decontamination): replaces the count so far. */
  public void available(Map<String, Long> available) {
    finished = true;
    for (String stratum : targets.keySet()) {
      kept.put(stratum, available.getOrDefault(stratum, 0L));
    }
  }

  /**
   * Whether {@code split} (null: either) needs a wave: before finishing, when one of its strata is
   * below its goal; after finishing, when some stratum of either split is below its target (only
   * that costs another finishing) and one of this split's is below its goal.
   */
  public boolean isShort(String split) {
    if (finished && !belowGoal(null, false)) {
      return false;
    }
    return belowGoal(split, true);
  }

  private boolean belowGoal(String split, boolean withAllowance) {
    return strataBelowGoal(split, withAllowance) > 0;
  }

  private long strataBelowGoal(String split, boolean withAllowance) {
    return targets.entrySet().stream()
        .filter(t -> split == null || t.getKey().startsWith(split + "."))
        .filter(t -> kept.getOrDefault(t.getKey(), 0L) < (withAllowance ? goal(t.getValue()) : t.getValue()))
        .count();
  }

  /**
   * What a wave aims a stratum at: its target plus {@link #FINISH_ALLOWANCE} of it, before finishing
   * (for what finishing will take) and after it (for what a top-up's records take from the others).
   */
  long goal(int target) {
    return target + (long) Math.floor(target * FINISH_ALLOWANCE);
  }

  /**
   * Waves per split allowed now: before finishing one is kept back for a top-up after it (so that
   * what finishing takes can still be made up), after it all of {@code maxWaves}.
   */
  int waveLimit() {
    if (!settings.adaptive()) {
      return 1;
    }
    return finished || settings.maxWaves() == 1 ? settings.maxWaves() : settings.maxWaves() - 1;
  }

  /** Plans so far per stratum. */
  public Map<String, Integer> planned() {
    return new TreeMap<>(planned);
  }

  public long plannedTotal() {
    return planned.values().stream().mapToLong(Integer::longValue).sum();
  }

  private int firstWave(String stratum, int target) {
    if (target <= 0) {
      return 0;
    }
    if (!settings.adaptive()) {
      return profile.plannedCount(Integer.parseInt(stratum.substring(stratum.indexOf('.') + 1)), target);
    }
    return (int) Math.ceil(target / settings.priorYield() - 1e-9);
  }

  private int topUp(String stratum, int target, String split) {
    long need = goal(target) - kept.getOrDefault(stratum, 0L);
    if (need <= 0) {
      return 0;
    }
    int left = waveLimit() - waves.getOrDefault(split, 0);
    double margin = finished
        ? jointMargin(settings.margin(), strataBelowGoal(null, true))
        : marginFor(left, settings.margin());
    return plansFor(need, yieldOf(stratum), margin);
  }

  /**
   * The safety per stratum that meets all of {@code strata} independent strata together with the
   * probability {@code Phi(margin)}: {@code Phi(z)^strata = Phi(margin)}.
   */
  static double jointMargin(double margin, long strata) {
    return strata <= 1 ? margin : quantile(Math.pow(normalCdf(margin), 1.0 / strata));
  }

  /** The inverse of {@link #normalCdf}, by bisection (to 1e-9; ample for sizing waves). */
  static double quantile(double p) {
    double lo = -10;
    double hi = 10;
    while (hi - lo > 1e-9) {
      double mid = (lo + hi) / 2;
      if (normalCdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** The safety of a wave with {@code left} waves of its split left (this one included). */
  static double marginFor(int left, double margin) {
    return left <= 1 ? margin : left == 2 ? margin / 2 : 0;
  }

  /** The stratum's yield, blended with its split's pooled yield by {@link #POOL_WEIGHT} plans. */
  double yieldOf(String stratum) {
    String split = stratum.substring(0, stratum.indexOf('.'));
    long pooledPlans = 0;
    long pooledKept = 0;
    for (Map.Entry<String, Integer> p : planned.entrySet()) {
      if (p.getKey().startsWith(split + ".")) {
        pooledPlans += p.getValue();
        pooledKept += Math.min(kept.getOrDefault(p.getKey(), 0L), p.getValue());
      }
    }
    double pooled = pooledPlans == 0 ? settings.priorYield() : (double) pooledKept / pooledPlans;
    int own = planned.getOrDefault(stratum, 0);
    long ownKept = Math.min(kept.getOrDefault(stratum, 0L), own);
    double y = (ownKept + POOL_WEIGHT * pooled) / (own + POOL_WEIGHT);
    return Math.max(MIN_YIELD, Math.min(1, y));
  }

  /** Gaps up to this size are sized from the exact binomial distribution; larger ones by its normal approximation. */
  static final long EXACT_NEED = 64;

  /**
   * The fewest plans n that keep at least {@code need} records with probability {@code Phi(margin)}
   * when each plan is kept with probability {@code y}: exactly for small gaps (where the normal
   * approximation over-plans), else by solving {@code y n - z sqrt(n y (1 - y)) = need} for sqrt(n).
   */
  static int plansFor(long need, double y, double margin) {
    if (y >= 1) {
      return (int) need;
    }
    if (need <= EXACT_NEED) {
      double p = normalCdf(margin);
      int cap = (int) Math.ceil(need / y * 4 + 20);
      for (int n = (int) need; n < cap; n++) {
        if (atLeast(n, y, (int) need) >= p - 1e-12) {
          return n;
        }
      }
      return cap;
    }
    double spread = margin * Math.sqrt(y * (1 - y));
    double root = (spread + Math.sqrt(spread * spread + 4 * y * need)) / (2 * y);
    return (int) Math.max(need, Math.ceil(root * root - 1e-9));
  }

  /** P(X >= k) for X ~ Binomial(n, y), summed in log space. */
  static double atLeast(int n, double y, int k) {
    double sum = 0;
    double logY = Math.log(y);
    double logNotY = Math.log1p(-y);
    for (int i = k; i <= n; i++) {
      sum += Math.exp(logChoose(n, i) + i * logY + (n - i) * logNotY);
    }
    return Math.min(1, sum);
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  /** The standard normal distribution function (Abramowitz and Stegun 7.1.26 via erf; error below 1.5e-7). */
  static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
        * t * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
