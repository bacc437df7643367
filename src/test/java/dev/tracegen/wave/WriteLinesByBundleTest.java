package dev.tracegen.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every line lands in exactly one named file; nothing temporary stays; no lines, no files. */
class WriteLinesByBundleTest {
  @RegisterExtension final TestPipelineExtension pipeline = TestPipelineExtension.create();
  @TempDir Path dir;

  @Test
  void everyLineIsWrittenOnceIntoNamedFiles(TestPipeline p) throws IOException {
    List<String> lines = IntStream.range(0, 2_000).mapToObj(i -> "{\"n\":" + i + "}").toList();
    p.apply(Create.of(lines).withCoder(StringUtf8Coder.of()))
        // Several bundles, so several files.
        .apply(Reshuffle.<String>viaRandomKey().withNumBuckets(4))
        .apply(new WriteLinesByBundle(dir.toString(), "train"));
    p.run().waitUntilFinish();

    List<Path> files = list(dir);
    assertFalse(files.isEmpty());
    List<String> read = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      assertTrue(name.matches("train-\\d{5}-of-" + String.format("%05d", files.size()) + "\\.jsonl"), name);
      read.addAll(Files.readAllLines(f));
    }
    assertEquals(lines.stream().sorted().toList(), read.stream().sorted().toList());
    assertFalse(Files.exists(dir.resolve(".tmp-train")), "the temporary directory is deleted");
  }

  @Test
  void noLinesMakeNoFiles(TestPipeline p) throws IOException {
    p.apply(Create.empty(StringUtf8Coder.of())).apply(new WriteLinesByBundle(dir.toString(), "eval"));
    p.run().waitUntilFinish();
    assertEquals(List.of(), list(dir));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
