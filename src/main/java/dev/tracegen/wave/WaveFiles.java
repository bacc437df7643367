package dev.tracegen.wave;

import dev.tracegen.export.ExportFiles;
import dev.tracegen.io.Locations;
import dev.tracegen.model.Json;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.select.SelectExactCounts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * What a wave leaves for the next pipelines: its quadruples as JSON lines (with their in-flight
 * fields, such as what this run read from the response cache) under {@code
 * WAVE/candidates/} (eval and train in separate files, so a later wave reads only the eval side to
 * screen against) and its rejections under {@code WAVE/rejections/}, in the layout of the corpus's
 * own {@code rejections/}. Counter {@code wave/candidates.<split>.<k>} gives the quadruples per stratum.
 */
public final class WaveFiles {
  /** Metric namespace of a wave's own counters. */
  public static final String NS = "wave";
  public static final String CANDIDATES_DIR = "candidates";

  private WaveFiles() {}

  /** Writes the quadruples of a wave into {@code waveDir}, one set of files per split in {@code splits}, counted per stratum. */
  public static PTransform<PCollection<TraceRecord>, PDone> writeRecords(String waveDir, List<String> splits) {
    return new WriteRecords(waveDir, splits);
  }

  /** The quadruple files of {@code waveDirs}, of one split or (null) both. */
  public static List<String> candidateFiles(List<String> waveDirs, String split) {
    List<String> out = new ArrayList<>();
    for (String dir : waveDirs) {
      out.add(Locations.file(Locations.dir(dir, CANDIDATES_DIR), (split == null ? "*" : split) + "-*.jsonl"));
    }
    return out;
  }

  /** The records in the files matching {@code globs} (none for an empty list). */
  public static PCollection<TraceRecord> readRecords(Pipeline p, String name, List<String> globs) {
    return read(p, name, globs, TraceRecord.class);
  }

  /** JSON lines of {@code type} in the files matching {@code globs} (none when nothing matches). */
  public static <T> PCollection<T> readJson(Pipeline p, String name, List<String> globs, Class<T> type) {
    return read(p, name, globs, type);
  }

  /** Every rejection the waves in {@code waveDirs} wrote. */
  public static PCollection<Rejection> readRejections(Pipeline p, String name, List<String> waveDirs) {
    List<String> globs = new ArrayList<>();
    for (String dir : waveDirs) {
      globs.add(Locations.file(Locations.dir(dir, ExportFiles.REJECTIONS_DIR), "*.jsonl"));
    }
    return read(p, name, globs, Rejection.class);
  }

  private static <T> PCollection<T> read(Pipeline p, String name, List<String> globs, Class<T> type) {
    if (globs.isEmpty()) {
      return p.apply(name, Create.empty(JsonCoder.of(type)));
    }
    return p.apply(name, new ReadJsonLines<>(globs, type));
  }

  /**
   * Files read in this many groups on the Direct runner, one bundle each. A bundle per file (what
   * TextIO's reads make) reached the export's GroupByKey as that many bundles, and the Direct runner
   * copies a key's values once per arriving bundle: with a wave file per bundle that copying was a
   * fifth of a 12K build. Reading is cheap next to what follows, so few readers lose nothing there.
   * On a distributed runner each file is a group of its own: the records stay on the worker that
   * read them through the stages after reading, so a few groups on a few workers left one worker
   * with most of finishing's work (spreading the records instead is a sort of the whole corpus).
   */
  static final int READ_GROUPS = 4;

  private static class ReadJsonLines<T> extends PTransform<PBegin, PCollection<T>> {
    private final List<String> globs;
    private final Class<T> type;

    ReadJsonLines(List<String> globs, Class<T> type) {
      this.globs = List.copyOf(globs);
      this.type = type;
    }

    @Override
    public PCollection<T> expand(PBegin begin) {
      boolean fewGroups = inOneProcess(begin.getPipeline());
      return begin.apply("Globs", Create.of(globs).withCoder(StringUtf8Coder.of()))
          .apply("Match", FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
          .apply("FileNames", MapElements.into(TypeDescriptors.strings()).via((MatchResult.Metadata m) -> m.resourceId().toString()))
          .apply("ByGroup", WithKeys.of((String file) -> readGroup(file, fewGroups))
              .withKeyType(TypeDescriptors.integers()))
          .apply("GroupFiles", GroupByKey.create())
          .apply("ReadLines", ParDo.of(new ReadFilesFn<>(type)))
          .setCoder(JsonCoder.of(type));
    }
  }

  /** The group {@code file} is read in: one of {@link #READ_GROUPS}, or, when not {@code fewGroups}, its own. */
  static int readGroup(String file, boolean fewGroups) {
    return fewGroups ? Math.floorMod(file.hashCode(), READ_GROUPS) : file.hashCode();
  }

  /** True on the Direct runner: one process, so nothing to spread over workers. */
  static boolean inOneProcess(Pipeline p) {
    return p.getOptions().getRunner().getSimpleName().equals("DirectRunner");
  }

  /** Reads a group's files, in name order, a JSON value of {@code type} per non-blank line. */
  static class ReadFilesFn<T> extends DoFn<KV<Integer, Iterable<String>>, T> {
    private final Class<T> type;

    ReadFilesFn(Class<T> type) {
      this.type = type;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> group, OutputReceiver<T> out) throws IOException {
      List<String> files = new ArrayList<>();
      group.getValue().forEach(files::add);
      files.sort(null);
      for (String file : files) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Locations.open(file), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
              out.output(Json.read(line, type));
            }
          }
        }
      }
    }
  }

  private static class WriteRecords extends PTransform<PCollection<TraceRecord>, PDone> {
    private final String waveDir;
    private final List<String> splits;

    WriteRecords(String waveDir, List<String> splits) {
      this.waveDir = waveDir;
      this.splits = List.copyOf(splits);
    }

    @Override
    public PDone expand(PCollection<TraceRecord> records) {
      PCollection<TraceRecord> counted = records.apply("CountStrata", ParDo.of(new CountFn()))
          .setCoder(JsonCoder.of(TraceRecord.class));
      for (String split : splits) {
        String title = split.substring(0, 1).toUpperCase() + split.substring(1);
        counted.apply(title + "Only", Filter.by((TraceRecord r) -> split.equals(r.split())))
            .apply(title + "Json", MapElements.into(TypeDescriptors.strings()).via((TraceRecord r) -> Json.writeInFlight(r)))
            .apply(title + "Write", new WriteLinesByBundle(Locations.dir(waveDir, CANDIDATES_DIR), split));
      }
      return PDone.in(records.getPipeline());
    }
  }

  static class CountFn extends DoFn<TraceRecord, TraceRecord> {
    @ProcessElement
    public void process(@Element TraceRecord r, OutputReceiver<TraceRecord> out) {
      Metrics.counter(NS, "candidates." + SelectExactCounts.stratum(r.split(), r.constraintsNum())).inc();
      out.output(r);
    }
  }
}
