package dev.tracegen.cli;

import static dev.tracegen.cli.OptionTable.row;

import dev.tracegen.cli.OptionTable.Group;
import dev.tracegen.config.Profile;
import dev.tracegen.export.ExportCorpus;
import dev.tracegen.facts.RunOptions;
import dev.tracegen.io.Locations;
import dev.tracegen.io.ObjectStores;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.PackedRecord;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.report.CorpusDir;
import dev.tracegen.report.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * {@code tracegen export DIR}: re-derives the views of a corpus ({@code trace_eval.jsonl}, {@code
 * iopo.json}, {@code dataset_info.json}, {@code dpo.jsonl}, {@code sft.jsonl}, {@code
 * verifiable.jsonl}) from its shards. The decoded records go through the very transform a run exports with ({@link ExportCorpus}, on the
 * DirectRunner) into a hidden staging directory, so the views come out byte-identical to what the
 * run wrote; then they replace the views in place (or land in {@code --output}). Use it after
 * editing shards, or to get the views of a corpus copied without them.
 */
public final class ExportCommand {
  private static final Pattern SHARD = Pattern.compile("^(train|eval)-(\\d{5})-of-(\\d{5})\\.jsonl\\.gz$");

  private static final Group OPTIONS_GROUP = new Group("Options");

  /** Where every ExportOptions option shows in {@code export --help}; CorpusCommandsHelpTest checks that none is missing. */
  static final OptionTable OPTIONS = new OptionTable(List.of(ExportOptions.class), List.of(
      row("output", OPTIONS_GROUP, "DIR"),
      row("taxonomy", OPTIONS_GROUP, "DIR"),
      row("profile", OPTIONS_GROUP, "FILE"),
      row("category", OPTIONS_GROUP, "NAME")));

  private ExportCommand() {}

  /** ExportOptions' options only: export takes none of Beam's. */
  static OptionCatalog catalog() {
    List<Class<? extends PipelineOptions>> interfaces = new ArrayList<>(List.of(ExportOptions.class));
    interfaces.addAll(ObjectStores.OPTIONS);
    return OptionCatalog.of("export", interfaces).withoutPipelineOptions();
  }

  public static String help() {
    return "usage: tracegen export DIR [--output=DIR] [--taxonomy=DIR] [--profile=FILE] [--category=NAME]\n"
        + Help.paragraph("Re-derives trace_eval.jsonl, iopo.json, dataset_info.json, dpo.jsonl, sft.jsonl and "
            + "verifiable.jsonl from the shards (train-*/eval-*.jsonl.gz) of the corpus in DIR, with the same code a run exports with "
            + "(no LLM call), so they come out byte-identical to what the run wrote. Use it after editing shards, "
            + "or to get the views of a corpus copied without them.")
        + OPTIONS.render(catalog(), false)
        + Help.examples(
            "tracegen export out/smoke",
            "tracegen export out/trace --output=out/trace-views",
            "tracegen export copied-corpus --taxonomy=taxonomy --profile=pipeline/trace.yaml")
        + Help.exitStatus(
            ExitStatus.OK.code() + "  the views were written",
            ExitStatus.FAILED.code() + "  writing failed",
            ExitStatus.USAGE.code() + "  bad options, DIR is not a corpus, or its taxonomy or profile is missing");
  }

  public static int execute(String[] argv) throws IOException {
    CommandLine<ExportOptions> args = CommandLine.parse(catalog(), argv, List.of("DIR"), ExportOptions.class);
    String dir = CorpusDir.require("export", args.positional().get(0));
    String dest = Objects.requireNonNullElse(args.given("output"), dir);
    List<String> written = export(dir, dest, args);
    for (String f : written) {
      String file = Locations.file(dest, f);
      System.out.println(file + "  " + Report.count(FileSystems.matchSingleFileSpec(file).sizeBytes()) + " bytes");
    }
    System.err.println("tracegen export: re-derived " + written.size() + " view file(s) from the shards of " + dir);
    return ExitStatus.OK.code();
  }

