package dev.tracegen.cost;

/**
 * Prices given on the command line (per million tokens); a negative figure is not given. They
 * replace the table's figures one by one, or price a model the table does not list.
 */
public record PriceOverrides(double input, double output, double cachedInput, double batchInput, double batchOutput) {
  public static final PriceOverrides NONE = new PriceOverrides(-1, -1, -1, -1, -1);

  /** Whether any price was given. */
  public boolean any() {
    return input >= 0 || output >= 0 || cachedInput >= 0 || batchInput >= 0 || batchOutput >= 0;
  }

  /** Whether the two prices every call needs were given. */
  public boolean complete() {
    return input >= 0 && output >= 0;
  }
}
