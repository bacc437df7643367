/** Benchmarks run from the fat jar by the scripts under {@code scripts/} (LLM client throughput). */
package dev.tracegen.bench;
