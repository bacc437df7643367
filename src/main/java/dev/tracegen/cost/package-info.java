/**
 * What a run costs: the price table ({@link dev.tracegen.cost.PriceTable}, {@code prices/prices.yaml}),
 * a model's resolved price ({@link dev.tracegen.cost.ModelPrice}, which also caps spending through
 * {@code --maxCost}), and the estimate of calls, tokens, money and time made before the first call
 * ({@link dev.tracegen.cost.CostEstimator}).
 */
package dev.tracegen.cost;
