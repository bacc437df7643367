package dev.tracegen.report;

import dev.tracegen.config.Profile;
import dev.tracegen.config.Prompts;
import dev.tracegen.io.SeedFormat;
import dev.tracegen.io.SeedParser;
import dev.tracegen.taxonomy.Taxonomy;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The checks {@code tracegen validate} adds to the taxonomy and profile checks: every seed line
 * parsed as a run would parse it (bad lines with {@code file:line}), placeholders in the prompt
 * templates that their step does not provide, and weights that name unknown dimensions. No LLM
 * call, no pipeline.
 */
public final class InputChecks {
  /** Bad seed lines listed per file before the rest are only counted. */
  public static final int MAX_SEED_PROBLEMS_PER_FILE = 20;

  /** The {@code {{vars}}} each step fills in (see the stages' {@code ctx.prompt} calls). */
  static final Map<String, Set<String>> PROMPT_VARS = Map.of(
      "expand", Set.of("seed", "input", "count", "constraints", "payload"),
      "structure", Set.of("instruction", "dimensions", "param_guide", "payload"),
      "quality", Set.of("description", "constraints", "input", "payload"),
      "respond", Set.of("instruction"),
      "judge", Set.of("instruction", "constraints", "response", "payload"),
      "perturb", Set.of("op", "hints", "instruction", "constraints", "payload"));

