package dev.tracegen.io;

import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import dev.tracegen.stage.Stages;
import java.nio.file.Paths;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Reads seed files into {@link Seed}s: the first stage of the pipeline.
 *
 * <pre>{@code
 * PCollectionTuple read = p.apply("ReadSeeds", ReadSeeds.from(patterns, SeedFormat.AUTO));
 * PCollection<Seed> seeds = read.get(ReadSeeds.SEEDS);
 * PCollection<Rejection> rejected = read.get(ReadSeeds.REJECTED);
 * }</pre>
 *
 * <p>Each pattern is matched with {@link FileIO} (a file matched by two patterns is read once; a
 * pattern that matches nothing fails the run; {@link SeedFiles#check} reads every file up front so
 * that a run fails before it starts). Each file is streamed line by line from its raw bytes ({@code .gz} and other
 * compressions by extension), so that every line keeps its number and invalid UTF-8 is caught;
 * memory per line is bounded however long the line is. Unusable lines go to {@link #REJECTED}
 * with stage {@code read_seeds} ({@link Stages#READ_SEEDS}), the reason code (see {@link SeedParser}), the id {@code file:line},
 * a message and the line cut to 500 characters. Blank lines are skipped and counted (metric
 * {@code blank_lines}). When several lines carry the same seed id, the first by (file path, line)
 * is kept and the others are rejected as {@code duplicate_id}: the output never depends on bundle
 * order.
 */
public final class ReadSeeds extends PTransform<PBegin, PCollectionTuple> {

  /** The seeds, one per distinct id. */
  public static final TupleTag<Seed> SEEDS = new TupleTag<Seed>() {};

  /** Lines that could not be used, and duplicate ids. */
  public static final TupleTag<Rejection> REJECTED = new TupleTag<Rejection>() {};

  private static final TupleTag<KV<Integer, LocatedSeed>> PARSED =
      new TupleTag<KV<Integer, LocatedSeed>>() {};

  /**
   * Seeds are grouped for de-duplication by a stable hash of their id into this many buckets
   * (rather than one group per id): the DirectRunner makes a bundle of each key's group, and each
   * bundle costs it milliseconds of set-up, so 512 buckets took it seconds per pipeline. Two, not
   * more: the seed bank then combines two bundles, and the Direct runner copies a single key's
   * state once per arriving bundle (sixteen buckets cost it ~130 copies of the bank per wave).
   */
  static final int ID_BUCKETS = 2;

  private final List<String> filePatterns;
  private final SeedFormat format;
  private final int maxLineChars;
  private final int maxInstructionChars;

  private ReadSeeds(
      List<String> filePatterns, SeedFormat format, int maxLineChars, int maxInstructionChars) {
    this.filePatterns = List.copyOf(filePatterns);
    this.format = format;
    this.maxLineChars = maxLineChars;
    this.maxInstructionChars = maxInstructionChars;
  }

  /** Reads every file matched by the patterns (local paths, globs, or any Beam file system). */
  public static ReadSeeds from(List<String> filePatterns, SeedFormat format) {
    if (filePatterns == null || filePatterns.isEmpty()) {
      throw new IllegalArgumentException("no seed files given");
    }
    if (format == null) {
      throw new IllegalArgumentException("seed format must not be null");
    }
    return new ReadSeeds(filePatterns, format, SeedParser.DEFAULT_MAX_LINE_CHARS,
        SeedParser.DEFAULT_MAX_INSTRUCTION_CHARS);
  }

  /** The de-duplication bucket of a seed id: stable across JVMs and runners. */
  static int bucketOf(String id) {
    return Math.floorMod(id.hashCode(), ID_BUCKETS);
  }

  /**
   * A relative local pattern resolved against the working directory of the process that builds
   * the pipeline: on a cluster the files are matched by workers, whose working directory is
   * elsewhere. URIs ({@code gs://}, {@code hdfs://}, {@code file:}) and absolute paths are kept.
   */
  static String resolveLocal(String pattern) {
    if (pattern.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || Paths.get(pattern).isAbsolute()) {
      return pattern;
    }
    return Paths.get(pattern).toAbsolutePath().toString();
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    SeedParser parser = new SeedParser(format, maxLineChars, maxInstructionChars);

    PCollection<MatchResult.Metadata> files =
        input
            .apply("SeedFilePatterns",
                Create.of(filePatterns.stream().map(ReadSeeds::resolveLocal).toList())
                    .withCoder(StringUtf8Coder.of()))
            .apply("MatchSeedFiles",
                FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
            .apply("EachFileOnce",
                Distinct.withRepresentativeValueFn(
                        (MatchResult.Metadata m) -> m.resourceId().toString())
                    .withRepresentativeType(TypeDescriptors.strings()));

    PCollectionTuple parsed =
        files
            .apply("OpenSeedFiles", FileIO.readMatches().withCompression(Compression.AUTO))
            .apply("ParseSeedLines",
                ParDo.of(new ReadSeedFileFn(parser, PARSED, REJECTED))
                    .withOutputTags(PARSED, TupleTagList.of(REJECTED)));
    parsed.get(PARSED).setCoder(KvCoder.of(VarIntCoder.of(), LocatedSeed.CODER));
    parsed.get(REJECTED).setCoder(JsonCoder.of(Rejection.class));

    PCollectionTuple kept =
        parsed
            .get(PARSED)
            .apply("GroupByIdBucket", GroupByKey.create())
            .apply("KeepFirstPerId",
                ParDo.of(new KeepFirstSeedFn(SEEDS, REJECTED))
                    .withOutputTags(SEEDS, TupleTagList.of(REJECTED)));
    kept.get(SEEDS).setCoder(JsonCoder.of(Seed.class));
    kept.get(REJECTED).setCoder(JsonCoder.of(Rejection.class));

    PCollection<Rejection> rejected =
        PCollectionList.of(parsed.get(REJECTED))
            .and(kept.get(REJECTED))
            .apply("AllSeedRejections", Flatten.pCollections());

    return PCollectionTuple.of(SEEDS, kept.get(SEEDS)).and(REJECTED, rejected);
  }
}
