package dev.tracegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The tiny Chinese profile built once per test JVM on the DirectRunner with the in-process
 * embedded generator: what the Chinese build tests read (and copy before they change anything).
 */
public final class TinyZhReference {
  public static final String PROFILE = "src/test/resources/profiles/tiny-zh.yaml";
  private static Path built;

  private TinyZhReference() {}

  /** The build's output directory, built on the first call; deleted when the JVM exits. */
  public static synchronized Path directory() throws IOException {
    if (built == null) {
      Path dir = Files.createTempDirectory("tracegen-tiny-zh");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> SmokeReference.deleteQuietly(dir)));
      Path out = dir.resolve("zh");
      PipelineOptionsFactory.register(TraceOptions.class);
      TraceOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--profile=" + PROFILE,
          "--output=" + out).withValidation().as(TraceOptions.class);
      o.setQuiet(true);
      if (!TraceRun.run(o).shortfalls().isEmpty()) {
        throw new IllegalStateException("the tiny-zh build fell short of its targets");
      }
      built = out;
    }
    return built;
  }
}
