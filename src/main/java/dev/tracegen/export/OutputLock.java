package dev.tracegen.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run per output directory: a lock file next to the output ({@code .<name>.lock}) created
 * atomically, holding the holder's pid, host and start time. A lock left by a dead process on this
 * host is taken over (with a message); a live holder, or a holder on another host (whose liveness
 * cannot be checked from here), makes the second run fail with the holder's details.
 */
public final class OutputLock implements AutoCloseable {
  /** Who holds a lock, as written in the lock file ({@code pid host started}). */
  public record Holder(long pid, String host, Instant started) {
    static Holder self() {
      ProcessHandle me = ProcessHandle.current();
      return new Holder(me.pid(), hostName(), me.info().startInstant().orElse(Instant.now()));
    }

    String line() {
      return pid + " " + host + " " + started + "\n";
    }

    static Optional<Holder> parse(String text) {
      String[] parts = text.strip().split("\\s+");
      if (parts.length != 3) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Holder(Long.parseLong(parts[0]), parts[1], Instant.parse(parts[2])));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    /** False only when the holder ran on this host and that process is gone. */
    boolean mayBeAlive() {
      if (!host.equals(hostName())) {
        return true;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty()) {
        return false;
      }
      // A recycled pid is told apart by its start time.
      Optional<Instant> start = process.get().info().startInstant();
      return start.isEmpty() || Math.abs(start.get().toEpochMilli() - started.toEpochMilli()) < 1_000;
    }

    @Override
    public String toString() {
      return "pid " + pid + " on " + host + ", started " + started;
    }
  }

  private final Path file;
  private boolean released;

  private OutputLock(Path file) {
    this.file = file;
  }

  /** The lock file that guards {@code output} (an absolute, normalised local path). */
  static Path lockFile(Path output) {
    return output.resolveSibling("." + output.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code output}, or fails with an {@link IllegalArgumentException} naming the
   * run that holds it. {@code notice} hears about a stale lock that was taken over.
   */
  public static OutputLock acquire(Path output, Consumer<String> notice) {
    Path file = lockFile(output);
    Holder me = Holder.self();
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        Files.writeString(file, me.line(), StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        return new OutputLock(file);
      } catch (FileAlreadyExistsException e) {
        Optional<Holder> holder = read(file);
        if (holder.isEmpty()) {
          // Being written this instant, or unreadable: a second look decides.
          sleep(50);
          holder = read(file);
        }
        if (holder.isPresent() && holder.get().mayBeAlive()) {
          throw new IllegalArgumentException("another tracegen run is writing " + output + " (" + holder.get()
              + "); wait for it to finish or choose another --output. If that run is gone, delete " + file);
        }
        if (holder.isEmpty() && Files.exists(file)) {
          throw new IllegalArgumentException("the lock file " + file + " of " + output
              + " is not readable as 'pid host start'; delete it if no other run writes " + output);
        }
        if (takeOverQuietly(file)) {
          notice.accept("took over the lock of " + output + " left by a run that is gone (" + holder.get() + ")");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the lock file " + file + ": " + e.getMessage(), e);
      }
    }
    throw new IllegalStateException("cannot take the lock " + file + ": other runs keep taking it");
  }

  private static boolean takeOverQuietly(Path file) {
    try {
      return takeOver(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take over the stale lock file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Moves the stale lock away atomically, so that of two runs taking it over only one wins. */
  private static boolean takeOver(Path file) throws IOException {
    Path aside = file.resolveSibling(file.getFileName() + ".stale-" + ProcessHandle.current().pid());
    try {
      Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return false;
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(file, aside);
    }
    Files.deleteIfExists(aside);
    return true;
  }

  static Optional<Holder> read(Path file) {
    try {
      return Holder.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Removes the lock file; idempotent. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the lock file " + file, e);
    }
  }

  Path file() {
    return file;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
