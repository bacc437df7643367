package dev.tracegen.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tracegen.io.IoErrors;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A run profile ({@code pipeline/*.yaml}): seeds, targets per split and constraint-count stratum,
 * over-generation, weights and the run seed. Targets are a total plus a shape, scaled to the total
 * by the largest-remainder method. {@code license} and {@code pretty_name} go to the dataset card
 * (empty: the card's defaults). {@code reference}: an eval set (JSONL with {@code levels2} and
 * {@code constraints_num}, such as the official TRACE eval set) that the report compares the build
 * with when {@code --reference} is not given (empty: none). {@code language}: the language the
 * corpus is written in, which selects the per-language prompts and taxonomy phrasings (default
 * {@code en}; {@code --language} overrides it).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Profile(
    String name,
    String description,
    long runSeed,
    List<String> seeds,
    String seedFormat,
    double evalSeedFraction,
    Map<String, Target> targets,
    double overgeneration,
    double overgenerationPerConstraint,
    Map<String, Double> perturbationOps,
    Map<String, Double> dimensionWeights,
    Map<String, Integer> shards,
    String category,
    String license,
    String prettyName,
    String reference,
    String language)
    implements Serializable {

  /** Target of one split: a total and a relative shape over constraint counts 1..15. */
  public record Target(int total, Map<Integer, Double> shape) implements Serializable {}

  public Profile {
    seedFormat = seedFormat == null ? "auto" : seedFormat;
    perturbationOps = perturbationOps == null ? Map.of("ADD", 1.0, "DELETE", 1.0, "REVISE", 1.0) : new TreeMap<>(perturbationOps);
    dimensionWeights = dimensionWeights == null ? Map.of() : new TreeMap<>(dimensionWeights);
    shards = shards == null ? Map.of("train", 16, "eval", 1) : new TreeMap<>(shards);
    category = category == null ? "tracegen" : category;
    description = description == null ? "" : description;
    license = license == null ? "" : license;
    prettyName = prettyName == null ? "" : prettyName;
    reference = reference == null ? "" : reference;
    language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language;
  }

  /** The language of a profile that names none: the taxonomy's base files and prompts are English. */
  public static final String DEFAULT_LANGUAGE = TaxonomyLoader.BASE_LANGUAGE;

  /** A language code: ISO 639-1 or -3, lower case, as the per-language file names use it. */
  private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2,3}");

  /** Whether {@code code} has the form of a language code ({@code zh}, {@code en}, {@code yue}). */
  public static boolean isLanguageCode(String code) {
    return LANGUAGE_CODE.matcher(code).matches();
  }

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  public static Profile load(Path file) {
    List<String> problems = problems(file);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.size() == 1 ? problems.get(0)
          : "invalid profile " + file + ":\n  " + String.join("\n  ", problems));
    }
    try {
      return read(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read profile: " + IoErrors.describe(e), e);
    }
  }

  /** Everything wrong with the profile in {@code file}, each as {@code file[:line]: problem}. */
  public static List<String> problems(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of(file + ": profile not found");
    }
    Profile p;
    try {
      p = read(file);
    } catch (IOException e) {
      String where = file.toString();
      if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException upe) {
        // Jackson's location is past the key; the key's own line is what to fix.
        int line = lineOf(readQuietly(file), upe.getPropertyName());
        where = line > 0 ? file + ":" + line : where;
      } else if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
        where = file + ":" + jpe.getLocation().getLineNr();
      }
      // Jackson messages go on with a source excerpt; the first line says it.
      String message = IoErrors.describe(e).split("\n")[0];
      return List.of(where + ": cannot read profile: " + message);
    }
    String text = readQuietly(file);
    List<String> out = new ArrayList<>();
    for (String problem : p.problems()) {
      int line = lineOf(text, problem.split("[ :]", 2)[0]);
      out.add(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
    return out;
  }

  /** The text, only to locate keys; a read error was already reported by the YAML reader. */
  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static Profile read(Path file) throws IOException {
    return YAML.readValue(file.toFile(), Profile.class);
  }

  /** The line of a dotted key path ({@code targets.train.total}) in YAML text, or 0 when not found. */
  private static int lineOf(String yaml, String dotted) {
    Node node;
    try {
      node = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (RuntimeException e) {
      return 0;
    }
    int line = 0;
    for (String key : dotted.split("\\.")) {
      if (!(node instanceof MappingNode m)) {
        break;
      }
      Node next = null;
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          line = k.getStartMark().getLine() + 1;
          next = t.getValueNode();
        }
      }
      if (next == null) {
        break;
      }
      node = next;
    }
    return line;
  }

  /** Everything wrong with this profile, for {@code validate} and for load. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (seeds == null || seeds.isEmpty()) {
      out.add("seeds: at least one seed file is needed");
    }
    if (targets == null || !targets.containsKey("train") || !targets.containsKey("eval")) {
      out.add("targets: both 'train' and 'eval' are needed");
    }
    if (targets != null) {
      targets.forEach((split, t) -> {
        if (t == null) {
          out.add("targets." + split + " is empty");
          return;
        }
        // Zero would publish an empty split as a successful corpus.
        if (t.total() <= 0) {
          out.add("targets." + split + ".total must be at least 1, got " + t.total());
        }
        if (t.shape() == null || t.shape().isEmpty()) {
          out.add("targets." + split + ".shape is empty");
        } else if (t.shape().values().stream().noneMatch(w -> w != null && w > 0)) {
          out.add("targets." + split + ".shape has no positive weight");
        } else {
          t.shape().forEach((k, w) -> {
            if (k < 1 || k > 15) {
              out.add("targets." + split + ".shape: constraint count " + k + " outside 1..15");
            }
            if (w == null || w < 0) {
              out.add("targets." + split + ".shape." + k + " must not be negative");
            }
          });
        }
      });
    }
    if (evalSeedFraction <= 0 || evalSeedFraction >= 1) {
      out.add("eval_seed_fraction must be between 0 and 1");
    }
    if (overgeneration < 1) {
      out.add("overgeneration must be at least 1");
    }
    if (!isLanguageCode(language)) {
      out.add("language: '" + language + "' is not a language code (two or three lower-case letters: zh, en)");
    }
    for (String op : perturbationOps.keySet()) {
      if (!List.of("ADD", "DELETE", "REVISE").contains(op)) {
        out.add("perturbation_ops: unknown op " + op + " (ADD, DELETE, REVISE)");
      }
    }
    return out;
  }

  /** Exact per-stratum targets of a split: the shape scaled to the total by largest remainder. */
  public Map<Integer, Integer> stratumTargets(String split) {
    Target t = targets.get(split);
    double sum = t.shape().values().stream().mapToDouble(Double::doubleValue).sum();
    Map<Integer, Integer> out = new TreeMap<>();
    List<double[]> remainders = new ArrayList<>();
    int assigned = 0;
    for (Map.Entry<Integer, Double> e : new TreeMap<>(t.shape()).entrySet()) {
      double exact = sum == 0 ? 0 : t.total() * e.getValue() / sum;
      int floor = (int) Math.floor(exact);
      out.put(e.getKey(), floor);
      assigned += floor;
      remainders.add(new double[] {e.getKey(), exact - floor});
    }
    // Ties go to the smaller k so the result never depends on map order.
    remainders.sort(Comparator.<double[]>comparingDouble(r -> -r[1]).thenComparingDouble(r -> r[0]));
    for (int i = 0; i < t.total() - assigned; i++) {
      int k = (int) remainders.get(i % remainders.size())[0];
      out.merge(k, 1, Integer::sum);
    }
    return out;
  }

  /** Plans to draw for a stratum: target times the over-generation factor, growing with k. */
  public int plannedCount(int k, int target) {
    if (target == 0) {
      return 0;
    }
    return (int) Math.ceil(target * overgeneration * (1 + overgenerationPerConstraint * (k - 1))) + 2;
  }

  public Profile withOvergeneration(double factor) {
    return new Profile(name, description, runSeed, seeds, seedFormat, evalSeedFraction, targets, factor,
        overgenerationPerConstraint, perturbationOps, dimensionWeights, shards, category, license, prettyName,
        reference, language);
  }

  /** This profile in another language (its per-language prompts, phrasings and conventions). */
  public Profile withLanguage(String code) {
    return new Profile(name, description, runSeed, seeds, seedFormat, evalSeedFraction, targets, overgeneration,
        overgenerationPerConstraint, perturbationOps, dimensionWeights, shards, category, license, prettyName,
        reference, code);
  }
}
