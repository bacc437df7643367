package dev.tracegen.report;

import dev.tracegen.io.SeedFiles;

/**
 * The number {@code tracegen validate}'s help text quotes. The checks themselves are in {@link
 * dev.tracegen.InputValidation}, shared with {@code tracegen run}.
 */
public final class InputChecks {
  /** Bad seed lines listed per file before the rest are only counted. */
  public static final int MAX_SEED_PROBLEMS_PER_FILE = SeedFiles.MAX_LINE_PROBLEMS_PER_FILE;

  private InputChecks() {}
}
