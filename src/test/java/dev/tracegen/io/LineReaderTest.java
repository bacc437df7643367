package dev.tracegen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static List<LineReader.Line> read(InputStream in, int keep) throws IOException {
    LineReader r = new LineReader(in, keep);
    List<LineReader.Line> out = new ArrayList<>();
    LineReader.Line l;
    while ((l = r.next()) != null) {
      out.add(l);
    }
    return out;
  }

  private static String text(LineReader.Line l) {
    return new String(l.bytes(), 0, l.length(), StandardCharsets.UTF_8);
  }

  @Test
  void splitsOnNewlinesDropsCarriageReturnsAndKeepsALastLineWithoutNewline() throws IOException {
    byte[] data = "one\r\n\ntwo\nthré\n\nlast".getBytes(StandardCharsets.UTF_8);
    List<LineReader.Line> lines = read(new ByteArrayInputStream(data), 1000);
    assertEquals(6, lines.size());
    assertEquals("one", text(lines.get(0)));
    assertEquals(3, lines.get(0).chars());
    assertEquals("", text(lines.get(1)));
    assertEquals("thré", text(lines.get(3)));
    assertEquals(4, lines.get(3).chars());
    assertEquals(5, lines.get(3).totalBytes());
    assertEquals("last", text(lines.get(5)));
    assertEquals(6, lines.get(5).number());
  }

  @Test
  void aFinalNewlineDoesNotMakeAnExtraLine() throws IOException {
    assertEquals(2, read(new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)), 10).size());
    assertTrue(read(new ByteArrayInputStream(new byte[0]), 10).isEmpty());
  }

  @Test
  void keepsOnlyAPrefixOfAHugeLineButCountsAllOfIt() throws IOException {
    long size = 100L * 1024 * 1024; // 100 MB, generated on the fly, never held in memory
    InputStream huge = new InputStream() {
      long pos;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= size) {
          if (pos == size) {
            pos++;
            b[off] = 'y';
            return 1;
          }
          return -1;
        }
        int n = (int) Math.min(len, size - pos);
        for (int i = 0; i < n; i++) {
          b[off + i] = (pos + i == size - 1) ? (byte) '\n' : (byte) 'x';
        }
        pos += n;
        return n;
      }
    };
    List<LineReader.Line> lines = read(huge, 4096);
    assertEquals(2, lines.size());
    LineReader.Line big = lines.get(0);
    assertEquals(4096, big.length());
    assertEquals(size - 1, big.totalBytes());
    assertEquals(size - 1, big.chars());
    assertTrue(big.truncated());
    assertEquals("y", text(lines.get(1)));
    assertFalse(lines.get(1).truncated());
  }

  @Test
  void keepsRawBytesUndecoded() throws IOException {
    byte[] data = {'a', (byte) 0xC3, 0x28, '\n'};
    LineReader.Line l = read(new ByteArrayInputStream(data), 100).get(0);
    assertArrayEquals(new byte[] {'a', (byte) 0xC3, 0x28}, l.bytes());
  }

  @Test
  void endOfStreamIsSticky() throws IOException {
    LineReader r = new LineReader(new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)), 10);
    assertEquals("x", text(r.next()));
    assertNull(r.next());
    assertNull(r.next());
  }
}
