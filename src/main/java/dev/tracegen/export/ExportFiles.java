package dev.tracegen.export;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tracegen.io.Locations;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/** File naming and writing shared by the export transforms; all writes go through Beam. */
public final class ExportFiles {
  public static final String TRAIN = "train";
  public static final String EVAL = "eval";
  static final String DATASET_INFO = "dataset_info.json";
  public static final String DATASET_INFO_ENTRY = "tracegen_iopo";
  /** LLaMA-Factory dataset names of the DPO and SFT views in {@code dataset_info.json}. */
  public static final String DPO_ENTRY = "tracegen_dpo";
  public static final String SFT_ENTRY = "tracegen_sft";
  public static final String REJECTIONS_DIR = "rejections";
  private static final int BUFFER = 1 << 16;

  /** Keeps map insertion order (unlike {@code Json.PLAIN}), for ordered reports like stats. */
  static final ObjectMapper ORDERED = JsonMapper.builder().build();

  private ExportFiles() {}

  /** {@code train-00003-of-00016.jsonl.gz}: the Hugging Face shard naming. */
  static String shardName(String split, int index, int count) {
    return String.format("%s-%05d-of-%05d.jsonl.gz", split, index, count);
  }

  /** Per-shard piece of a view, concatenated into the view file and then deleted. */
  static String fragmentName(String view, int index, int count) {
    return String.format("_fragment-%s-%05d-of-%05d", view, index, count);
  }

  /** Where a view is assembled before the rename that makes it visible under its own name. */
  static String assemblingName(String view) {
    return "_assembling-" + view;
  }

  static ResourceId resolve(String dir, String name) {
    return FileSystems.matchNewResource(dir, true)
        .resolve(name, StandardResolveOptions.RESOLVE_FILE);
  }

  static ResourceId resolveDir(String dir, String name) {
    return FileSystems.matchNewResource(dir, true)
        .resolve(name, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /** A buffered stream onto a new (or replaced) file on any Beam filesystem; errors name the file. */
  static OutputStream create(ResourceId file, String mimeType) throws IOException {
    String name = file.toString();
    OutputStream[] created = new OutputStream[1];
    NamedOutputStream.writing(name, () -> created[0] = Channels.newOutputStream(FileSystems.create(file, mimeType)));
    return new BufferedOutputStream(new NamedOutputStream(created[0], name), BUFFER);
  }

  /**
   * Writes a small text file of the driver (stats, card, report, run.json) on any Beam file system;
   * errors name the file.
   */
  public static void writeString(String file, String text) throws IOException {
    NamedOutputStream.writing(file, () -> {
      try (OutputStream out = Locations.create(file)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    });
  }

  /**
   * Pretty printing with fixed two-space indent, {@code "\n"} line ends (not the platform's) and
   * {@code "key": value} spacing, so pretty files are byte-stable on every OS.
   */
  static ObjectWriter pretty(ObjectMapper mapper) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    return mapper.writer(printer);
  }
}
