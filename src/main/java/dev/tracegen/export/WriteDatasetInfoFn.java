package dev.tracegen.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tracegen.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Writes LLaMA-Factory's {@code dataset_info.json}: an entry that reads {@code iopo.json} in the
 * sharegpt ranking layout with the same columns as the official IOPO entry (for the IOPO fork of
 * LLaMA-Factory), plus stock LLaMA-Factory entries for {@code dpo.jsonl} (alpaca ranking) and
 * {@code sft.jsonl} (sharegpt with OpenAI-style {@code role}/{@code content} messages).
 */
class WriteDatasetInfoFn extends DoFn<String, String> {
  private final String stagingDir;

  WriteDatasetInfoFn(String stagingDir) {
    this.stagingDir = stagingDir;
  }


  /** LLaMA-Factory column names; absent ones are left out of the JSON. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"prompt", "messages", "chosen", "rejected"})
  record Columns(String prompt, String messages, String chosen, String rejected) {}

  /** The keys of a sharegpt message, for OpenAI-style {@code role}/{@code content} messages. */
  @JsonPropertyOrder({"role_tag", "content_tag", "user_tag", "assistant_tag", "system_tag"})
  record Tags(
      @JsonProperty("role_tag") String roleTag,
      @JsonProperty("content_tag") String contentTag,
      @JsonProperty("user_tag") String userTag,
      @JsonProperty("assistant_tag") String assistantTag,
      @JsonProperty("system_tag") String systemTag) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"file_name", "ranking", "formatting", "columns", "tags"})
  record Entry(
      @JsonProperty("file_name") String fileName,
      boolean ranking,
      String formatting,
      Columns columns,
      Tags tags) {}

  static Map<String, Entry> datasetInfo() {
    Map<String, Entry> entries = new LinkedHashMap<>();
    entries.put(ExportFiles.DATASET_INFO_ENTRY, new Entry(View.IOPO.fileName(), true, "sharegpt",
        new Columns(null, "conversations", "chosen", "rejected"), null));
    entries.put(ExportFiles.DPO_ENTRY, new Entry(View.DPO.fileName(), true, "alpaca",
        new Columns("prompt", null, "chosen", "rejected"), null));
    entries.put(ExportFiles.SFT_ENTRY, new Entry(View.SFT.fileName(), false, "sharegpt",
        new Columns(null, "messages", null, null), new Tags("role", "content", "user", "assistant", "system")));
    return entries;
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
