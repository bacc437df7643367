package dev.tracegen.io;

import dev.tracegen.model.Seed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;

/** Driver-side checks of seed file patterns, so that a run fails early with a clear message. */
public final class SeedFiles {
  /** Rejected lines listed per file before the rest are only counted. */
  public static final int MAX_LINE_PROBLEMS_PER_FILE = 20;

  private SeedFiles() {}

  /**
   * What reading every seed file to its end found.
   *
   * @param files the matched files, sorted, each once
   * @param seeds usable seed lines (duplicates of an id included)
   * @param errors what stops a run: patterns that match nothing, unreadable files (path and line
   *     reached), a file without any usable seed, a seed set without any
   * @param rejectedLines lines a run rejects and goes on without (bad lines, repeated ids), as
   *     {@code path:line: message}, at most {@link #MAX_LINE_PROBLEMS_PER_FILE} per file and then a count
   */
  public record Check(List<String> files, long seeds, List<String> errors, List<String> rejectedLines) {
    public Check {
      files = List.copyOf(files);
      errors = List.copyOf(errors);
      rejectedLines = List.copyOf(rejectedLines);
    }
  }

  /**
   * Matches every pattern and reads every matched file to the end (decompressed as the pipeline
   * does), parsing each line as a run would. Never throws: every problem is in the result.
   */
  public static Check check(List<String> patterns, SeedFormat format) {
    List<String> errors = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    TreeSet<String> files = new TreeSet<>();
    if (patterns == null || patterns.isEmpty()) {
      return new Check(List.of(), 0, List.of("no seed files given"), List.of());
    }
    for (String raw : patterns) {
      if (raw == null || raw.isBlank()) {
        errors.add("empty seed file pattern in " + patterns);
        continue;
      }
      String pattern = raw.strip();
      try {
        MatchResult result = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
        if (result.status() == MatchResult.Status.OK && !result.metadata().isEmpty()) {
          result.metadata().forEach(m -> files.add(m.resourceId().toString()));
        } else if (result.status() == MatchResult.Status.OK || result.status() == MatchResult.Status.NOT_FOUND) {
          errors.add(pattern + ": seed file not found");
        } else {
          errors.add(pattern + ": cannot list seed files: match status " + result.status());
        }
      } catch (IOException e) {
        errors.add(pattern + ": cannot list seed files: " + IoErrors.describe(e));
      }
    }
    SeedParser parser = new SeedParser(format);
    Map<String, String> firstSeen = new HashMap<>();
    long seeds = 0;
    boolean readErrors = false;
    List<String> empty = new ArrayList<>();
    for (String file : files) {
      long before = rejected.size();
      long[] fileSeeds = {0};
      int[] more = {0};
      Consumer<String> reject = problem -> {
        if (rejected.size() - before < MAX_LINE_PROBLEMS_PER_FILE) {
          rejected.add(problem);
        } else {
          more[0]++;
        }
      };
      String name = FileSystems.matchNewResource(file, false).getFilename();
      try (InputStream in = SeedFileReader.open(file)) {
        SeedFileReader.read(file, name == null || name.isEmpty() ? file : name, in, parser, r -> {
          if (r.isProblem()) {
            reject.accept(file + ":" + r.problem().line() + ": " + r.problem().message());
          } else if (r.isSeed()) {
            fileSeeds[0]++;
            String where = file + ":" + r.line();
            String previous = firstSeen.putIfAbsent(r.seed().id(), where);
            if (previous != null) {
              reject.accept(where + ": duplicate seed id '" + r.seed().id() + "' (first at " + previous
                  + "; a run keeps the first)");
            }
          }
        });
      } catch (IOException e) {
        // Read errors from SeedFileReader already name the file and line; opening errors do not.
        String message = e.getMessage() != null && e.getMessage().startsWith(file) ? e.getMessage()
            : file + ": cannot open the seed file: " + IoErrors.describe(e);
        errors.add(message);
        readErrors = true;
        fileSeeds[0] = -1;
      }
      if (more[0] > 0) {
        rejected.add(file + ": " + more[0] + " more bad line(s) not listed");
      }
      if (fileSeeds[0] == 0) {
        empty.add(file);
      }
      seeds += Math.max(0, fileSeeds[0]);
    }
    if (seeds == 0 && !readErrors && !empty.isEmpty()) {
      errors.add("no usable seeds in " + String.join(", ", empty) + ": every line is blank or was rejected");
    } else {
      // Most likely a wrong file among good ones; a run would silently draw nothing from it.
      empty.forEach(f -> errors.add(f + ": no usable seed in this file (every line is blank or was rejected)"));
    }
    return new Check(new ArrayList<>(files), seeds, errors, rejected);
  }

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

  /**
   * The seeds a run reads from these files: every usable line, and of several lines with one id
   * the first by (file, line), as {@link ReadSeeds} keeps it. For the driver's own use of the
   * seed bank (calibrating the plan); the pipeline reads the files itself.
   *
   * @throws IllegalArgumentException as {@link #checkReadable(List)}, or when a file cannot be read
   */
  public static List<Seed> read(List<String> patterns, SeedFormat format) {
    SeedParser parser = new SeedParser(format);
    Map<String, Seed> byId = new LinkedHashMap<>();
    for (String file : checkReadable(patterns)) {
      String name = FileSystems.matchNewResource(file, false).getFilename();
      try (InputStream in = SeedFileReader.open(file)) {
        SeedFileReader.read(file, name == null || name.isEmpty() ? file : name, in, parser, r -> {
          if (r.isSeed()) {
            byId.putIfAbsent(r.seed().id(), r.seed());
          }
        });
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read seed file " + file + ": " + IoErrors.describe(e), e);
      }
    }
    return new ArrayList<>(byId.values());
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
