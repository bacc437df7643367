package dev.tracegen.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.io.InsecureRecursiveDeleteException;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Safe, atomic publication of a build's output directory.
 *
 * <p>Before anything is written, {@link #prepare} refuses outputs a run must never replace: an
 * existing regular file, a non-empty directory (unless {@code overwrite}), a non-empty directory
 * that is not a tracegen output (even with {@code overwrite}: no {@code _SUCCESS} or tracegen
 * {@code run.json} in it), and the filesystem root, the home directory, the working directory or
 * any parent of them. It then takes the output's {@link OutputLock}, so a second run on the same
 * output fails instead of racing to publish, and removes staging directories left by dead runs.
 *
 * <p>Everything is written into a fresh staging directory next to the output ({@code
 * <parent>/.<name>.staging-<pid>-<n>}); {@link #publish()} writes {@code _SUCCESS} last and renames
 * staging onto the output in one atomic step (an existing output is first moved aside to {@code
 * .<name>.old-*} and deleted afterwards). A run that fails or falls short calls {@link
 * #keepDiagnostics}, which moves its reports to {@code <output>.failed/} and publishes nothing.
 * SIGTERM/SIGINT remove the staging directory and the lock (a shutdown hook per prepared output).
 *
 * <p>Non-local paths (any scheme other than {@code file}, e.g. {@code gs://}, {@code s3://}, {@code
 * hdfs://}) have no atomic directory rename. There the build writes in place into {@code
 * <output>/}; a stale {@code _SUCCESS} is removed first and a new one is written last, so readers
 * must treat a directory without {@code _SUCCESS} as incomplete. {@link #abort()} leaves the
 * partial files there (deleting a shared bucket prefix is not ours to decide), and there is no
 * lock. For such paths call {@code FileSystems.setDefaultPipelineOptions(options)} before {@link
 * #prepare} so the scheme's filesystem is registered.
 */
public final class OutputDirectory implements AutoCloseable {
  static final String SUCCESS = "_SUCCESS";
  static final String RUN_JSON = "run.json";
  /** What a failed or short run keeps: enough to see why, none of the records. */
  public static final List<String> DIAGNOSTICS = List.of(RUN_JSON, "stats.json", "report.html", "rejections");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final AtomicLong COUNTER = new AtomicLong();

  private final String output;
  private final Path outputPath; // null when not local
  private final Path stagingPath; // null when not local
  private final OutputLock lock; // null when not local
  private final Thread cleanupOnExit; // null when not local
  private volatile Runnable beforeExitCleanup = () -> {};
  private boolean finished;
  private boolean exiting; // a signal is stopping the JVM: nothing may be published or kept any more

  private OutputDirectory(String output, Path outputPath, Path stagingPath, OutputLock lock) {
    this.output = output;
    this.outputPath = outputPath;
    this.stagingPath = stagingPath;
    this.lock = lock;
    this.cleanupOnExit = stagingPath == null ? null : new Thread(this::cleanUpOnExit, "tracegen-output-cleanup");
  }

  /** {@link #prepare(String, boolean, Consumer)} refusing any existing non-empty output. */
  public static OutputDirectory prepare(String output) {
    return prepare(output, false, m -> {});
  }

  /**
   * Checks that {@code output} (a local path or any Beam path) may be written, takes its lock and
   * creates a fresh staging directory. Refusals are {@link IllegalArgumentException}s that name the
   * path and what to do, as is an output whose lock another live run holds. {@code notice}
   * hears about stale locks and staging directories that were cleaned up.
   */
  public static OutputDirectory prepare(String output, boolean overwrite, Consumer<String> notice) {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("--output is required (the directory the corpus is written to)");
    }
    Path local = localPath(output);
    try {
      if (local == null) {
        String dir = output.endsWith("/") ? output : output + "/";
        checkRemote(dir, overwrite);
        // No atomic rename on object stores: write in place, and make sure no stale marker says
        // "complete" while this run is writing.
        FileSystems.delete(
            List.of(ExportFiles.resolve(dir, SUCCESS)), StandardMoveOptions.IGNORE_MISSING_FILES);
        return new OutputDirectory(dir, null, null, null);
      }
      Path out = checkLocal(output, local, overwrite);
      Path parent = out.getParent();
      Files.createDirectories(parent);
      OutputLock lock = OutputLock.acquire(out, notice);
      try {
        removeStaleStaging(out, notice);
        String prefix = "." + out.getFileName() + ".staging-" + ProcessHandle.current().pid() + "-";
        while (true) {
          Path staging = parent.resolve(prefix + COUNTER.incrementAndGet());
          try {
            Files.createDirectory(staging);
            OutputDirectory dir = new OutputDirectory(output, out, staging, lock);
            Runtime.getRuntime().addShutdownHook(dir.cleanupOnExit);
            return dir;
          } catch (FileAlreadyExistsException e) {
            // left by an earlier process with the same pid; try the next name
          }
        }
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + output + ": " + e.getMessage(), e);
    }
  }

  /**
   * The refusals of {@link #prepare} alone, without taking the lock or creating anything, so a run
   * can refuse its output before any work is done.
   */
  public static void checkOutput(String output, boolean overwrite) {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("--output is required (the directory the corpus is written to)");
    }
    Path local = localPath(output);
    try {
      if (local == null) {
        checkRemote(output.endsWith("/") ? output : output + "/", overwrite);
      } else {
        checkLocal(output, local, overwrite);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check output " + output + ": " + e.getMessage(), e);
    }
  }

  /** The absolute output path, or a refusal: see the class comment for what is refused and why. */
  static Path checkLocal(String given, Path local, boolean overwrite) throws IOException {
    Path out = local.toAbsolutePath().normalize();
    if (Files.exists(out)) {
      out = out.toRealPath(); // a symlink to the home directory is the home directory
    }
    if (out.getParent() == null) {
      throw new IllegalArgumentException("--output=" + given + " is the filesystem root; choose a new directory");
    }
    for (String[] guarded : new String[][] {
        {System.getProperty("user.dir"), "the working directory"}, {System.getProperty("user.home"), "the home directory"}}) {
      if (guarded[0] == null) {
        continue;
      }
      Path p = Path.of(guarded[0]).toAbsolutePath().normalize();
      if (Files.exists(p)) {
        p = p.toRealPath();
      }
      if (p.startsWith(out)) {
        throw new IllegalArgumentException("--output=" + given + " is " + (p.equals(out) ? "" : "a parent of ")
            + guarded[1] + " (" + p + "); a run replaces its output directory, so choose a new directory such as out/corpus");
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--output=" + given + " is an existing file, not a directory; a run would"
          + " replace it. Choose a directory path");
    }
    if (Files.isDirectory(out) && !isEmpty(out)) {
      if (!overwrite) {
        throw new IllegalArgumentException("--output=" + given + " exists and is not empty; pass --overwrite to replace"
            + " an earlier tracegen output there, or choose a new directory");
      }
      if (!looksLikeOurs(out)) {
        throw new IllegalArgumentException("--output=" + given + " is not a tracegen output (no " + SUCCESS + " or"
            + " tracegen " + RUN_JSON + " in it); --overwrite only replaces tracegen outputs. Choose a new directory");
      }
    }
    return out;
  }

  private static void checkRemote(String dir, boolean overwrite) throws IOException {
    MatchResult any = FileSystems.match(ExportFiles.resolve(dir, "*").toString(), EmptyMatchTreatment.ALLOW);
    if (any.status() != MatchResult.Status.OK || any.metadata().isEmpty()) {
      return;
    }
    if (!overwrite) {
      throw new IllegalArgumentException("--output=" + dir + " exists and is not empty; pass --overwrite to replace"
          + " an earlier tracegen output there, or choose a new location");
    }
    boolean ours = any.metadata().stream().map(m -> m.resourceId().getFilename())
        .anyMatch(name -> SUCCESS.equals(name) || RUN_JSON.equals(name));
    if (!ours) {
      throw new IllegalArgumentException("--output=" + dir + " is not a tracegen output (no " + SUCCESS + " or "
          + RUN_JSON + " in it); --overwrite only replaces tracegen outputs. Choose a new location");
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /** A directory a tracegen run published ({@code _SUCCESS}) or left ({@code run.json} of ours). */
  static boolean looksLikeOurs(Path dir) {
    if (Files.isRegularFile(dir.resolve(SUCCESS))) {
      return true;
    }
    Path run = dir.resolve(RUN_JSON);
    if (!Files.isRegularFile(run)) {
      return false;
    }
    try {
      JsonNode tool = new ObjectMapper().readTree(run.toFile()).path("tool");
      return "tracegen".equals(tool.asText());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Staging and old-output directories of this output whose process is gone. The lock is held, so
   * no other run of this output can be writing them.
   */
  private static void removeStaleStaging(Path out, Consumer<String> notice) throws IOException {
    Pattern leftover = Pattern.compile(Pattern.quote("." + out.getFileName()) + "\\.(staging|old)-(\\d+)-\\d+");
    List<Path> stale = new ArrayList<>();
    try (Stream<Path> s = Files.list(out.getParent())) {
      s.forEach(p -> {
        Matcher m = leftover.matcher(p.getFileName().toString());
        if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
          stale.add(p);
        }
      });
    }
    for (Path p : stale) {
      deleteRecursively(p);
      notice.accept("removed " + p + ", left by a run that is gone");
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
  public synchronized void publish() {
    if (finished || exiting) {
      throw new IllegalStateException((exiting ? "stopped by a signal: " : "already published or aborted: ") + output);
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
        old = parent.resolve("." + outputPath.getFileName() + ".old-" + ProcessHandle.current().pid() + "-"
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
      finish();
      if (old != null) {
        deleteRecursively(old);
      }
    } catch (AtomicMoveNotSupportedException e) {
      throw new UncheckedIOException("staging and output must be on one filesystem: " + output, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + output + ": " + e.getMessage(), e);
    }
  }

  /**
   * For a run that failed or fell short: moves the {@link #DIAGNOSTICS} that exist in staging to
   * {@code <output>.failed/} (replacing an earlier one of ours; a foreign directory of that name is
   * left alone and {@code <output>.failed-<pid>} used instead), deletes the rest of staging and
   * publishes nothing. Returns where the diagnostics are. On object stores the files stay in place,
   * without {@code _SUCCESS}.
   */
  public synchronized String keepDiagnostics() {
    if (finished || exiting) {
      throw new IllegalStateException((exiting ? "stopped by a signal: " : "already published or aborted: ") + output);
    }
    if (stagingPath == null) {
      finished = true;
      return output;
    }
    try {
      try (Stream<Path> s = Files.list(stagingPath)) {
        for (Path p : s.toList()) {
          if (!DIAGNOSTICS.contains(p.getFileName().toString())) {
            deleteRecursively(p);
          }
        }
      }
      Path failed = outputPath.resolveSibling(outputPath.getFileName() + ".failed");
      if (Files.exists(failed, LinkOption.NOFOLLOW_LINKS)) {
        if (Files.isDirectory(failed, LinkOption.NOFOLLOW_LINKS) && (looksLikeOurs(failed) || isEmpty(failed))) {
          deleteRecursively(failed);
        } else {
          failed = outputPath.resolveSibling(outputPath.getFileName() + ".failed-" + ProcessHandle.current().pid());
          deleteRecursively(failed);
        }
      }
      Files.move(stagingPath, failed, StandardCopyOption.ATOMIC_MOVE);
      finish();
      return failed.toString();
    } catch (IOException e) {
      abort();
      throw new UncheckedIOException("cannot keep the diagnostics of " + output + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the staging directory (local) and releases the lock; a no-op after publish. */
  public synchronized void abort() {
    if (finished) {
      return;
    }
    try {
      if (stagingPath != null) {
        deleteRecursively(stagingPath);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete staging " + stagingPath + ": " + e.getMessage(), e);
    } finally {
      finish();
    }
  }

  /** Aborts unless published, so {@code try (OutputDirectory out = ...)} cleans up on failure. */
  @Override
  public void close() {
    abort();
  }

  /** Runs first when the JVM is told to stop (SIGTERM, SIGINT) mid-run, e.g. to cancel the pipeline. */
  public void beforeExitCleanup(Runnable action) {
    this.beforeExitCleanup = action;
  }

  private void finish() {
    finished = true;
    if (lock != null) {
      lock.close();
    }
    if (cleanupOnExit != null && Thread.currentThread() != cleanupOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook runs and finds nothing to do
      }
    }
  }

  /**
   * The shutdown hook: the pipeline's workers may still write into staging (Beam's local file
   * system recreates missing parent directories), so it stops them first and deletes until the
   * directory stays gone.
   */
  private void cleanUpOnExit() {
    synchronized (this) {
      if (finished) {
        return;
      }
      // The run's own thread wakes up when the pipeline is cancelled and must not move staging away.
      exiting = true;
    }
    try {
      beforeExitCleanup.run();
    } catch (RuntimeException e) {
      // best effort: the deletion below matters more
    }
    for (int i = 0; i < 20 && Files.exists(stagingPath, LinkOption.NOFOLLOW_LINKS); i++) {
      try {
        deleteRecursively(stagingPath);
        Thread.sleep(100);
      } catch (IOException | InterruptedException e) {
        // a worker wrote while we deleted: try again
      }
    }
    synchronized (this) {
      finished = true;
      lock.close();
    }
    System.err.println("tracegen: stopped; removed the staging directory of " + outputPath + ", nothing was published");
  }

  /**
   * Deletes a file or directory tree, removing symbolic links rather than what they point to; a
   * missing path is nothing to do.
   */
  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      MoreFiles.deleteRecursively(root);
    } catch (InsecureRecursiveDeleteException e) {
      // This file system has no SecureDirectoryStream (e.g. macOS) and nothing was deleted yet.
      // Walk by path instead, as before: only a directory swapped for a link during the walk could
      // redirect it, and every tree deleted here is one this run or a dead one of ours wrote.
      MoreFiles.deleteRecursively(root, RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }
}
