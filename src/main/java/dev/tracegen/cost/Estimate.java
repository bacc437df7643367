package dev.tracegen.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run is expected to spend, per LLM step and in total, before its first call.
 *
 * @param plans candidates planned
 * @param basis where the per-step figures come from (defaults, or a pilot)
 * @param notes what the reader should know (unknown prices and the option to pass, yields)
 */
public record Estimate(long plans, String basis, ModelPrice generator, ModelPrice judge, List<Step> steps,
    double wallSeconds, String throughput, List<String> notes) {

  /**
   * One step's expected work.
   *
   * @param cost null when its model's price is unknown
   * @param batchCost the same tokens at the provider's batch prices (null when unknown)
   */
  public record Step(String step, double calls, double tokensIn, double tokensOut, Double cost, Double batchCost) {}

  public Estimate {
    steps = List.copyOf(steps);
    notes = List.copyOf(notes);
  }

  public double calls() {
    return steps.stream().mapToDouble(Step::calls).sum();
  }

  public double tokensIn() {
    return steps.stream().mapToDouble(Step::tokensIn).sum();
  }

  public double tokensOut() {
    return steps.stream().mapToDouble(Step::tokensOut).sum();
  }

  /** The total cost, or null when some step's price is unknown. */
  public Double cost() {
    return sum(steps.stream().map(Step::cost).toList());
  }

  public Double batchCost() {
    return sum(steps.stream().map(Step::batchCost).toList());
  }

  private static Double sum(List<Double> values) {
    double total = 0;
    for (Double v : values) {
      if (v == null) {
        return null;
      }
      total += v;
    }
    return total;
  }

  public Step step(String id) {
    return steps.stream().filter(s -> s.step().equals(id)).findFirst().orElse(null);
  }

  /** The table printed by {@code tracegen estimate} and at the start of a run. */
  public String format() {
    String currency = generator.currency();
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Estimate for %,d planned candidates (%s)%n", plans, basis));
    b.append("  generator: ").append(generator.describe()).append('\n');
    b.append("  judge:     ").append(judge.describe()).append('\n');
    b.append(String.format(Locale.ROOT, "  %-12s %12s %16s %16s %14s%n", "step", "calls", "tokens in", "tokens out",
        "cost " + currency));
    for (Step s : steps) {
      b.append(String.format(Locale.ROOT, "  %-12s %,12.0f %,16.0f %,16.0f %14s%n", s.step(), s.calls(), s.tokensIn(),
          s.tokensOut(), money(s.cost())));
    }
    b.append(String.format(Locale.ROOT, "  %-12s %,12.0f %,16.0f %,16.0f %14s%n", "total", calls(), tokensIn(),
        tokensOut(), money(cost())));
    if (batchCost() != null && cost() != null && batchCost() < cost()) {
      b.append(String.format(Locale.ROOT, "  through the providers' batch APIs: %s %s%n", currency, money(batchCost())));
    }
    b.append(String.format(Locale.ROOT, "  wall time: about %s (%s)%n", duration(wallSeconds), throughput));
    for (String n : notes) {
      b.append("  note: ").append(n).append('\n');
    }
    return b.toString();
  }

  static String money(Double v) {
    if (v == null) {
      return "unknown";
    }
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : v >= 1 ? "%,.2f" : "%.4f", v);
  }

  static String duration(double seconds) {
    if (seconds < 90) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    if (seconds < 90 * 60) {
      return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
    if (seconds < 48 * 3600) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    return String.format(Locale.ROOT, "%.1f days", seconds / 86400);
  }

  /** Notes plus one more. */
  Estimate withNote(String note) {
    List<String> n = new ArrayList<>(notes);
    n.add(note);
    return new Estimate(plans, basis, generator, judge, steps, wallSeconds, throughput, n);
  }
}
