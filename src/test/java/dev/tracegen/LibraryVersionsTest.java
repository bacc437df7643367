package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** run.json names the library versions the run actually loaded, read from their jars. */
class LibraryVersionsTest {
  @Test
  void versionsComeFromTheJarsOnTheClassPath() {
    Map<String, String> v = TraceRun.libraryVersions();
    assertTrue(v.get("beam").matches("\\d+\\.\\d+\\.\\d+.*"), v.toString());
    assertTrue(v.get("langchain4j").matches("\\d+\\.\\d+\\.\\d+.*"), v.toString());
    assertEquals(System.getProperty("java.version"), v.get("java"));
    assertEquals("unknown", TraceRun.mavenVersion("dev.tracegen", "no-such-artifact"));
  }
}
