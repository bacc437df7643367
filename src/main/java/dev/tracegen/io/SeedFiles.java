package dev.tracegen.io;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;

/** Driver-side checks of seed file patterns, so that a run fails early with a clear message. */
public final class SeedFiles {
  private SeedFiles() {}

  /**
   * Checks, with the file systems registered for these options, that every pattern matches at
   * least one readable file; see {@link #checkReadable(List)}.
   */
  public static List<String> checkReadable(List<String> patterns, PipelineOptions options) {
    FileSystems.setDefaultPipelineOptions(options);
    return checkReadable(patterns);
  }

  /**
   * Checks that every pattern matches at least one file and that each matched file can be opened.
   *
   * @return the matched files, sorted and without repeats
   * @throws IllegalArgumentException {@code "seed file not found: <pattern>"} when a pattern
   *     matches nothing, or {@code "cannot read seed file ..."} when a file cannot be opened
   */
  public static List<String> checkReadable(List<String> patterns) {
    if (patterns == null || patterns.isEmpty()) {
      throw new IllegalArgumentException("no seed files given");
    }
    TreeSet<String> found = new TreeSet<>();
    for (String raw : patterns) {
      if (raw == null || raw.isBlank()) {
        throw new IllegalArgumentException("empty seed file pattern in " + patterns);
      }
      String pattern = raw.strip();
      List<MatchResult.Metadata> matched;
      try {
        MatchResult result = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
        if (result.status() == MatchResult.Status.NOT_FOUND) {
          throw new IllegalArgumentException("seed file not found: " + pattern);
        }
        if (result.status() != MatchResult.Status.OK) {
          throw new IllegalArgumentException(
              "cannot read seed files " + pattern + ": match status " + result.status());
        }
        matched = result.metadata();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read seed files " + pattern + ": " + e.getMessage(), e);
      }
      if (matched.isEmpty()) {
        throw new IllegalArgumentException("seed file not found: " + pattern);
      }
      for (MatchResult.Metadata m : matched) {
        try {
          ReadableByteChannel channel = FileSystems.open(m.resourceId());
          channel.close();
          found.add(m.resourceId().toString());
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read seed file " + m.resourceId() + ": " + e.getMessage(), e);
        }
      }
    }
    return new ArrayList<>(found);
  }

  /** Splits a comma-separated option value ({@code a.jsonl, b/*.jsonl.gz}) into patterns. */
  public static List<String> split(String patterns) {
    List<String> out = new ArrayList<>();
    if (patterns != null) {
      for (String p : patterns.split(",")) {
        if (!p.isBlank()) {
          out.add(p.strip());
        }
      }
    }
    return out;
  }
}
