package dev.tracegen.cli;

/** The exit statuses of every {@code tracegen} command; scripts branch on these numbers. */
public enum ExitStatus {
  OK(0, "success"),
  FAILED(1, "the run failed (e.g. an LLM endpoint that keeps failing), or stats --check found stats.json stale"),
  USAGE(2, "bad options or invalid input (taxonomy, prompts, profile, seeds); validate found problems"),
  SHORTFALL(3, "a stratum fell short of its target; nothing was published (see --allowShortfall)");

  private final int code;
  private final String meaning;

  ExitStatus(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The table the top-level help prints. */
  public static String table() {
    StringBuilder b = new StringBuilder();
    for (ExitStatus s : values()) {
      b.append("  ").append(s.code).append("  ").append(s.meaning).append('\n');
    }
    return b.toString();
  }
}
