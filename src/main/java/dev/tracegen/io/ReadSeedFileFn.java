package dev.tracegen.io;

import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Streams one seed file line by line from its raw bytes (decompressed if {@code .gz}) through
 * {@link SeedFileReader} and emits each seed keyed by the bucket of its id, each unusable line as a
 * rejection. A read error fails the bundle with the file's path and the line reached.
 */
class ReadSeedFileFn extends DoFn<FileIO.ReadableFile, KV<Integer, LocatedSeed>> {
  private final SeedParser parser;
  private final TupleTag<KV<Integer, LocatedSeed>> seedsTag;
  private final TupleTag<Rejection> rejectedTag;

  private final Counter files = Metrics.counter(ReadSeeds.class, "seed_files");
  private final Counter lines = Metrics.counter(ReadSeeds.class, "seed_lines");
  private final Counter blankLines = Metrics.counter(ReadSeeds.class, "blank_lines");
  private final Counter parsed = Metrics.counter(ReadSeeds.class, "seeds_parsed");
  private final Counter rejected = Metrics.counter(ReadSeeds.class, "lines_rejected");

  ReadSeedFileFn(
      SeedParser parser,
      TupleTag<KV<Integer, LocatedSeed>> seedsTag,
      TupleTag<Rejection> rejectedTag) {
    this.parser = parser;
    this.seedsTag = seedsTag;
    this.rejectedTag = rejectedTag;
  }

  @ProcessElement
  public void processElement(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
      throws IOException {
    String path = file.getMetadata().resourceId().toString();
    String name = file.getMetadata().resourceId().getFilename();
    if (name == null || name.isEmpty()) {
      name = path;
    }
    files.inc();
    InputStream in;
    try {
      in = Channels.newInputStream(file.open());
    } catch (IOException e) {
      throw SeedFileReader.located(path + ": cannot open the seed file: " + IoErrors.describe(e), e);
    }
    lines.inc(SeedFileReader.read(path, name, in, parser, r -> emit(r, path, out)));
  }

  private void emit(SeedParser.Result r, String path, MultiOutputReceiver out) {
    if (r.isBlank()) {
      blankLines.inc();
    } else if (r.isSeed()) {
      parsed.inc();
      Seed seed = r.seed();
      out.get(seedsTag)
          .output(KV.of(ReadSeeds.bucketOf(seed.id()), new LocatedSeed(path, r.line(), seed)));
    } else {
      rejected.inc();
      SeedParser.Problem p = r.problem();
      out.get(rejectedTag)
          .output(new Rejection(Stages.READ_SEEDS.id(), p.reason(), p.location(), p.describe(),
              p.excerpt()));
    }
  }
}
