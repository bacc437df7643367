package dev.tracegen.export;

import dev.tracegen.io.IoErrors;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream whose errors name the file being written: a full disk otherwise surfaces as a
 * bare "No space left on device" from deep inside a worker. The original error is attached as
 * suppressed, not as the cause, because the command line prints the innermost cause.
 */
final class NamedOutputStream extends FilterOutputStream {
  private final String name;

  NamedOutputStream(OutputStream out, String name) {
    super(out);
    this.name = name;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw named(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw named(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw named(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } catch (IOException e) {
      throw named(e);
    }
  }

  private IOException named(IOException e) {
    return named(name, e);
  }

  private static IOException named(String file, IOException e) {
    if (e.getMessage() != null && e.getMessage().startsWith("cannot write ")) {
      return e; // named further down already
    }
    IOException named = new IOException("cannot write " + file + ": " + IoErrors.describe(e));
    named.addSuppressed(e);
    return named;
  }

  /** Runs {@code write}, naming {@code file} in any error it throws. */
  static void writing(String file, IoAction write) throws IOException {
    try {
      write.run();
    } catch (IOException e) {
      throw named(file, e);
    }
  }

  /** A write that may fail. */
  @FunctionalInterface
  interface IoAction {
    void run() throws IOException;
  }
}
