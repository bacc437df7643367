package dev.tracegen.io;

import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Seed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** A seed with the full path and line it came from, so duplicates resolve by (file, line). */
record LocatedSeed(String path, long line, Seed seed) {
  static final Comparator<LocatedSeed> FILE_ORDER =
      Comparator.comparing(LocatedSeed::path).thenComparingLong(LocatedSeed::line);

  static final Coder<LocatedSeed> CODER = new LocatedSeedCoder();

  /** Deterministic: path, line, then the seed's canonical JSON. */
  static final class LocatedSeedCoder extends AtomicCoder<LocatedSeed> {
    private static final StringUtf8Coder PATH = StringUtf8Coder.of();
    private static final VarLongCoder LINE = VarLongCoder.of();
    private static final JsonCoder<Seed> SEED = JsonCoder.of(Seed.class);

    @Override
    public void encode(LocatedSeed value, OutputStream out) throws IOException {
      PATH.encode(value.path(), out);
      LINE.encode(value.line(), out);
      SEED.encode(value.seed(), out);
    }

    @Override
    public LocatedSeed decode(InputStream in) throws IOException {
      return new LocatedSeed(PATH.decode(in), LINE.decode(in), SEED.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
