package dev.tracegen.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk while writing names the file, not only "No space left on device". */
class NamedOutputStreamTest {
  /** A disk that fills up after {@code room} bytes. */
  static OutputStream diskWithRoom(int room) {
    return new OutputStream() {
      int written;

      @Override
      public void write(int b) throws IOException {
        if (++written > room) {
          throw new IOException("No space left on device");
        }
      }
    };
  }

  @Test
  void aFullDiskNamesTheFile() throws IOException {
    OutputStream out = new NamedOutputStream(diskWithRoom(3), "/data/out/.corpus.staging-1/train-00000-of-00016.jsonl.gz");
    out.write(new byte[3]);
    IOException e = assertThrows(IOException.class, () -> out.write(new byte[2]));
    assertEquals("cannot write /data/out/.corpus.staging-1/train-00000-of-00016.jsonl.gz: No space left on device",
        e.getMessage());
    assertEquals("No space left on device", e.getSuppressed()[0].getMessage(), "the original error is kept");
  }

  @Test
  void driverWritesNameTheFile(@TempDir Path tmp) throws IOException {
    Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");
    IOException e = assertThrows(IOException.class, () -> ExportFiles.writeString(blocker.resolve("stats.json").toString(), "{}"));
    assertTrue(e.getMessage().startsWith("cannot write " + blocker.resolve("stats.json") + ": "), e.getMessage());
    assertTrue(e.getMessage().endsWith("Not a directory)"), e.getMessage());
  }
}
