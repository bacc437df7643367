package dev.tracegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The smoke profile built once per test JVM on the DirectRunner with the in-process embedded
 * generator: the reference several integration tests compare their builds with (over HTTP, on
 * Flink, on object stores). Read only; deleted when the JVM exits.
 */
public final class SmokeReference {
  public static final String PROFILE = "pipeline/smoke.yaml";
  private static Path built;

  private SmokeReference() {}

  /** The reference build's output directory, built on the first call. */
  public static synchronized Path directory() throws IOException {
    if (built == null) {
      Path dir = Files.createTempDirectory("tracegen-smoke-reference");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
      Path out = dir.resolve("direct");
      long t0 = System.nanoTime();
      PipelineOptionsFactory.register(TraceOptions.class);
      TraceOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--profile=" + PROFILE,
          "--output=" + out).withValidation().as(TraceOptions.class);
      o.setQuiet(true);
      TraceRun.run(o);
      System.err.printf("[smoke-reference] DirectRunner smoke build: %.1f s%n", (System.nanoTime() - t0) / 1e9);
      built = out;
    }
    return built;
  }

  static void deleteQuietly(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort at JVM exit
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort at JVM exit
    }
  }
}
