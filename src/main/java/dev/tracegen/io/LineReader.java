package dev.tracegen.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n}, with a trailing {@code \r} dropped) without decoding
 * it, so that invalid UTF-8 can be reported per line. Memory is bounded: at most {@code keepBytes}
 * bytes of a line are kept, however long the line is; its full length is still counted.
 */
final class LineReader {
  /**
   * One line: its 1-based number, the first {@code length} bytes of it, its length in characters
   * (code points, counting each byte that does not continue a UTF-8 sequence) and in bytes.
   */
  record Line(long number, byte[] bytes, int length, long chars, long totalBytes) {
    boolean truncated() {
      return length < totalBytes;
    }
  }

  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final int keepBytes;
  private final byte[] chunk = new byte[CHUNK];
  private int chunkPos;
  private int chunkLen;
  private byte[] line = new byte[256];
  private long number;
  private boolean eof;

  LineReader(InputStream in, int keepBytes) {
    this.in = in;
    this.keepBytes = keepBytes;
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    if (eof) {
      return null;
    }
    int kept = 0;
    long chars = 0;
    long total = 0;
    byte last = 0;
    while (true) {
      if (chunkPos == chunkLen) {
        chunkLen = in.read(chunk, 0, CHUNK);
        chunkPos = 0;
        if (chunkLen <= 0) {
          chunkLen = 0;
          eof = true;
          if (total == 0) {
            return null;
          }
          return finish(kept, chars, total, last);
        }
      }
      int start = chunkPos;
      int end = start;
      while (end < chunkLen && chunk[end] != '\n') {
        end++;
      }
      int n = end - start;
      if (n > 0) {
        int room = keepBytes - kept;
        int copy = Math.min(room, n);
        if (copy > 0) {
          ensureCapacity(kept + copy);
          System.arraycopy(chunk, start, line, kept, copy);
          kept += copy;
        }
        chars += SeedParser.countChars(chunk, start, end);
        total += n;
        last = chunk[end - 1];
      }
      if (end < chunkLen) {
        chunkPos = end + 1;
        return finish(kept, chars, total, last);
      }
      chunkPos = chunkLen;
    }
  }

  private Line finish(int kept, long chars, long total, byte last) {
    if (last == '\r') {
      chars--;
      total--;
      if (kept > total) {
        kept--;
      }
    }
    number++;
    return new Line(number, Arrays.copyOf(line, kept), kept, chars, total);
  }

  private void ensureCapacity(int needed) {
    if (needed > line.length) {
      line = Arrays.copyOf(line, Math.min(keepBytes, Math.max(needed, line.length * 2)));
    }
  }
}
