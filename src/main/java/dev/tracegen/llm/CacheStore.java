package dev.tracegen.llm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * How the response cache creates and removes its files (reads go through Beam's
 * {@link FileSystems} directly). A seam so that tests can make writes fail as a full disk or a
 * read-only directory does, also when they run as root.
 */
interface CacheStore {
  /** A new file {@code name} in {@code dir} open for appending; on local disk each write reaches the file at once. */
  WritableByteChannel create(String dir, String name) throws IOException;

  /** Removes {@code name} from {@code dir}; a missing file is not an error. */
  void delete(String dir, String name) throws IOException;

  /** Local paths and {@code file://}: a FileChannel; any other scheme: Beam's {@link FileSystems}. */
  CacheStore BEAM = new CacheStore() {
    @Override
    public WritableByteChannel create(String dir, String name) throws IOException {
      if (isLocal(dir)) {
        // Beam's local channel buffers without a flush; a FileChannel puts every line in the file at once.
        Path path = localPath(dir).resolve(name);
        Files.createDirectories(path.getParent());
        return FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
      }
      return FileSystems.create(resource(dir, name), "application/jsonl");
    }

    @Override
    public void delete(String dir, String name) throws IOException {
      if (isLocal(dir)) {
        Files.deleteIfExists(localPath(dir).resolve(name));
      } else {
        FileSystems.delete(List.of(resource(dir, name)), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    }
  };

  static boolean isLocal(String dir) {
    return !dir.contains("://") || dir.startsWith("file://");
  }

  static Path localPath(String dir) {
    return Paths.get(dir.startsWith("file://") ? dir.substring("file://".length()) : dir);
  }

  static ResourceId resource(String dir, String name) {
    return FileSystems.matchNewResource(dir, true).resolve(name, ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
  }
}
