package dev.tracegen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which console log levels a command line gets. ConsoleLoggingIT checks them in a real JVM. */
class LogLevelsTest {
  @Test
  void verboseIsReadFromEverySpelling() {
    assertFalse(LogLevels.verbose(new String[] {"run", "--output=x"}));
    assertTrue(LogLevels.verbose(new String[] {"run", "--verbose"}));
    assertTrue(LogLevels.verbose(new String[] {"run", "--verbose=true", "--output=x"}));
    assertTrue(LogLevels.verbose(new String[] {"run", "--verbose", "true"}));
    assertFalse(LogLevels.verbose(new String[] {"run", "--verbose=false"}));
    assertFalse(LogLevels.verbose(new String[] {"run", "--verbose", "false"}));
  }

  @Test
  void quietCutsBeamAndFlinkToWarnAndVerboseBringsInfoBack() {
    Map<String, String> quiet = LogLevels.properties(false);
    assertEquals("warn", quiet.get("org.slf4j.simpleLogger.log.org.apache.beam"));
    assertEquals("warn", quiet.get("org.slf4j.simpleLogger.log.org.apache.flink"));
    // Any other library too (the embedding runtime, HTTP clients): the default level.
    assertEquals("warn", quiet.get("org.slf4j.simpleLogger.defaultLogLevel"));
    Map<String, String> verbose = LogLevels.properties(true);
    assertEquals(quiet.keySet(), verbose.keySet());
    verbose.values().forEach(level -> assertEquals("info", level));
    // Never above WARN but for the sink's cleanup notice, and tracegen's own loggers keep their INFO lines.
    assertEquals("info", quiet.get("org.slf4j.simpleLogger.log.dev.tracegen"));
    quiet.forEach((k, level) -> assertEquals(k.endsWith(".dev.tracegen") ? "info"
        : k.endsWith(LogLevels.SINK_CLEANUP) ? "error" : "warn", level, k));
    // The properties file pins org.apache.beam.runners.flink to WARN; verbose must override that exact name.
    assertEquals("info", verbose.get("org.slf4j.simpleLogger.log.org.apache.beam.runners.flink"));
  }

  @Test
  void aLevelSetOnTheJavaCommandLineWins() {
    String key = "org.slf4j.simpleLogger.log.dev.tracegen.cli.LogLevelsTest.probe";
    System.setProperty(key, "debug");
    try {
      LogLevels.apply(Map.of(key, "warn"));
      assertEquals("debug", System.getProperty(key));
    } finally {
      System.clearProperty(key);
    }
    LogLevels.apply(Map.of(key, "warn"));
    assertEquals("warn", System.getProperty(key));
    System.clearProperty(key);
  }
}
