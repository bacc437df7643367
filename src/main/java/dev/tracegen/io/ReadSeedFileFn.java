package dev.tracegen.io;

import dev.tracegen.model.Rejection;
import dev.tracegen.model.Seed;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Streams one seed file line by line from its raw bytes (decompressed if {@code .gz}) and emits
 * each seed keyed by the bucket of its id, each unusable line as a rejection. A JSON-array file is read whole.
 */
class ReadSeedFileFn extends DoFn<FileIO.ReadableFile, KV<Integer, LocatedSeed>> {
  /** A JSON array is read into memory; larger files should be converted to JSON lines. */
  static final int MAX_ARRAY_FILE_BYTES = 512 * 1024 * 1024;

  private static final int PEEK_BYTES = 1 << 16;

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
    long lineNo = 0;
    try (InputStream in =
        new BufferedInputStream(Channels.newInputStream(file.open()), PEEK_BYTES)) {
      if (parser.readsJsonArrays()
          && parser.formatFor(name) != SeedFormat.TEXT
          && firstNonBlankIs(in, '[')) {
        byte[] content = readAll(in, path);
        List<SeedParser.Result> results = parser.parseJsonArray(name, content);
        for (SeedParser.Result r : results) {
          emit(r, path, out);
        }
        return;
      }
      // Keep enough bytes of a line to parse any line within the limit (4 bytes per character).
      int keep = (int) Math.min(Integer.MAX_VALUE - 16, 4L * parser.maxLineChars() + 4);
      LineReader reader = new LineReader(in, keep);
      LineReader.Line line;
      while ((line = reader.next()) != null) {
        lineNo = line.number();
        lines.inc();
        emit(parser.parse(name, line.number(), line.bytes(), line.length(), line.chars()), path,
            out);
      }
    } catch (IOException e) {
      throw new IOException(
          "cannot read seed file " + path + " after line " + lineNo + ": " + e.getMessage(), e);
    }
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
          .output(new Rejection(ReadSeeds.STAGE, p.reason(), p.location(), p.describe(),
              p.excerpt()));
    }
  }

  /** Peeks (without consuming) whether the first non-whitespace character, after a BOM, is c. */
  private static boolean firstNonBlankIs(InputStream in, char c) throws IOException {
    in.mark(PEEK_BYTES);
    try {
      int b;
      int read = 0;
      while ((b = in.read()) != -1 && read++ < PEEK_BYTES - 1) {
        if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB
            || b == 0xBF) {
          continue;
        }
        return b == c;
      }
      return false;
    } finally {
      in.reset();
    }
  }

  private static byte[] readAll(InputStream in, String path) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    int n;
    while ((n = in.read(chunk)) != -1) {
      if ((long) buf.size() + n > MAX_ARRAY_FILE_BYTES) {
        throw new IOException("JSON array seed file " + path + " is larger than "
            + (MAX_ARRAY_FILE_BYTES >> 20) + " MB; convert it to JSON lines");
      }
      buf.write(chunk, 0, n);
    }
    return buf.toByteArray();
  }
}
