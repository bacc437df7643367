package dev.tracegen.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Atomic publication of a build's output directory. Everything is written into a fresh staging
 * directory next to the output ({@code <parent>/.<name>.staging-<pid>-<n>}); {@link #publish()}
 * writes {@code _SUCCESS} last and renames staging onto the output in one atomic step (an existing
 * output is first moved aside to {@code .<name>.old-*} and deleted afterwards). A crashed run
 * therefore never leaves a complete-looking output: at worst a hidden staging directory, which
 * {@link #abort()} (or {@link #close()} without publish) removes.
 *
 * <p>Non-local paths (any scheme other than {@code file}, e.g. {@code gs://}, {@code s3://}, {@code
 * hdfs://}) have no atomic directory rename. There the build writes in place into {@code
 * <output>/}; a stale {@code _SUCCESS} is removed first and a new one is written last, so readers
 * must treat a directory without {@code _SUCCESS} as incomplete. {@link #abort()} leaves the
 * partial files there (deleting a shared bucket prefix is not ours to decide). For such paths call
 * {@code FileSystems.setDefaultPipelineOptions(options)} before {@link #prepare(String)} so the
 * scheme's filesystem is registered.
 */
public final class OutputDirectory implements AutoCloseable {
  static final String SUCCESS = "_SUCCESS";
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final AtomicLong COUNTER = new AtomicLong();

  private final String output;
  private final Path outputPath; // null when not local
  private final Path stagingPath; // null when not local
  private boolean finished;

  private OutputDirectory(String output, Path outputPath, Path stagingPath) {
    this.output = output;
    this.outputPath = outputPath;
    this.stagingPath = stagingPath;
  }

  /** Creates a fresh staging directory for {@code output} (a local path or any Beam path). */
  public static OutputDirectory prepare(String output) {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("output is required");
    }
    Path local = localPath(output);
    try {
      if (local == null) {
        // No atomic rename on object stores: write in place, and make sure no stale marker says
        // "complete" while this run is writing.
        String dir = output.endsWith("/") ? output : output + "/";
        FileSystems.delete(
            List.of(ExportFiles.resolve(dir, SUCCESS)), StandardMoveOptions.IGNORE_MISSING_FILES);
        return new OutputDirectory(dir, null, null);
      }
      Path out = local.toAbsolutePath().normalize();
      Path parent = out.getParent();
      if (parent == null) {
        throw new IllegalArgumentException("output cannot be a filesystem root: " + output);
      }
      Files.createDirectories(parent);
      String prefix = "." + out.getFileName() + ".staging-" + ProcessHandle.current().pid() + "-";
      while (true) {
        Path staging = parent.resolve(prefix + COUNTER.incrementAndGet());
        try {
          Files.createDirectory(staging);
          return new OutputDirectory(output, out, staging);
        } catch (FileAlreadyExistsException e) {
          // left by an earlier process with the same pid; try the next name
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + output, e);
    }
  }

  /** Null for non-local Beam paths; the path for plain paths and {@code file:} URIs. */
  static Path localPath(String output) {
    if (output.startsWith("file:/")) {
      return Paths.get(URI.create(output));
    }
    if (output.startsWith("file:")) {
      return Paths.get(output.substring("file:".length()));
    }
    if (SCHEME.matcher(output).matches()) {
      return null;
    }
    return Paths.get(output);
  }

  /** The directory to write into (absolute; usable with Beam {@code FileSystems}). */
  public String staging() {
    return stagingPath == null ? output : stagingPath.toString();
  }

  /** The final output location. */
  public String output() {
    return outputPath == null ? output : outputPath.toString();
  }

  public boolean isLocal() {
    return stagingPath != null;
  }

  /** Writes {@code _SUCCESS} and makes the staging directory the output, atomically if local. */
  public void publish() {
    if (finished) {
      throw new IllegalStateException("already published or aborted: " + output);
    }
    try {
      if (stagingPath == null) {
        // Empty marker, written last.
        ExportFiles.create(ExportFiles.resolve(output, SUCCESS), MimeTypes.TEXT).close();
        finished = true;
        return;
      }
      Files.write(stagingPath.resolve(SUCCESS), new byte[0]);
      Path parent = outputPath.getParent();
      Path old = null;
      if (Files.exists(outputPath, LinkOption.NOFOLLOW_LINKS)) {
        old =
            parent.resolve(
                "."
                    + outputPath.getFileName()
                    + ".old-"
                    + ProcessHandle.current().pid()
                    + "-"
                    + COUNTER.incrementAndGet());
        Files.move(outputPath, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(stagingPath, outputPath, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (old != null) {
          Files.move(old, outputPath, StandardCopyOption.ATOMIC_MOVE); // put the old output back
        }
        throw e;
      }
      finished = true;
      if (old != null) {
        deleteRecursively(old);
      }
    } catch (AtomicMoveNotSupportedException e) {
      throw new UncheckedIOException("staging and output must be on one filesystem: " + output, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + output, e);
    }
  }

  /** Deletes the staging directory (local); a no-op after publish. */
  public void abort() {
    if (finished) {
      return;
    }
    finished = true;
    if (stagingPath != null) {
      try {
        deleteRecursively(stagingPath);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete staging " + stagingPath, e);
      }
    }
  }

  /** Aborts unless published, so {@code try (OutputDirectory out = ...)} cleans up on failure. */
  @Override
  public void close() {
    abort();
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteIfExists(Path p) throws IOException {
    try {
      Files.delete(p);
    } catch (NoSuchFileException e) {
      // already gone
    }
  }
}
