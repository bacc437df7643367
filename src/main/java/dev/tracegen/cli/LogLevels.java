package dev.tracegen.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Console log levels of a {@code tracegen} process (slf4j-simple, configured by system
 * properties that it reads once, when the first logger is created). Beam and Flink log at INFO
 * for their own bookkeeping (e.g. one line per large join group), and so may any other library
 * on the class path (the embedding model's runtime, HTTP clients), which buries tracegen's
 * progress: every library is cut to WARN unless {@code --verbose}; tracegen's own loggers stay at
 * INFO and every WARN and ERROR line shows.
 */
public final class LogLevels {
  static final String PREFIX = "org.slf4j.simpleLogger.log.";
  static final String DEFAULT = "org.slf4j.simpleLogger.defaultLogLevel";
  static final String OWN = PREFIX + "dev.tracegen";

  /** The libraries whose INFO lines --verbose brings back; the most specific names the properties file sets too. */
  static final List<String> LIBRARIES = List.of("org.apache.beam", "org.apache.beam.runners.flink", "org.apache.flink",
      "org.apache.pekko");

  static final String SINK_CLEANUP = "org.apache.beam.sdk.io.FileBasedSink";

  private LogLevels() {}

  /** Whether the command line asks for library logging: {@code --verbose}, {@code --verbose=true} or {@code --verbose true}. */
  public static boolean verbose(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--verbose")) {
        return !(i + 1 < args.length && args[i + 1].equalsIgnoreCase("false"));
      }
      if (args[i].startsWith("--verbose=")) {
        return args[i].substring("--verbose=".length()).equalsIgnoreCase("true");
      }
    }
    return false;
  }

  /** The slf4j-simple system properties for a console that is quiet, or verbose. */
  public static Map<String, String> properties(boolean verbose) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(DEFAULT, verbose ? "info" : "warn");
    p.put(OWN, "info");
    for (String logger : LIBRARIES) {
      p.put(PREFIX + logger, verbose ? "info" : "warn");
    }
    // TextIO's sink warns once per write that it found no temporary files left to delete, which is
    // its normal end after a successful write (a run writes its waves' candidates this way).
    p.put(PREFIX + SINK_CLEANUP, verbose ? "info" : "error");
    return p;
  }

  /**
   * Sets {@code properties} as system properties, except those already set, so that a
   * {@code -Dorg.slf4j.simpleLogger.log.X=...} on the java command line still wins. Call it
   * before anything creates a logger; later it has no effect.
   */
  public static void apply(Map<String, String> properties) {
    properties.forEach((k, v) -> {
      if (System.getProperty(k) == null) {
        System.setProperty(k, v);
      }
    });
  }
}
