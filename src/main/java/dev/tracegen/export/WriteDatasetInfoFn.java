package dev.tracegen.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Writes LLaMA-Factory's {@code dataset_info.json}: one entry that reads {@code iopo.json} in the
 * sharegpt ranking layout, with the same columns as the official IOPO entry.
 */
class WriteDatasetInfoFn extends DoFn<String, String> {
  private final String stagingDir;

  WriteDatasetInfoFn(String stagingDir) {
    this.stagingDir = stagingDir;
  }

  @JsonPropertyOrder({"messages", "chosen", "rejected"})
  record Columns(String messages, String chosen, String rejected) {}

  @JsonPropertyOrder({"file_name", "ranking", "formatting", "columns"})
  record Entry(
      @JsonProperty("file_name") String fileName,
      boolean ranking,
      String formatting,
      Columns columns) {}

  static Map<String, Entry> datasetInfo() {
    return Map.of(
        ExportFiles.DATASET_INFO_ENTRY,
        new Entry(
            View.IOPO.fileName(),
            true,
            "sharegpt",
            new Columns("conversations", "chosen", "rejected")));
  }

  static byte[] bytes() throws IOException {
    String text = ExportFiles.pretty(Json.PLAIN).writeValueAsString(datasetInfo()) + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ProcessElement
  public void process(@Element String name, OutputReceiver<String> out) throws IOException {
    try (OutputStream sink =
        ExportFiles.create(ExportFiles.resolve(stagingDir, name), MimeTypes.TEXT)) {
      sink.write(bytes());
    }
    out.output(name);
  }
}
