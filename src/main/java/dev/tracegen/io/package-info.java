/**
 * Reading seed files: the first stage of the pipeline (DESIGN section 3, "seeds").
 *
 * <p>{@link dev.tracegen.io.ReadSeeds} is the composite transform that matches file patterns,
 * streams each file line by line (raw bytes, bounded buffer, {@code .gz} supported) and emits
 * {@link dev.tracegen.model.Seed}s plus a {@link dev.tracegen.model.Rejection} for every line that
 * cannot be used, named by file and line. {@link dev.tracegen.io.SeedParser} is the pure, Beam-free
 * parsing of one line in any {@link dev.tracegen.io.SeedFormat}; {@link dev.tracegen.io.SeedFiles}
 * reads every matched file to its end on the driver (through the same reader as the pipeline), so
 * that a missing, truncated or empty seed file stops a run before it starts.
 */
package dev.tracegen.io;