  /** Anything that looks like a placeholder, so that {@code {{ Seed }}} is caught too. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}\\n]{0,60})}}");
  private static final Pattern VAR = Pattern.compile("[a-z_]+");
  private static final int PEEK_BYTES = 4096;

  private InputChecks() {}

  /** Placeholders a step does not provide, as {@code file:line: ...}. Missing files are reported by Prompts.load. */
  public static List<String> promptProblems(Path dir) {
    List<String> out = new ArrayList<>();
    for (String step : Prompts.STEPS) {
      Path file = dir.resolve(step + ".txt");
      if (!Files.isRegularFile(file)) {
        continue;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        out.add(file + ": cannot read: " + e.getMessage());
        continue;
      }
      Set<String> known = PROMPT_VARS.getOrDefault(step, Set.of());
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = PLACEHOLDER.matcher(lines.get(i));
        while (m.find()) {
          String name = m.group(1);
          if (!VAR.matcher(name).matches()) {
            out.add(file + ":" + (i + 1) + ": malformed placeholder {{" + name + "}} (use {{lower_case}}; it would be"
                + " sent to the model as it is)");
          } else if (!known.contains(name)) {
            out.add(file + ":" + (i + 1) + ": unknown placeholder {{" + name + "}}; the " + step + " step provides "
                + new TreeSet<>(known));
          }
        }
      }
    }
    return out;
  }

  /** Ids in the profile's {@code dimension_weights} that the taxonomy does not have. */
  public static List<String> weightProblems(String profileFile, Profile profile, Taxonomy taxonomy) {
    List<String> out = new ArrayList<>();
    for (String id : new TreeSet<>(profile.dimensionWeights().keySet())) {
      if (!taxonomy.has(id)) {
        out.add(profileFile + ": dimension_weights names unknown dimension '" + id + "'");
      }
    }
    return out;
  }

  /**
   * Parses every line of every seed file matched by {@code patterns} the way a run does and lists
   * the lines a run would reject ({@code file:line: message}, at most {@link
   * #MAX_SEED_PROBLEMS_PER_FILE} per file, then a count), plus files without any usable seed.
   * Patterns that match nothing are left to {@code SeedFiles.checkReadable}.
   */
  public static List<String> seedProblems(List<String> patterns, SeedFormat format) {
    List<String> out = new ArrayList<>();
    SeedParser parser = new SeedParser(format);
    Map<String, String> firstSeen = new HashMap<>();
    TreeSet<String> files = new TreeSet<>();
    for (String pattern : patterns) {
      if (pattern == null || pattern.isBlank()) {
        continue;
      }
      try {
        MatchResult r = FileSystems.match(pattern.strip(), EmptyMatchTreatment.ALLOW);
        if (r.status() == MatchResult.Status.OK) {
          r.metadata().forEach(m -> files.add(m.resourceId().toString()));
        }
      } catch (IOException e) {
        // reported by SeedFiles.checkReadable
      }
    }
    for (String file : files) {
      try {
        checkFile(parser, file, out, firstSeen);
      } catch (IOException e) {
        out.add(file + ": cannot read: " + e.getMessage());
      }
    }
    return out;
  }

  private static void checkFile(SeedParser parser, String path, List<String> out, Map<String, String> firstSeen)
      throws IOException {
    String name = FileSystems.matchNewResource(path, false).getFilename();
    if (name == null || name.isEmpty()) {
      name = path;
    }
    List<SeedParser.Result> results = new ArrayList<>();
    try (InputStream raw = open(path)) {
      BufferedInputStream in = new BufferedInputStream(raw, PEEK_BYTES);
      if (parser.readsJsonArrays() && parser.formatFor(name) != SeedFormat.TEXT && firstNonBlankIs(in, '[')) {
        results.addAll(parser.parseJsonArray(name, in.readAllBytes()));
      } else {
        readLines(parser, name, in, results);
      }
    }
    int listed = 0;
    int more = 0;
    int seeds = 0;
    for (SeedParser.Result r : results) {
      String problem = null;
      if (r.isProblem()) {
        problem = path + ":" + r.problem().line() + ": " + r.problem().message();
      } else if (r.isSeed()) {
        seeds++;
        String where = path + ":" + r.line();
        String previous = firstSeen.putIfAbsent(r.seed().id(), where);
        if (previous != null) {
          problem = where + ": duplicate seed id '" + r.seed().id() + "' (first at " + previous + "; a run keeps the first)";
        }
      }
      if (problem != null) {
        if (listed < MAX_SEED_PROBLEMS_PER_FILE) {
          out.add(problem);
          listed++;
        } else {
          more++;
        }
      }
    }
    if (more > 0) {
      out.add(path + ": " + more + " more bad line(s) not listed");
    }
    if (seeds == 0) {
      out.add(path + ": no usable seed in this file");
    }
  }

  private static InputStream open(String path) throws IOException {
    InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(path, false)));
    return path.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** Splits on {@code \n} without decoding, keeping at most enough bytes to parse a line within the limit. */
  private static void readLines(SeedParser parser, String name, InputStream in, List<SeedParser.Result> results)
      throws IOException {
    int keep = (int) Math.min(Integer.MAX_VALUE - 16, 4L * parser.maxLineChars() + 4);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long chars = 0;
    long number = 0;
    boolean any = false;
    byte[] buf = new byte[1 << 16];
    int n;
    while ((n = in.read(buf)) != -1) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        any = true;
        if (b == '\n') {
          number++;
          results.add(parse(parser, name, number, line, chars));
          line.reset();
          chars = 0;
          any = false;
          continue;
        }
        if ((b & 0xC0) != 0x80) {
          chars++;
        }
        if (line.size() < keep) {
          line.write(b);
        }
      }
    }
    if (any) {
      results.add(parse(parser, name, number + 1, line, chars));
    }
  }

  private static SeedParser.Result parse(SeedParser parser, String name, long number, ByteArrayOutputStream line,
      long chars) {
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
      chars--;
    }
    return parser.parse(name, number, bytes, length, chars);
  }

  private static boolean firstNonBlankIs(BufferedInputStream in, char c) throws IOException {
    in.mark(PEEK_BYTES);
    try {
      int b;
      int read = 0;
      while ((b = in.read()) != -1 && read++ < PEEK_BYTES - 1) {
        if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF) {
          continue;
        }
        return b == c;
      }
      return false;
    } finally {
      in.reset();
    }
  }
}