  /** Re-derives the views of {@code dir} into {@code dest}; returns the file names written, sorted. */
  static List<String> export(String dir, String dest, CommandLine<ExportOptions> args) throws IOException {
    RunOptions runOptions = CorpusDir.run(dir).options();
    Path taxonomy = Path.of(CorpusDir.option(args.given("taxonomy"), runOptions == null ? null : runOptions.taxonomy(),
        "taxonomy"));
    if (!Files.isDirectory(taxonomy)) {
      throw new IllegalArgumentException("export: taxonomy directory not found: " + taxonomy
          + " (give --taxonomy=DIR, the taxonomy the corpus was built with)");
    }
    Map<String, String> labels = CorpusDir.labels(taxonomy);
    Map<String, String> checkerIds = CorpusDir.checkerIds(taxonomy);
    String category = args.given("category");
    if (category == null) {
      Path profile = Path.of(CorpusDir.option(args.given("profile"), runOptions == null ? null : runOptions.profile(),
          ""));
      if (profile.toString().isEmpty() || !Files.isRegularFile(profile)) {
        throw new IllegalArgumentException("export: profile not found: '" + profile
            + "' (give --profile=FILE or --category=NAME for the category of trace_eval.jsonl)");
      }
      category = Profile.load(profile).category();
    }

    TreeMap<String, Integer> shardCounts = new TreeMap<>();
    List<String> shards = new ArrayList<>();
    for (String f : Locations.files(dir, "*.jsonl.gz")) {
      Matcher m = SHARD.matcher(name(f));
      if (m.matches()) {
        shards.add(f);
        int count = Integer.parseInt(m.group(3));
        Integer previous = shardCounts.put(m.group(1), count);
        if (previous != null && previous != count) {
          throw new IllegalArgumentException("export: " + m.group(1) + " shards disagree on their count in " + dir);
        }
      }
    }
    for (String split : List.of("train", "eval")) {
      if (!shardCounts.containsKey(split)) {
        throw new IllegalArgumentException("export: no " + split + " shards in " + dir);
      }
    }

    String staging = Locations.dir(dest, ".export-staging-" + UUID.randomUUID());
    try {
      // The command's own options: they carry the object stores' settings (endpoint, region).
      DirectOptions options = args.options().as(DirectOptions.class);
      options.setEnforceImmutability(false);
      options.setEnforceEncodability(false);
      Pipeline p = Pipeline.create(options);
      p.apply("ListShards", Create.of(shards).withCoder(StringUtf8Coder.of()))
          .apply("ReadShards", ParDo.of(new ReadShardFn()))
          .setCoder(JsonCoder.of(TraceRecord.class))
          .apply("Pack", PackedRecord.packEach())
          .apply("Export", ExportCorpus.to(staging, shardCounts.get("train"),
              shardCounts.get("eval"), labels, checkerIds, category));
      p.run().waitUntilFinish();

      // The shards were rewritten too; they must come out as they went in, or the views would not
      // be the views of these shards.
      for (String shard : shards) {
        String again = Locations.file(staging, name(shard));
        if (!Arrays.equals(bytes(shard), bytes(again))) {
          System.err.println("tracegen export: warning: " + name(again) + " re-encodes differently (records"
              + " written by another tracegen version?); the views follow the decoded records");
        }
      }
      List<String> written = new ArrayList<>();
      List<ResourceId> from = new ArrayList<>();
      List<ResourceId> to = new ArrayList<>();
      for (String f : Locations.files(staging, "*")) {
        String name = name(f);
        if (SHARD.matcher(name).matches() || name.startsWith("_") || name.startsWith(".")) {
          continue;
        }
        from.add(FileSystems.matchNewResource(f, false));
        to.add(FileSystems.matchNewResource(Locations.file(dest, name), false));
        written.add(name);
      }
      // A rename (atomic on local disk); object stores copy, then delete.
      FileSystems.rename(from, to);
      return written;
    } finally {
      Locations.deleteTree(staging);
    }
  }

  /** Decodes one gzip JSONL shard into records. */
  static class ReadShardFn extends DoFn<String, TraceRecord> {
    @ProcessElement
    public void process(@Element String shard, OutputReceiver<TraceRecord> out) throws IOException {
      try (InputStream in = new GZIPInputStream(Locations.open(shard), 1 << 16);
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank()) {
            out.output(Json.MAPPER.readValue(line, TraceRecord.class));
          }
        }
      }
    }
  }

  private static String name(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }

  private static byte[] bytes(String file) throws IOException {
    try (InputStream in = Locations.open(file)) {
      return in.readAllBytes();
    }
  }
}
