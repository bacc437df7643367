package dev.tracegen.export;

import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;

/**
 * Writes one stage's rejections. They are sorted in memory: a stage's rejections fit in a worker
 * for the corpus sizes we build (a few times the target count). If that stops being true, shard by
 * a hash of the id as {@link ExportCorpus} does and concatenate.
 */
class WriteStageFn extends DoFn<KV<String, Iterable<Rejection>>, String> {
  private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
  // (id, reason, detail) as asked; the full line breaks remaining ties so order stays total.
  private static final Comparator<Line> ORDER =
      Comparator.comparing((Line l) -> l.rejection().id(), TEXT)
          .thenComparing(l -> l.rejection().reason(), TEXT)
          .thenComparing(l -> l.rejection().detail(), TEXT)
          .thenComparing(Line::json);

  private final String stagingDir;

  WriteStageFn(String stagingDir) {
    this.stagingDir = stagingDir;
  }

  private record Line(Rejection rejection, String json) {}

  /** A file-name-safe stem for a stage name ({@code unknown} when missing). */
  static String fileStem(String stage) {
    if (stage == null || stage.isBlank()) {
      return "unknown";
    }
    return stage.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static String fileName(String stem) {
    return ExportFiles.REJECTIONS_DIR + "/" + stem + ".jsonl";
  }

  @ProcessElement
  public void process(@Element KV<String, Iterable<Rejection>> stage, OutputReceiver<String> out)
      throws IOException {
    List<Line> lines = new ArrayList<>();
    for (Rejection r : stage.getValue()) {
      lines.add(new Line(r, Json.MAPPER.writeValueAsString(r)));
    }
    lines.sort(ORDER);
    String name = fileName(stage.getKey());
    try (OutputStream sink =
        ExportFiles.create(
            ExportFiles.resolveDir(stagingDir, ExportFiles.REJECTIONS_DIR)
                .resolve(stage.getKey() + ".jsonl", StandardResolveOptions.RESOLVE_FILE),
            MimeTypes.TEXT)) {
      for (Line line : lines) {
        sink.write(line.json().getBytes(StandardCharsets.UTF_8));
        sink.write('\n');
      }
    }
    out.output(name);
  }
}
