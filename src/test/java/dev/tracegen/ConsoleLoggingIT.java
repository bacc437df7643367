package dev.tracegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console a real tracegen JVM shows (slf4j-simple is configured once per JVM, so this needs
 * fresh JVMs): Beam's INFO lines hidden unless --verbose; warnings and tracegen's own lines always.
 */
class ConsoleLoggingIT {
  @Test
  void beamInfoIsHiddenUnlessVerboseAndWarningsAlwaysShow(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("seed.txt"), "a seed\n");

    String quiet = probe(List.of(), "run", "--output=x", file.toString());
    assertFalse(quiet.lines().anyMatch(l -> l.contains(" INFO org.apache.")), quiet);
    assertFalse(quiet.contains("other library info"), quiet);
    assertFalse(quiet.contains("no GPU probe warning"), quiet);
    assertTrue(quiet.contains("WARN org.apache.beam.sdk.ProbeStep - beam warn"), quiet);
    assertTrue(quiet.contains("INFO dev.tracegen.ConsoleLoggingProbe - tracegen info"), quiet);
    assertTrue(quiet.contains("WARN dev.tracegen.ConsoleLoggingProbe - tracegen warn"), quiet);

    String verbose = probe(List.of(), "run", "--verbose", "--output=x", file.toString());
    assertTrue(verbose.contains("INFO org.apache.beam.sdk.io.FileIO - Matched 1 files"), verbose);
    assertTrue(verbose.contains("INFO org.apache.beam.runners.flink.ProbeStep - flink runner info"), verbose);
    assertTrue(verbose.contains("INFO dev.tracegen.ConsoleLoggingProbe - tracegen info"), verbose);
    assertTrue(verbose.contains("INFO ai.onnxruntime.ProbeStep - other library info"), verbose);

    // A level given on the java command line beats the quiet default.
    String explicit = probe(List.of("-Dorg.slf4j.simpleLogger.log.org.apache.beam=info"), "run", file.toString());
    assertTrue(explicit.contains("INFO org.apache.beam.sdk.io.FileIO - Matched 1 files"), explicit);
  }

  private static String probe(List<String> jvmArgs, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ConsoleLoggingProbe.class.getName());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File(".")).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe finished");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
