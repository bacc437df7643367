package dev.tracegen.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The benchmark's figures over the judged items: IF-S (instructions with one constraint) and IF-M
 * (more than one), each as the mean overall score and as the share of instructions whose every
 * constraint scored 10, with 95 % bootstrap intervals; the same by constraint count and category;
 * per-constraint scores by type and by dimension ({@code levels2} label). An item whose judgement
 * could not be read is a parse failure: counted, and left out of every score (never a 0 or a 10).
 * An item the model under test did not answer scores 0 everywhere.
 *
 * @param items instructions in the file
 * @param parseFailures items whose judgement could not be read
 * @param unanswered items the model under test gave no answer to (scored 0)
 * @param withoutConstraintScores scored items whose judge gave an overall score but not every
 *     constraint's (they count in the item figures, not in the per-constraint ones)
 */
public record EvalScores(long items, long parseFailures, double parseFailureRate, long unanswered,
    long withoutConstraintScores, ItemGroup ifS, ItemGroup ifM, ItemGroup all, Map<String, ItemGroup> byCount,
    Map<String, ItemGroup> byCategory, Map<String, ConstraintGroup> byType, Map<String, ConstraintGroup> byDimension) {

  /** Bootstrap resamples behind each interval; the seed is fixed so that the same results give the same figures. */
  static final int RESAMPLES = 1000;
  private static final long SEED = 2411_06208L;

  /**
   * Figures over a set of instructions.
   *
   * @param items instructions in the set
   * @param scored those with a readable judgement
   * @param meanScore mean overall score (0-10) of the scored ones; null when none is scored
   * @param allFull share of the scored ones whose every constraint scored 10
   */
  public record ItemGroup(long items, long scored, Double meanScore, List<Double> meanScoreCi, Double allFull,
      List<Double> allFullCi) {}

  /**
   * Figures over constraints of one type or dimension.
   *
   * @param constraints constraints of that kind in the scored items with every constraint scored
   * @param meanScore their mean score (0-10)
   * @param full share of them that scored 10
   */
  public record ConstraintGroup(long constraints, Double meanScore, Double full) {}

  /** One scored item's figures. */
  private record Scored(double overall, boolean allFull) {}

  /**
   * The figures of {@code results}; {@code typeOf} maps a {@code levels2} label to its constraint
   * type (labels it does not know are counted under {@code other}).
   */
  public static EvalScores of(List<EvalResult> results, Function<String, String> typeOf) {
    long parseFailures = results.stream().filter(EvalResult::parseFailure).count();
    long unanswered = results.stream().filter(EvalResult::unanswered).count();
    long partial = 0;
    Map<String, List<EvalResult>> byCount = new TreeMap<>(EvalScores::numeric);
    Map<String, List<EvalResult>> byCategory = new TreeMap<>();
    Map<String, double[]> byType = new TreeMap<>();
    Map<String, double[]> byDimension = new TreeMap<>();
    for (EvalResult r : results) {
      byCount.computeIfAbsent(Integer.toString(r.item().count()), k -> new ArrayList<>()).add(r);
      byCategory.computeIfAbsent(r.item().category().isEmpty() ? "(none)" : r.item().category(), k -> new ArrayList<>())
          .add(r);
      List<Double> scores = constraintScores(r);
      if (scores == null) {
        partial += r.parseFailure() ? 0 : 1;
        continue;
      }
      for (int i = 0; i < scores.size(); i++) {
        String label = i < r.item().levels2().size() ? r.item().levels2().get(i) : "(unlabelled)";
        add(byDimension, label, scores.get(i));
        add(byType, typeOf.apply(label), scores.get(i));
      }
    }
    Map<String, ItemGroup> counts = new TreeMap<>(EvalScores::numeric);
    byCount.forEach((k, v) -> counts.put(k, group(v)));
    Map<String, ItemGroup> categories = new TreeMap<>();
    byCategory.forEach((k, v) -> categories.put(k, group(v)));
    return new EvalScores(results.size(), parseFailures, results.isEmpty() ? 0 : (double) parseFailures / results.size(),
        unanswered, partial,
        group(results.stream().filter(r -> r.item().count() == 1).toList()),
        group(results.stream().filter(r -> r.item().count() > 1).toList()),
        group(results), counts, categories, constraintGroups(byType), constraintGroups(byDimension));
  }

  /** Each constraint's score, 0 for every constraint of an unanswered item; null when the judge did not give them all. */
  private static List<Double> constraintScores(EvalResult r) {
    int n = r.item().count();
    if (r.unanswered()) {
      return java.util.Collections.nCopies(n, 0.0);
    }
    if (r.verdict() == null || !r.verdict().complete(n)) {
      return null;
    }
    List<Double> out = new ArrayList<>(java.util.Collections.nCopies(n, 0.0));
    r.verdict().scores().forEach(s -> out.set(s.constraint() - 1, s.score()));
    return out;
  }

  private static void add(Map<String, double[]> sums, String key, double score) {
    double[] s = sums.computeIfAbsent(key, k -> new double[3]);
    s[0]++;
    s[1] += score;
    s[2] += score >= 10 ? 1 : 0;
  }

  private static Map<String, ConstraintGroup> constraintGroups(Map<String, double[]> sums) {
    Map<String, ConstraintGroup> out = new TreeMap<>();
    sums.forEach((k, s) -> out.put(k, new ConstraintGroup((long) s[0], round(s[1] / s[0]), round(s[2] / s[0]))));
    return out;
  }

  /** The figures of {@code results}, with bootstrap intervals over the scored ones. */
  static ItemGroup group(List<EvalResult> results) {
    List<Scored> scored = new ArrayList<>();
    for (EvalResult r : results) {
      if (r.unanswered()) {
        scored.add(new Scored(0, false));
      } else if (r.verdict() != null) {
        scored.add(new Scored(r.verdict().overall(), r.verdict().allFull(r.item().count())));
      }
    }
    if (scored.isEmpty()) {
      return new ItemGroup(results.size(), 0, null, List.of(), null, List.of());
    }
    int n = scored.size();
    double[] overall = new double[n];
    double[] full = new double[n];
    for (int i = 0; i < n; i++) {
      overall[i] = scored.get(i).overall();
      full[i] = scored.get(i).allFull() ? 1 : 0;
    }
    return new ItemGroup(results.size(), n, round(mean(overall)), interval(overall), round(mean(full)), interval(full));
  }

  /** The 95 % percentile bootstrap interval of the mean of {@code values}. */
  static List<Double> interval(double[] values) {
    int n = values.length;
    SplittableRandom random = new SplittableRandom(SEED);
    double[] means = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[random.nextInt(n)];
      }
      means[b] = sum / n;
    }
    java.util.Arrays.sort(means);
    return List.of(round(means[(int) Math.floor(0.025 * (RESAMPLES - 1))]),
        round(means[(int) Math.ceil(0.975 * (RESAMPLES - 1))]));
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** Constraint counts in numeric order ("2" before "10"). */
  private static int numeric(String a, String b) {
    return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
  }
}
