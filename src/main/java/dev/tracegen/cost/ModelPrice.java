package dev.tracegen.cost;

import java.io.Serializable;
import java.util.Locale;

/**
 * The prices one model is charged at, per million tokens, resolved from the price table and the
 * command line's overrides; or, when neither gives them, an unknown price that says which option
 * to pass. Optional prices the source does not give fall back to the plain input and output ones.
 *
 * @param model {@code provider:model}
 * @param source where the prices come from ({@code prices/prices.yaml (as of 2024-10-01)}, the options)
 * @param hint for an unknown price: what to pass or add
 */
public record ModelPrice(
    String model,
    boolean known,
    String currency,
    double input,
    double output,
    double cachedInput,
    double batchInput,
    double batchOutput,
    String source,
    String hint)
    implements Serializable {

  /** A price nobody gave for {@code model}. */
  public static ModelPrice unknown(String model, String currency, String hint) {
    return new ModelPrice(model, false, currency, 0, 0, 0, 0, 0, "", hint);
  }

  /** What {@code in} input and {@code out} output tokens cost (0 for an unknown price). */
  public double cost(double in, double out) {
    return known ? (in * input + out * output) / 1e6 : 0;
  }

  /** What those tokens cost through the provider's batch API. */
  public double batchCost(double in, double out) {
    return known ? (in * batchInput + out * batchOutput) / 1e6 : 0;
  }

  /** One line for a report: {@code openai:gpt-4o at USD 2.50 in / 10.00 out per M tokens (source)}. */
  public String describe() {
    if (!known) {
      return model + ": price unknown; " + hint;
    }
    return String.format(Locale.ROOT, "%s at %s %s in / %s out per M tokens (%s)", model, currency, figure(input),
        figure(output), source);
  }

  static String figure(double perMillion) {
    return perMillion == Math.rint(perMillion * 100) / 100 ? String.format(Locale.ROOT, "%.2f", perMillion)
        : String.format(Locale.ROOT, "%.4f", perMillion).replaceAll("0+$", "");
  }
}
