package dev.tracegen.io;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;

/** Readable causes of input errors, for messages that already name the file (and line). */
public final class IoErrors {
  private IoErrors() {}

  /**
   * What went wrong, never just an exception's class name: an early end of data says the file is
   * truncated, a file system error gives its reason (e.g. "No space left on device") without
   * repeating the path.
   */
  public static String describe(Throwable e) {
    String message = e.getMessage() == null || e.getMessage().isBlank() ? "" : e.getMessage().strip();
    if (e instanceof EOFException) {
      return "unexpected end of data" + (message.isEmpty() ? "" : " (" + message + ")")
          + "; the file is truncated or its compressed data is corrupt";
    }
    if (e instanceof ZipException) {
      return "corrupt compressed data" + (message.isEmpty() ? "" : " (" + message + ")");
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    if (!message.isEmpty()) {
      return message;
    }
    return e.getCause() != null && e.getCause() != e ? describe(e.getCause())
        : "I/O error without detail (" + e.getClass().getSimpleName() + ")";
  }
}
