package dev.tracegen.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Reads one seed file to its end and parses every line as a run does (a file holding one JSON
 * array is read whole). The pipeline's {@link ReadSeedFileFn} and the up-front {@link
 * SeedFiles#check} both read through here, so they see the same lines, and a read error (a
 * truncated {@code .gz}, a failing disk) names the file and the line reached in both.
 */
final class SeedFileReader {
  /** A JSON array is read into memory; larger files should be converted to JSON lines. */
  static final int MAX_ARRAY_FILE_BYTES = 512 * 1024 * 1024;

  private static final int PEEK_BYTES = 1 << 16;

  private SeedFileReader() {}

  /** Opens {@code path} with any Beam file system, decompressed by its extension as the pipeline does. */
  static InputStream open(String path) throws IOException {
    ResourceId id = FileSystems.matchNewResource(path, false);
    String name = id.getFilename() == null ? path : id.getFilename();
    return Channels.newInputStream(Compression.detect(name).readDecompressed(FileSystems.open(id)));
  }

  /**
   * Parses every line of {@code in} (already decompressed) into {@code sink}, in file order.
   *
   * @param path the full path, for error messages
   * @param name the file name, which decides the format of a {@code .txt} file and default ids
   * @return the number of lines read (0 for a JSON array file)
   * @throws IOException {@code path:line: cannot read the seed file after line n: cause}
   */
  static long read(String path, String name, InputStream in, SeedParser parser, Consumer<SeedParser.Result> sink)
      throws IOException {
    long lineNo = 0;
    boolean array = false;
    try (InputStream buffered = new BufferedInputStream(in, PEEK_BYTES)) {
      if (parser.readsJsonArrays() && parser.formatFor(name) != SeedFormat.TEXT && firstNonBlankIs(buffered, '[')) {
        array = true;
        parser.parseJsonArray(name, readAll(buffered)).forEach(sink);
        return 0;
      }
      // Keep enough bytes of a line to parse any line within the limit (4 bytes per character).
      int keep = (int) Math.min(Integer.MAX_VALUE - 16, 4L * parser.maxLineChars() + 4);
      LineReader reader = new LineReader(buffered, keep);
      LineReader.Line line;
      while ((line = reader.next()) != null) {
        lineNo = line.number();
        sink.accept(parser.parse(name, line.number(), line.bytes(), line.length(), line.chars()));
      }
      return lineNo;
    } catch (IOException e) {
      String where = array ? path + ": cannot read the JSON array seed file: "
          : path + ":" + (lineNo + 1) + ": cannot read the seed file after line " + lineNo + ": ";
      throw located(where + IoErrors.describe(e), e);
    }
  }

  /**
   * An error whose message names the file, with {@code cause} kept as suppressed rather than as the
   * cause: the command line reports an exception's root cause, which must be this message and not
   * a bare {@code EOFException}.
   */
  static IOException located(String message, IOException cause) {
    IOException e = new IOException(message);
    e.addSuppressed(cause);
    return e;
  }

  /** Peeks (without consuming) whether the first non-whitespace character, after a BOM, is c. */
  private static boolean firstNonBlankIs(InputStream in, char c) throws IOException {
    in.mark(PEEK_BYTES);
    try {
      int b;
      int read = 0;
      while ((b = in.read()) != -1 && read++ < PEEK_BYTES - 1) {
        if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF) {
          continue;
        }
        return b == c;
      }
      return false;
    } finally {
      in.reset();
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    int n;
    while ((n = in.read(chunk)) != -1) {
      if ((long) buf.size() + n > MAX_ARRAY_FILE_BYTES) {
        throw new IOException("the JSON array is larger than " + (MAX_ARRAY_FILE_BYTES >> 20)
            + " MB; convert it to JSON lines");
      }
      buf.write(chunk, 0, n);
    }
    return buf.toByteArray();
  }
}
