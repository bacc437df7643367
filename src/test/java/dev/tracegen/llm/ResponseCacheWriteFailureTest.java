package dev.tracegen.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.langchain4j.data.message.UserMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache directory that cannot be written: one warning, no new files, answers still flow. */
class ResponseCacheWriteFailureTest {
  static final String WARNING = "cannot be written";

  @TempDir
  Path dir;

  static String key(int i) {
    return ResponseCacheTest.key(i);
  }

  /** Creates nothing: what a read-only directory does. */
  static final CacheStore READ_ONLY = new CacheStore() {
    @Override
    public WritableByteChannel create(String d, String name) throws IOException {
      throw new AccessDeniedException(d + name);
    }

    @Override
    public void delete(String d, String name) throws IOException {
      throw new AccessDeniedException(d + name);
    }
  };

  /** Creates files, but the disk fills after {@code okWrites} writes: every later write fails with ENOSPC. */
  static CacheStore diskFullAfter(int okWrites) {
    AtomicInteger writes = new AtomicInteger();
    return new CacheStore() {
      @Override
      public WritableByteChannel create(String d, String name) throws IOException {
        WritableByteChannel real = CacheStore.BEAM.create(d, name);
        return new WritableByteChannel() {
          @Override
          public int write(ByteBuffer src) throws IOException {
            if (writes.incrementAndGet() > okWrites) {
              throw new IOException("No space left on device");
            }
            return real.write(src);
          }

          @Override
          public boolean isOpen() {
            return real.isOpen();
          }

          @Override
          public void close() throws IOException {
            real.close();
          }
        };
      }

      @Override
      public void delete(String d, String name) throws IOException {
        CacheStore.BEAM.delete(d, name);
      }
    };
  }

  /** One answer from an earlier run, so that the directory exists and has something to serve. */
  void earlierRun() {
    ResponseCache before = ResponseCache.open(dir.toString());
    before.put(key(0), new ResponseCache.Entry("answer 0", 1, 1));
    before.close();
  }

  /** 300 misses answered by "the model" and stored: the warnings it caused, checking the files never change. */
  List<String> run(ResponseCache c) throws IOException {
    List<String> files = files();
    try (CapturedStderr err = new CapturedStderr()) {
      for (int i = 1; i <= 300; i++) {
        assertTrue(c.get(key(i)).isEmpty());
        c.put(key(i), new ResponseCache.Entry("answer " + i, 1, 1));
        assertEquals(files, files(), "no file created after answer " + i);
      }
      assertEquals("answer 0", c.get(key(0)).orElseThrow().text(), "what is in the cache is still served");
      c.close();
      assertEquals(files, files());
      return err.lines(WARNING);
    }
  }

  @Test
  void aReadOnlyDirectoryIsReportedOnceAndNothingIsCreated() throws IOException {
    earlierRun();
    List<String> warnings = run(ResponseCache.open(dir.toString(), "r", READ_ONLY, 1_000));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains(dir.toString()) && warnings.get(0).contains("AccessDeniedException"),
        warnings.get(0));
  }

  @Test
  void aRealReadOnlyDirectoryIsReportedOnceAndNothingIsCreated() throws IOException {
    earlierRun();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(dir),
          "running as root: permissions do not stop writes (the injected test covers it)");
      List<String> warnings = run(ResponseCache.open(dir.toString()));
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains(dir.toString()), warnings.get(0));
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aFullDiskIsReportedOnceAndNoEmptyFilesAreLeft() throws IOException {
    earlierRun();
    ResponseCache c = ResponseCache.open(dir.toString(), "r", diskFullAfter(0), 1_000);
    List<String> warnings = run(c);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains(dir.toString()) && warnings.get(0).contains("No space left on device"),
        warnings.get(0));
    assertNotNull(c.writeFailure());
  }

  @Test
  void aDiskThatFillsMidRunKeepsWhatWasWrittenAndStopsThere() throws IOException {
    earlierRun();
    // The holder file and 5 answers fit; the 6th answer does not.
    ResponseCache c = ResponseCache.open(dir.toString(), "r", diskFullAfter(6), 1_000);
    List<String> before = files();
    try (CapturedStderr err = new CapturedStderr()) {
      for (int i = 1; i <= 300; i++) {
        c.get(key(i));
        c.put(key(i), new ResponseCache.Entry("answer " + i, 1, 1));
      }
      c.close();
      assertEquals(1, err.lines(WARNING).size(), err.lines(WARNING).toString());
    }
    assertEquals(before.size() + 1, files().size(), "one segment with what fitted, nothing else");
    ResponseCache again = ResponseCache.open(dir.toString());
    assertEquals(6, again.entries(), "the earlier answer and the 5 that fitted");
    again.close();
  }

  @Test
  void answersStillFlowThroughTheClientWhenTheCacheCannotBeWritten() throws IOException {
    earlierRun();
    ResponseCache cache = ResponseCache.open(dir.toString(), "r", diskFullAfter(0), 1_000);
    LlmClientTest.FakeModel model = new LlmClientTest.FakeModel(i -> "fresh " + i);
    LlmClient client = new LlmClient(LlmClientTest.settings(0, 1), model, cache, new Budget(0, 0), new RateLimits(0, 0),
        new CircuitBreaker(), () -> 0.5);
    List<String> files = files();
    try (CapturedStderr err = new CapturedStderr()) {
      for (int i = 0; i < 50; i++) {
        LlmReply r = client.call("respond_y1", List.of(UserMessage.from("question " + i)), null);
        assertEquals("fresh " + i, r.text());
      }
      assertEquals(1, err.lines(WARNING).size());
    }
    assertEquals(50, model.calls.get());
    assertEquals(files, files());
    cache.close();
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
