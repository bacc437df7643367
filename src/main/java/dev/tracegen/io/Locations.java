package dev.tracegen.io;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Directories named by a string that may be a local path or a URL of any file system Beam knows
 * ({@code s3://bucket/prefix}, {@code gs://...}, {@code hdfs://...}): joining names onto them and
 * deleting what is under them. Local paths keep {@code java.nio} (real directories, fast); object
 * stores have no directories, so there a directory is a prefix and deleting it deletes the objects
 * under it; HDFS has real ones, which are deleted with the last file under them. Files are listed,
 * read and written through Beam's {@link FileSystems} on every file system, local ones included, so
 * that local runs and tests take the same path as a bucket.
 */
public final class Locations {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern NO_AUTHORITY = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/(?!/).*");

  private Locations() {}

  /** Whether {@code location} is a local path (no scheme, or {@code file://}). */
  public static boolean isLocal(String location) {
    return !SCHEME.matcher(location).matches() || location.startsWith("file://");
  }

  /** {@code dir} with the directories {@code names} appended, as a directory location. */
  public static String dir(String dir, String... names) {
    if (isLocal(dir)) {
      return Path.of(dir, names).toString();
    }
    ResourceId r = FileSystems.matchNewResource(dir, true);
    for (String n : names) {
      r = r.resolve(n, StandardResolveOptions.RESOLVE_DIRECTORY);
    }
    return string(r);
  }

  /** Whether anything is at or under {@code location}. */
  public static boolean exists(String location) throws IOException {
    if (isLocal(location)) {
      return Files.exists(Path.of(location));
    }
    return !tree(string(FileSystems.matchNewResource(location, true))).files().isEmpty();
  }

  /**
   * Deletes the files under {@code dir} whose path relative to it {@code doomed} accepts (an
   * object store's "directories" go with their last object). Local directories left empty stay.
   */
  public static void deleteFiles(String dir, Predicate<String> doomed) throws IOException {
    if (isLocal(dir)) {
      Path d = Path.of(dir);
      if (!Files.exists(d)) {
        return;
      }
      try (var files = Files.walk(d)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (doomed.test(d.relativize(f).toString().replace(java.io.File.separatorChar, '/'))) {
            Files.deleteIfExists(f);
          }
        }
      }
      return;
    }
    String prefix = string(FileSystems.matchNewResource(dir, true));
    Tree tree = tree(prefix);
    List<ResourceId> files = new ArrayList<>();
    Set<String> kept = new HashSet<>();
    Set<String> emptied = new HashSet<>();
    for (ResourceId f : tree.files()) {
      String rest = relative(prefix, f);
      boolean delete = doomed.test(rest);
      if (delete) {
        files.add(f);
      }
      for (int slash = rest.indexOf('/'); slash >= 0; slash = rest.indexOf('/', slash + 1)) {
        (delete ? emptied : kept).add(rest.substring(0, slash + 1));
      }
    }
    FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
    if (tree.directories()) {
      // Real directories (HDFS) stay when their files go: remove those left empty, deepest first.
      emptied.removeAll(kept);
      List<ResourceId> dirs = new ArrayList<>();
      emptied.stream().sorted(Comparator.comparingLong((String d) -> d.chars().filter(c -> c == '/').count())
          .reversed()).forEach(d -> dirs.add(FileSystems.matchNewResource(prefix + d, true)));
      FileSystems.delete(dirs, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /**
   * The files under the directory {@code prefix} (ending in '/') at any depth, and whether the file
   * system there has real directories. On object stores {@code **} lists every object under the
   * prefix; Beam's Hadoop file system expands it in the subdirectories only, so the files directly
   * in {@code prefix} come from {@code *}, which there lists the subdirectories too: those are told
   * apart as the parents of files found below (an empty one passes for a file, and goes like one).
   */
  private static Tree tree(String prefix) throws IOException {
    Map<String, ResourceId> files = new TreeMap<>();
    Set<String> parents = new HashSet<>();
    for (MatchResult.Metadata f : FileSystems.match(prefix + "**", EmptyMatchTreatment.ALLOW).metadata()) {
      String rest = relative(prefix, f.resourceId());
      files.put(rest, f.resourceId());
      if (rest.contains("/")) {
        parents.add(rest.substring(0, rest.indexOf('/')));
      }
    }
    boolean directories = false;
    for (MatchResult.Metadata f : FileSystems.match(prefix + "*", EmptyMatchTreatment.ALLOW).metadata()) {
      String rest = relative(prefix, f.resourceId());
      if (parents.contains(rest)) {
        directories = true;
      } else if (!f.resourceId().isDirectory() && !rest.isEmpty()) {
        files.putIfAbsent(rest, f.resourceId());
      }
    }
    return new Tree(List.copyOf(files.values()), directories);
  }

  private record Tree(List<ResourceId> files, boolean directories) {}

  /**
   * {@code file}'s path below the directory {@code prefix}, compared by path alone: Hadoop names
   * what it lists with the cluster's authority ({@code hdfs://nn:8020/out/x}) also where the
   * location left it to {@code fs.defaultFS} ({@code hdfs:///out/}).
   */
  private static String relative(String prefix, ResourceId file) {
    return pathOf(file.toString()).substring(pathOf(prefix).length());
  }

  /** A URL without scheme and authority: {@code /out/x} of {@code hdfs://nn:8020/out/x} and of {@code hdfs:/out/x}. */
  private static String pathOf(String url) {
    int colon = url.indexOf(':');
    if (!url.startsWith("//", colon + 1)) {
      return url.substring(colon + 1);
    }
    int slash = url.indexOf('/', colon + 3);
    return slash < 0 ? "/" : url.substring(slash);
  }

  /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
  public static void deleteTree(String dir) throws IOException {
    deleteUnder(dir, List.of());
    if (!isLocal(dir)) {
      // A real directory (HDFS) outlives its files; on object stores there is nothing at the prefix itself.
      FileSystems.delete(List.of(FileSystems.matchNewResource(dir, true)), StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /**
   * Deletes everything under {@code dir} except the entries (files or directories directly under
   * it) named in {@code keep}; {@code dir} itself stays (locally).
   */
  public static void deleteUnder(String dir, List<String> keep) throws IOException {
    if (isLocal(dir)) {
      Path d = Path.of(dir);
      if (!Files.exists(d)) {
        return;
      }
      if (keep.isEmpty()) {
        MoreFiles.deleteRecursively(d, RecursiveDeleteOption.ALLOW_INSECURE);
        return;
      }
      try (var entries = Files.list(d)) {
        for (Path e : entries.toList()) {
          if (!keep.contains(e.getFileName().toString())) {
            MoreFiles.deleteRecursively(e, RecursiveDeleteOption.ALLOW_INSECURE);
          }
        }
      }
      return;
    }
    deleteFiles(dir, rest -> !keep.contains(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest));
  }

  /** The file {@code name} in directory {@code dir}. */
  public static String file(String dir, String name) {
    return string(FileSystems.matchNewResource(absolute(dir), true).resolve(name, StandardResolveOptions.RESOLVE_FILE));
  }

  /** The files directly in {@code dir} whose names match {@code glob} (e.g. {@code *.jsonl}), sorted. */
  public static List<String> files(String dir, String glob) throws IOException {
    MatchResult m = FileSystems.match(file(dir, glob), EmptyMatchTreatment.ALLOW);
    if (m.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    TreeSet<String> out = new TreeSet<>();
    for (MatchResult.Metadata f : m.metadata()) {
      if (!f.resourceId().isDirectory()) {
        out.add(string(f.resourceId()));
      }
    }
    return new ArrayList<>(out);
  }

  /** Whether {@code file} exists as a file (an object, on object stores). */
  public static boolean isFile(String file) throws IOException {
    if (isLocal(file)) {
      return Files.isRegularFile(localPath(file));
    }
    MatchResult m = FileSystems.match(List.of(file), EmptyMatchTreatment.ALLOW).get(0);
    return m.status() == MatchResult.Status.OK && !m.metadata().isEmpty();
  }

  /** Reads {@code file}; close the stream. */
  public static InputStream open(String file) throws IOException {
    return Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(absolute(file), false)));
  }

  /** The whole of {@code file}, as UTF-8 text. */
  public static String readString(String file) throws IOException {
    try (InputStream in = open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Creates or replaces {@code file} (and, locally, its directories); close the stream to finish the file. */
  public static OutputStream create(String file) throws IOException {
    return Channels.newOutputStream(FileSystems.create(FileSystems.matchNewResource(absolute(file), false),
        MimeTypes.BINARY));
  }

  /**
   * {@code r} as a location that Beam routes back to its file system. Beam's Hadoop file system
   * writes a location that leaves the cluster to {@code fs.defaultFS} ({@code hdfs:///out/}) without
   * the empty authority ({@code hdfs:/out/}), which Beam would then take for a local path.
   */
  private static String string(ResourceId r) {
    String s = r.toString();
    return !"file".equals(r.getScheme()) && NO_AUTHORITY.matcher(s).matches() ? s.replaceFirst(":/", ":///") : s;
  }

  /** A local location ({@link #isLocal}) as a path. */
  public static Path localPath(String location) {
    return location.startsWith("file://") ? Path.of(java.net.URI.create(location)) : Path.of(location);
  }

  /** Local paths made absolute (Beam resolves names against absolute paths only); others as they are. */
  private static String absolute(String location) {
    if (!isLocal(location) || location.startsWith("file://")) {
      return location;
    }
    return Path.of(location).toAbsolutePath().toString();
  }
}
