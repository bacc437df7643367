package dev.tracegen.taxonomy;

import com.google.common.hash.Hashing;
import dev.tracegen.check.Checker;
import dev.tracegen.check.Checkers;
import dev.tracegen.io.IoErrors;
import dev.tracegen.model.Choice;
import dev.tracegen.model.Params;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code taxonomy/*.yaml} and validates it completely before any LLM call: every problem is
 * collected with its {@code file:line} and reported together, so one run shows them all.
 *
 * <p>The base files are English. A language overlay, {@code taxonomy/<language>/<type>.yaml},
 * holds only what is written in that language: each dimension's perturbation hints, the cues of its
 * enum params, and its phrasings (the same ids, keys and structure as the base's, in other words).
 * Loading a language reads the base files, then replaces those parts with the overlay's.
 */
public final class TaxonomyLoader {
  private static final Set<String> DIMENSION_KEYS = Set.of("id", "name", "label_zh", "definition",
      "weight", "checker", "needs_input", "provides_input", "repeatable", "revisable",
      "conflicts_with", "perturbation", "phrasings", "params");
  private static final Set<String> PHRASING_KEYS = Set.of("id", "text", "evidence", "respond",
      "input", "options", "conflicts_with", "revise_to", "choose", "judge");
  private static final Set<String> JUDGE_KEYS = Set.of("by", "present", "begins", "at", "need", "forbidden",
      "violate", "values");
  private static final Set<String> JUDGE_VALUE_KEYS = Set.of("markers", "forbidden", "respond", "violate");
  private static final Set<String> OVERLAY_KEYS = Set.of("type", "language", "dimensions");
  private static final Set<String> OVERLAY_DIMENSION_KEYS = Set.of("id", "perturbation", "params", "phrasings");

  /** The language of the base files. */
  public static final String BASE_LANGUAGE = "en";

  /** The constraint types of the IOPO taxonomy; records and stats group by these ids. */
  public static final List<String> TYPES = List.of("content", "situation", "style", "format", "example");

  private final List<String> problems = new ArrayList<>();
  private final Predicate<String> checkerExists;
  private final BiFunction<String, Params, List<String>> paramProblems;
  private final boolean checkParams;
  // The keys each phrasing entry has, by "file:line", so that an overlay's can be held to its base's.
  private final Map<String, Set<String>> phrasingKeys = new HashMap<>();

  private TaxonomyLoader(Predicate<String> checkerExists,
      BiFunction<String, Params, List<String>> paramProblems, boolean checkParams) {
    this.checkerExists = checkerExists;
    this.paramProblems = paramProblems;
    this.checkParams = checkParams;
  }

  /**
   * Loads and validates the base (English) files, including every phrasing option's params against
   * its checker's param schema ({@link Checker#paramProblems}) and against the option's own sentence
   * ({@link ParamSpec}).
   */
  public static Taxonomy load(Path dir, Checkers checkers) {
    return load(dir, checkers, BASE_LANGUAGE);
  }

  /** As {@link #load(Path, Checkers)}, with the phrasings of {@code language} (its overlay in {@code dir/<language>/}). */
  public static Taxonomy load(Path dir, Checkers checkers, String language) {
    return new TaxonomyLoader(id -> checkers.get(id).isPresent(),
        (id, params) -> checkers.get(id).map(c -> c.paramProblems(params)).orElse(List.of()), true)
        .loadDir(dir, language);
  }

  /**
   * Loads and validates knowing only which checker ids exist: params are not checked against
   * checker schemas or sentences. For readers of a finished corpus; a run uses {@link #load(Path, Checkers)}.
   */
  public static Taxonomy load(Path dir, Predicate<String> checkerExists) {
    return load(dir, checkerExists, BASE_LANGUAGE);
  }

  /** As {@link #load(Path, Predicate)}, with the phrasings of {@code language}. */
  public static Taxonomy load(Path dir, Predicate<String> checkerExists, String language) {
    return new TaxonomyLoader(checkerExists, (id, params) -> List.of(), false).loadDir(dir, language);
  }

  /** Every problem {@link #load(Path, Checkers)} finds in {@code dir}, without throwing (for {@code tracegen validate}). */
  public static List<String> problems(Path dir, Checkers checkers) {
    return problems(dir, checkers, BASE_LANGUAGE);
  }

  /** Every problem {@link #load(Path, Checkers, String)} finds in {@code dir} for {@code language}, without throwing. */
  public static List<String> problems(Path dir, Checkers checkers, String language) {
    try {
      load(dir, checkers, language);
      return List.of();
    } catch (TaxonomyException e) {
      return e.problems();
    }
  }

  /** The languages {@code dir} can be loaded in: {@code en} and each subdirectory holding overlay files, sorted. */
  public static List<String> languages(Path dir) {
    List<String> out = new ArrayList<>(List.of(BASE_LANGUAGE));
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isDirectory).filter(d -> !yamlFiles(d).isEmpty()).map(d -> d.getFileName().toString())
          .filter(l -> !l.equals(BASE_LANGUAGE)).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new TaxonomyException(List.of(dir + ": cannot list: " + IoErrors.describe(e)));
    }
    return out;
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private Taxonomy loadDir(Path dir, String language) {
    if (language == null || !language.matches("[a-z]{2,3}(?:[-_][A-Za-z0-9]+)*")) {
      throw new TaxonomyException(List.of("'" + language + "' is not a language code such as en or zh"));
    }
    if (!Files.isDirectory(dir)) {
      throw new TaxonomyException(List.of(dir + ": taxonomy directory not found"));
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new TaxonomyException(List.of(dir + ": cannot list: " + IoErrors.describe(e)));
    }
    if (files.isEmpty()) {
      throw new TaxonomyException(List.of(dir + ": no *.yaml files"));
    }
    List<Dimension> dims = new ArrayList<>();
    StringBuilder allText = new StringBuilder();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(file + ": cannot read: " + IoErrors.describe(e));
        continue;
      }
      allText.append(file.getFileName()).append('\n').append(text).append('\n');
      dims.addAll(parseFile(file.toString(), text));
    }
    crossCheck(dims);
    if (!language.equals(BASE_LANGUAGE)) {
      dims = overlay(dir, language, dims, allText);
    }
    if (!problems.isEmpty()) {
      throw new TaxonomyException(problems);
    }
    String version = Hashing.sha256().hashString(allText, StandardCharsets.UTF_8).toString().substring(0, 12);
    return new Taxonomy(dims, version, language);
  }

  /** The file's YAML tree (an empty scalar for an empty file), or null after reporting a syntax error. */
  private Node compose(String file, String text) {
    try {
      Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
      return root != null ? root : new ScalarNode(Tag.STR, "", null, null, DumperOptions.ScalarStyle.PLAIN);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      problems.add(file + ":" + line + ": YAML syntax error: " + e.getProblem());
      return null;
    } catch (RuntimeException e) {
      problems.add(file + ":1: YAML error: " + e.getMessage());
      return null;
    }
  }

  private List<Dimension> parseFile(String file, String text) {
    Node root = compose(file, text);
    if (root == null) {
      return List.of();
    }
    if (!(root instanceof MappingNode top)) {
      problems.add(file + ":1: expected a mapping with 'type' and 'dimensions'");
      return List.of();
    }
    Map<String, Node> fields = fields(file, top, null);
    String type = scalar(file, fields, "type", top, true);
    if (type != null && !TYPES.contains(type)) {
      problems.add(file + ":" + line(fields.get("type")) + ": unknown constraint type '" + type + "' (known: "
          + String.join(", ", TYPES) + ")");
    }
    Node list = fields.get("dimensions");
    if (!(list instanceof SequenceNode seq)) {
      problems.add(file + ":" + line(top) + ": 'dimensions' must be a list");
      return List.of();
    }
    List<Dimension> dims = new ArrayList<>();
    for (Node n : seq.getValue()) {
      Dimension d = parseDimension(file, type, n);
      if (d != null) {
        dims.add(d);
      }
    }
    return dims;
  }

  private Dimension parseDimension(String file, String type, Node node) {
    if (!(node instanceof MappingNode m)) {
      problems.add(file + ":" + line(node) + ": a dimension must be a mapping");
      return null;
    }
    Map<String, Node> f = fields(file, m, DIMENSION_KEYS);
    String id = scalar(file, f, "id", m, true);
    String where = " (dimension " + id + ")";
    String name = scalar(file, f, "name", m, true);
    String definition = scalar(file, f, "definition", m, true);
    String labelZh = scalar(file, f, "label_zh", m, true);
    double weight = number(file, f, "weight", m, 1.0);
    String checker = scalar(file, f, "checker", m, false);
    if (checker != null && !checker.isEmpty() && !checkerExists.test(checker)) {
      problems.add(file + ":" + line(f.get("checker")) + ": unknown checker '" + checker + "'" + where);
    }
    Map<String, ParamSpec> params = parseParams(file, id, f.get("params"));
    Map<String, Node> pert = f.get("perturbation") instanceof MappingNode pm ? fields(file, pm, Set.of("add", "revise")) : Map.of();
    List<Phrasing> phrasings = new ArrayList<>();
    Node pl = f.get("phrasings");
    if (!(pl instanceof SequenceNode ps) || ps.getValue().isEmpty()) {
      problems.add(file + ":" + line(pl == null ? m : pl) + ": 'phrasings' must be a non-empty list" + where);
    } else {
      for (Node pn : ps.getValue()) {
        Phrasing p = parsePhrasing(file, id, checker, pn);
        if (p != null) {
          phrasings.add(p);
        }
      }
    }
    checkOptionsAgainstParams(file, id, checker, phrasings, params);
    boolean providesInput = bool(file, f, "provides_input");
    if (providesInput) {
      phrasings.stream().filter(p -> p.input().isBlank()).forEach(p ->
          problems.add(file + ":" + p.line() + ": phrasing '" + p.id() + "' of a provides_input dimension has no 'input'"));
    }
    if (id == null || name == null || definition == null || labelZh == null) {
      return null;
    }
    return new Dimension(id, type, name, definition, labelZh, weight, checker,
        bool(file, f, "needs_input"), providesInput, bool(file, f, "repeatable"),
        !f.containsKey("revisable") || bool(file, f, "revisable"), strings(file, f, "conflicts_with"),
        pert.containsKey("add") ? ((ScalarNode) pert.get("add")).getValue() : "",
        pert.containsKey("revise") ? ((ScalarNode) pert.get("revise")).getValue() : "",
        phrasings, params, file, line(m));
  }

  /**
   * The base dimensions with the parts {@code dir/<language>/<type>.yaml} writes in that language.
   * Everything else (weights, checkers, ids, structure) stays the base's, so an overlay is held to
   * its base: each missing file, dimension, phrasing, key or cue is named, and so is each difference
   * in structure.
   */
  private List<Dimension> overlay(Path dir, String language, List<Dimension> base, StringBuilder allText) {
    Path langDir = dir.resolve(language);
    if (!Files.isDirectory(langDir)) {
      problems.add(langDir + ": no overlay directory for language " + language + " (languages: "
          + String.join(", ", languages(dir)) + ")");
      return base;
    }
    Map<String, List<Dimension>> byType = new LinkedHashMap<>();
    base.forEach(d -> byType.computeIfAbsent(d.type(), k -> new ArrayList<>()).add(d));
    for (Path f : yamlFiles(langDir)) {
      String name = f.getFileName().toString();
      String stem = name.substring(0, name.lastIndexOf('.'));
      if (!byType.containsKey(stem) || !name.endsWith(".yaml")) {
        problems.add(f + ":1: no base dimensions of type '" + stem + "' for this overlay (overlay files are named "
            + byType.keySet().stream().map(t -> t + ".yaml").collect(Collectors.joining(", ")) + ")");
      }
    }
    List<Dimension> out = new ArrayList<>();
    byType.forEach((type, dims) -> {
      Path file = langDir.resolve(type + ".yaml");
      String text = null;
      if (!Files.isRegularFile(file)) {
        problems.add(file + " is missing (language " + language + ")");
      } else {
        try {
          text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          problems.add(file + ": cannot read: " + IoErrors.describe(e));
        }
      }
      if (text == null) {
        out.addAll(dims);
        return;
      }
      allText.append(language).append('/').append(file.getFileName()).append('\n').append(text).append('\n');
      out.addAll(overlayFile(file.toString(), text, language, type, dims));
    });
    return out;
  }

  private List<Dimension> overlayFile(String file, String text, String language, String type, List<Dimension> dims) {
    Node root = compose(file, text);
    if (root == null) {
      return dims;
    }
    if (!(root instanceof MappingNode top)) {
      problems.add(file + ":1: expected a mapping with 'type', 'language' and 'dimensions'");
      return dims;
    }
    Map<String, Node> fields = fields(file, top, OVERLAY_KEYS);
    String t = scalar(file, fields, "type", top, true);
    if (t != null && !t.equals(type)) {
      problems.add(file + ":" + line(fields.get("type")) + ": type '" + t + "', but this is the overlay of type " + type);
    }
    String lang = scalar(file, fields, "language", top, true);
    if (lang != null && !lang.equals(language)) {
      problems.add(file + ":" + line(fields.get("language")) + ": language '" + lang + "', but the file is in the overlay"
          + " directory of language " + language);
    }
    if (!(fields.get("dimensions") instanceof SequenceNode seq)) {
      problems.add(file + ":" + line(top) + ": 'dimensions' must be a list");
      return dims;
    }
    Map<String, Dimension> baseById = new LinkedHashMap<>();
    dims.forEach(d -> baseById.put(d.id(), d));
    Map<String, MappingNode> entries = new LinkedHashMap<>();
    for (Node n : seq.getValue()) {
      if (!(n instanceof MappingNode m)) {
        problems.add(file + ":" + line(n) + ": a dimension must be a mapping");
        continue;
      }
      // Read without fields(): overlayDimension reads the entry's keys and reports their problems once.
      String id = m.getValue().stream()
          .filter(kv -> kv.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id"))
          .map(kv -> kv.getValueNode() instanceof ScalarNode v ? v.getValue() : null).findFirst().orElse(null);
      if (id == null || id.isBlank()) {
        problems.add(file + ":" + line(m) + ": missing 'id'");
        continue;
      }
      if (!baseById.containsKey(id)) {
        problems.add(file + ":" + line(m) + ": unknown dimension '" + id + "' (the base dimensions of type " + type + " are "
            + String.join(", ", baseById.keySet()) + ")");
      } else if (entries.putIfAbsent(id, m) != null) {
        problems.add(file + ":" + line(m) + ": duplicate dimension id '" + id + "' (first at " + file + ":"
            + line(entries.get(id)) + ")");
      }
    }
    sameOrder(file, line(seq), "dimensions", List.copyOf(baseById.keySet()), List.copyOf(entries.keySet()));
    List<Dimension> out = new ArrayList<>();
    for (Dimension d : dims) {
      MappingNode m = entries.get(d.id());
      if (m == null) {
        problems.add(file + ": dimension " + d.id() + " has no " + language + " entry (base: " + d.file() + ":" + d.line() + ")");
        out.add(d);
      } else {
        out.add(overlayDimension(file, language, d, m));
      }
    }
    return out;
  }

  private Dimension overlayDimension(String file, String language, Dimension d, MappingNode m) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && !OVERLAY_DIMENSION_KEYS.contains(k.getValue())) {
        problems.add(file + ":" + line(k) + ": key '" + k.getValue() + "' of dimension " + d.id() + " is not allowed in an"
            + " overlay (an overlay holds " + String.join(", ", new TreeSet<>(OVERLAY_DIMENSION_KEYS))
            + "; the rest comes from " + d.file() + ")");
      }
    }
    Map<String, Node> f = fields(file, m, null);
    String base = " (base: " + d.file() + ":" + d.line() + ")";
    Map<String, Node> pert = Map.of();
    if (f.get("perturbation") instanceof MappingNode pm) {
      pert = fields(file, pm, Set.of("add", "revise"));
    } else if (f.containsKey("perturbation")) {
      problems.add(file + ":" + line(f.get("perturbation")) + ": 'perturbation' must be a mapping with add and revise");
    }
    String add = scalar(file, pert, "add", m, false);
    String revise = scalar(file, pert, "revise", m, false);
    if (!d.addHint().isEmpty() && (add == null || add.isBlank())) {
      problems.add(file + ":" + line(m) + ": dimension " + d.id() + " has no " + language + " perturbation hint 'add'" + base);
    }
    if (!d.reviseHint().isEmpty() && (revise == null || revise.isBlank())) {
      problems.add(file + ":" + line(m) + ": dimension " + d.id() + " has no " + language + " perturbation hint 'revise'" + base);
    }
    Map<String, ParamSpec> params = overlayParams(file, language, d, f.get("params"), line(m));
    List<Phrasing> phrasings = new ArrayList<>();
    Node pl = f.get("phrasings");
    if (!(pl instanceof SequenceNode ps) || ps.getValue().isEmpty()) {
      problems.add(file + ":" + line(pl == null ? m : pl) + ": 'phrasings' must be a non-empty list (dimension " + d.id() + ")");
    } else {
      Map<String, Phrasing> byId = new LinkedHashMap<>();
      for (Node pn : ps.getValue()) {
        Phrasing p = parsePhrasing(file, d.id(), d.checker(), pn);
        if (p == null) {
          continue;
        }
        if (d.phrasing(p.id()) == null) {
          problems.add(file + ":" + p.line() + ": dimension " + d.id() + " has no base phrasing '" + p.id() + "'" + base);
        } else if (byId.putIfAbsent(p.id(), p) != null) {
          problems.add(file + ":" + p.line() + ": duplicate phrasing id '" + p.id() + "' (dimension " + d.id() + ")");
        }
      }
      sameOrder(file, line(ps), "phrasings of dimension " + d.id(),
          d.phrasings().stream().map(Phrasing::id).toList(), List.copyOf(byId.keySet()));
      for (Phrasing bp : d.phrasings()) {
        Phrasing p = byId.get(bp.id());
        if (p == null) {
          problems.add(file + ": dimension " + d.id() + " has no " + language + " phrasing \"" + bp.id() + "\" (base: "
              + d.file() + ":" + bp.line() + ")");
        } else {
          sameStructure(file, d, bp, p, params);
          phrasings.add(p);
        }
      }
    }
    checkOptionsAgainstParams(file, d.id(), d.checker(), phrasings, params);
    if (d.providesInput()) {
      phrasings.stream().filter(p -> p.input().isBlank()).forEach(p ->
          problems.add(file + ":" + p.line() + ": phrasing '" + p.id() + "' of a provides_input dimension has no 'input'"));
    }
    return new Dimension(d.id(), d.type(), d.name(), d.definition(), d.labelZh(), d.weight(), d.checker(),
        d.needsInput(), d.providesInput(), d.repeatable(), d.revisable(), d.conflictsWith(),
        add == null ? "" : add, revise == null ? "" : revise, phrasings, params, file, line(m));
  }

  /**
   * The dimension's params for sentences in {@code language}: an overlay gives only the cues of enum
   * params, in its language, for every value whose base has cues.
   */
  private Map<String, ParamSpec> overlayParams(String file, String language, Dimension d, Node node, int dimLine) {
    Map<String, Map<String, List<String>>> cues = new HashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    if (node != null && !(node instanceof MappingNode)) {
      problems.add(file + ":" + line(node) + ": 'params' must be a mapping of enum param name to {cues: ...} (dimension "
          + d.id() + ")");
    } else if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        String name = ((ScalarNode) t.getKeyNode()).getValue();
        String where = file + ":" + line(t.getValueNode()) + ": param '" + name + "' of dimension " + d.id() + ": ";
        ParamSpec spec = d.params().get(name);
        if (spec == null) {
          problems.add(where + "not a param of the base dimension");
          continue;
        }
        if (spec.kind() != ParamSpec.Kind.ENUM) {
          problems.add(where + "an overlay gives only the cues of enum params");
          continue;
        }
        if (!(t.getValueNode() instanceof MappingNode sm)) {
          problems.add(where + "expected {cues: {value: [...]}}");
          continue;
        }
        Map<String, Node> sf = fields(file, sm, Set.of("cues"));
        Map<String, List<String>> c = new LinkedHashMap<>();
        if (sf.get("cues") instanceof MappingNode cm) {
          Map<String, Node> cf = fields(file, cm, null);
          for (String v : cf.keySet()) {
            if (!spec.values().contains(v)) {
              problems.add(where + "cues for '" + v + "', which is not one of its values");
            }
            List<String> words = strings(file, cf, v);
            if (words.isEmpty()) {
              problems.add(where + "no cues for '" + v + "'");
            }
            c.put(v, words);
          }
        } else {
          problems.add(where + "'cues' must map values to lists of words");
        }
        cues.put(name, c);
        lines.put(name, line(t.getValueNode()));
      }
    }
    Map<String, ParamSpec> out = new LinkedHashMap<>();
    d.params().forEach((name, spec) -> {
      Map<String, List<String>> c = cues.get(name);
      if (c == null && !spec.cues().isEmpty()) {
        problems.add(file + ":" + dimLine + ": dimension " + d.id() + " has no " + language + " cues for param '" + name
            + "' (base: " + d.file() + ":" + d.line() + ")");
      } else if (c != null) {
        spec.cues().keySet().stream().filter(v -> !c.containsKey(v)).sorted().forEach(v -> problems.add(file + ":"
            + lines.get(name) + ": param '" + name + "' of dimension " + d.id() + " has no " + language + " cues for '"
            + v + "' (base: " + d.file() + ":" + d.line() + ")"));
      }
      out.put(name, spec.in(language, c));
    });
    return out;
  }

  /**
   * An overlay phrasing says the same thing as its base in other words: the same keys, the same
   * structure (revise targets, conflicts, choices), the same placeholders, options with the same
   * param names, and the same numbers (a number is what a checker reads, not wording).
   */
  private void sameStructure(String file, Dimension d, Phrasing bp, Phrasing p, Map<String, ParamSpec> params) {
    String where = file + ":" + p.line() + ": phrasing '" + p.id() + "' of dimension " + d.id() + " ";
    String base = " (base: " + d.file() + ":" + bp.line() + ")";
    Set<String> baseKeys = phrasingKeys.getOrDefault(d.file() + ":" + bp.line(), Set.of());
    Set<String> keys = phrasingKeys.getOrDefault(file + ":" + p.line(), Set.of());
    baseKeys.stream().filter(k -> !keys.contains(k)).sorted().forEach(k ->
        problems.add(where + "lacks key '" + k + "' that its base has" + base));
    keys.stream().filter(k -> !baseKeys.contains(k)).sorted().forEach(k ->
        problems.add(where + "has key '" + k + "' that its base has not" + base));
    if (!p.reviseTo().equals(bp.reviseTo())) {
      problems.add(where + "revises to " + p.reviseTo() + ", its base to " + bp.reviseTo() + base);
    }
    if (!p.conflictsWith().equals(bp.conflictsWith())) {
      problems.add(where + "conflicts with " + p.conflictsWith() + ", its base with " + bp.conflictsWith() + base);
    }
    if (!p.choose().equals(bp.choose())) {
      problems.add(where + "chooses " + new TreeMap<>(p.choose()) + ", its base "
          + new TreeMap<>(bp.choose()) + base);
    }
    Set<String> holes = Set.copyOf(Phrasing.placeholders(p.text()));
    Set<String> baseHoles = Set.copyOf(Phrasing.placeholders(bp.text()));
    if (!holes.equals(baseHoles)) {
      problems.add(where + "has placeholders " + new TreeSet<>(holes) + " in its text, its base "
          + new TreeSet<>(baseHoles) + base);
    }
    JudgeRule j = p.judge();
    JudgeRule bj = bp.judge();
    if (j != null && bj != null && (!j.by().equals(bj.by()) || j.opening() != bj.opening() || j.all() != bj.all())) {
      problems.add(where + "judges by '" + j.by() + "' (opening " + j.opening() + ", all " + j.all() + "), its base by '"
          + bj.by() + "' (opening " + bj.opening() + ", all " + bj.all() + ")" + base);
    }
    if (p.options().size() != bp.options().size()) {
      problems.add(where + "has " + p.options().size() + " options, its base " + bp.options().size() + base);
      return;
    }
    for (int i = 0; i < p.options().size(); i++) {
      Params o = p.options().get(i);
      Params bo = bp.options().get(i);
      if (!Set.copyOf(o.names()).equals(Set.copyOf(bo.names()))) {
        problems.add(where + "option " + (i + 1) + " has params " + new TreeSet<>(o.names()) + ", its base's "
            + new TreeSet<>(bo.names()) + base);
        continue;
      }
      for (String k : o.names()) {
        ParamSpec spec = params.get(k);
        if (spec != null && spec.kind() == ParamSpec.Kind.NUMBER
            && !String.valueOf(o.get(k)).equals(String.valueOf(bo.get(k)))) {
          problems.add(where + "option " + (i + 1) + " has " + k + " " + o.get(k) + ", its base " + bo.get(k)
              + " (numbers are not translated)" + base);
        }
      }
    }
  }

  /** Entries present in both lists are in the base's order. */
  private void sameOrder(String file, int line, String what, List<String> base, List<String> overlay) {
    List<String> expected = base.stream().filter(overlay::contains).toList();
    List<String> actual = overlay.stream().filter(base::contains).toList();
    if (!expected.equals(actual)) {
      problems.add(file + ":" + line + ": " + what + " are not in the base's order (" + String.join(", ", base) + ")");
    }
  }

  /** A phrasing's {@code choose} block: {@code param: task_word} or {@code param: {number: [min, max], step: n}}. */
  private Map<String, Choice> parseChoose(String file, String phrasingId, String text, Node node) {
    Map<String, Choice> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof MappingNode m)) {
      problems.add(file + ":" + line(node) + ": 'choose' of phrasing '" + phrasingId + "' must be a mapping");
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      String name = ((ScalarNode) t.getKeyNode()).getValue();
      Node spec = t.getValueNode();
      String where = file + ":" + line(spec) + ": phrasing '" + phrasingId + "' chooses '" + name + "': ";
      if (text != null && !Phrasing.placeholders(text).contains(name)) {
        problems.add(where + "the text has no {" + name + "} placeholder");
      }
      if (spec instanceof ScalarNode s && s.getValue().equals("task_word")) {
        out.put(name, Choice.taskWord());
        continue;
      }
      if (spec instanceof MappingNode sm) {
        Map<String, Node> sf = fields(file, sm, Set.of("number", "step"));
        try {
          List<String> range = strings(file, sf, "number");
          int lo = Integer.parseInt(range.get(0));
          int hi = Integer.parseInt(range.get(1));
          String step = scalar(file, sf, "step", sm, false);
          if (range.size() != 2 || lo > hi) {
            throw new NumberFormatException();
          }
          out.put(name, Choice.number(lo, hi, step == null || step.isEmpty() ? 1 : Integer.parseInt(step)));
          continue;
        } catch (RuntimeException e) {
          // reported below
        }
      }
      problems.add(where + "expected task_word or {number: [min, max], step: n} with min <= max");
    }
    return out;
  }

  /**
   * The dimension's {@code params} block: {@code name: text|label} or {@code name: {number: [min,
   * max]}} or {@code name: {enum: [...], cues: {value: [...]}, negated: [...]}}.
   */
  private Map<String, ParamSpec> parseParams(String file, String dimId, Node node) {
    Map<String, ParamSpec> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof MappingNode m)) {
      problems.add(file + ":" + line(node) + ": 'params' must be a mapping of param name to spec (dimension " + dimId + ")");
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      String name = ((ScalarNode) t.getKeyNode()).getValue();
      Node spec = t.getValueNode();
      String where = file + ":" + line(spec) + ": param '" + name + "' of dimension " + dimId + ": ";
      if (spec instanceof ScalarNode s) {
        switch (s.getValue()) {
          case "text" -> out.put(name, new ParamSpec(name, ParamSpec.Kind.TEXT, 0, 0, null, null, null));
          case "label" -> out.put(name, new ParamSpec(name, ParamSpec.Kind.LABEL, 0, 0, null, null, null));
          default -> problems.add(where + "expected text, label, {number: [min, max]} or {enum: [...]}, got '" + s.getValue() + "'");
        }
        continue;
      }
      if (!(spec instanceof MappingNode sm)) {
        problems.add(where + "expected text, label, {number: [min, max]} or {enum: [...]}");
        continue;
      }
      Map<String, Node> sf = fields(file, sm, Set.of("number", "enum", "cues", "negated"));
      if (sf.containsKey("number")) {
        List<String> range = strings(file, sf, "number");
        try {
          int lo = Integer.parseInt(range.get(0));
          int hi = Integer.parseInt(range.get(1));
          if (range.size() != 2 || lo > hi) {
            throw new NumberFormatException();
          }
          out.put(name, new ParamSpec(name, ParamSpec.Kind.NUMBER, lo, hi, null, null, null));
        } catch (RuntimeException e) {
          problems.add(where + "'number' must be [min, max] with min <= max");
        }
      } else if (sf.containsKey("enum")) {
        List<String> values = strings(file, sf, "enum");
        Map<String, List<String>> cues = new LinkedHashMap<>();
        if (sf.get("cues") instanceof MappingNode cm) {
          Map<String, Node> cf = fields(file, cm, null);
          for (String v : cf.keySet()) {
            if (!values.contains(v)) {
              problems.add(where + "cues for '" + v + "', which is not one of its values");
            }
            cues.put(v, strings(file, cf, v));
          }
        } else if (sf.containsKey("cues")) {
          problems.add(where + "'cues' must map values to lists of words");
        }
        List<String> negated = strings(file, sf, "negated");
        negated.stream().filter(v -> !values.contains(v)).forEach(v ->
            problems.add(where + "negated value '" + v + "' is not one of its values"));
        out.put(name, new ParamSpec(name, ParamSpec.Kind.ENUM, 0, 0, values, cues, Set.copyOf(negated)));
      } else {
        problems.add(where + "needs 'number' or 'enum'");
      }
    }
    return out;
  }

  /**
   * Every option of a checker dimension has only declared params, and its own sentence states
   * them: the taxonomy is held to the rule the parameter validator holds a model's answers to.
   */
  private void checkOptionsAgainstParams(String file, String dimId, String checker, List<Phrasing> phrasings,
      Map<String, ParamSpec> params) {
    boolean checked = checker != null && !checker.isEmpty();
    if (!checkParams || (!checked && params.isEmpty())) {
      return;
    }
    for (Phrasing p : phrasings) {
      p.choose().forEach((name, choice) -> {
        ParamSpec spec = params.get(name);
        if (spec != null && spec.kind() == ParamSpec.Kind.NUMBER && choice.kind() == Choice.Kind.NUMBER
            && (choice.min() < spec.min() || choice.max() > spec.max())) {
          problems.add(file + ":" + p.line() + ": phrasing '" + p.id() + "' chooses '" + name + "' from " + choice.min()
              + "-" + choice.max() + ", outside the param's valid range " + spec.min() + "-" + spec.max());
        }
      });
      for (Params option : p.options()) {
        String text = Phrasing.fill(p.text(), option);
        for (String k : option.names()) {
          ParamSpec spec = params.get(k);
          if (spec == null) {
            if (checked) {
              problems.add(file + ":" + p.line() + ": phrasing '" + p.id() + "' uses param '" + k
                  + "', which dimension " + dimId + " does not declare under 'params'");
            }
            continue;
          }
          spec.problem(option.get(k), text).ifPresent(problem -> problems.add(file + ":" + p.line() + ": phrasing '"
              + p.id() + "' option " + option + ": " + problem + " (\"" + text + "\")"));
        }
      }
    }
  }

  private Phrasing parsePhrasing(String file, String dimId, String checker, Node node) {
    if (!(node instanceof MappingNode m)) {
      problems.add(file + ":" + line(node) + ": a phrasing must be a mapping (dimension " + dimId + ")");
      return null;
    }
    Map<String, Node> f = fields(file, m, PHRASING_KEYS);
    phrasingKeys.put(file + ":" + line(m), Set.copyOf(f.keySet()));
    String id = scalar(file, f, "id", m, true);
    String text = scalar(file, f, "text", m, true);
    List<Params> options = new ArrayList<>();
    Node on = f.get("options");
    if (!(on instanceof SequenceNode os) || os.getValue().isEmpty()) {
      problems.add(file + ":" + line(on == null ? m : on) + ": phrasing '" + id + "' needs a non-empty 'options' list");
    } else {
      for (Node o : os.getValue()) {
        if (!(o instanceof MappingNode om)) {
          problems.add(file + ":" + line(o) + ": an option must be a mapping of params");
          continue;
        }
        Params params = Params.EMPTY;
        for (NodeTuple t : om.getValue()) {
          String k = ((ScalarNode) t.getKeyNode()).getValue();
          if (!(t.getValueNode() instanceof ScalarNode sv)) {
            problems.add(file + ":" + line(t.getValueNode()) + ": param '" + k + "' must be a scalar");
            continue;
          }
          String v = sv.getValue();
          params = params.with(k, v.matches("-?\\d{1,9}") ? (Object) Integer.parseInt(v) : v);
        }
        for (String template : new String[] {text, scalar(file, f, "evidence", m, false), scalar(file, f, "respond", m, false)}) {
          if (template == null) {
            continue;
          }
          for (String ph : Phrasing.placeholders(template)) {
            if (!params.has(ph)) {
              problems.add(file + ":" + line(o) + ": option lacks param '" + ph + "' used by phrasing '" + id + "'");
            }
          }
        }
        if (checker != null && !checker.isEmpty() && checkerExists.test(checker)) {
          for (String problem : paramProblems.apply(checker, params)) {
            problems.add(file + ":" + line(o) + ": phrasing '" + id + "': checker '" + checker + "' rejects the option's params: "
                + problem);
          }
        }
        options.add(params);
      }
    }
    JudgeRule judge = f.containsKey("judge") ? parseJudge(file, id, f.get("judge"), options) : null;
    if (id == null || text == null) {
      return null;
    }
    return new Phrasing(id, text, scalar(file, f, "evidence", m, false), scalar(file, f, "respond", m, false),
        scalar(file, f, "input", m, false), options, strings(file, f, "conflicts_with"),
        strings(file, f, "revise_to"), parseChoose(file, id, text, f.get("choose")), line(m), judge);
  }

  /**
   * A phrasing's {@code judge} rule. Refuses what would make the embedded judge or writer misbehave
   * silently: a {@code by} param that an option lacks, an option value without its entry (or an
   * entry for no option), placeholders an option cannot fill, and regexes that do not compile.
   */
  private JudgeRule parseJudge(String file, String phrasingId, Node node, List<Params> options) {
    String where = " (judge of phrasing '" + phrasingId + "')";
    if (!(node instanceof MappingNode m)) {
      problems.add(file + ":" + line(node) + ": 'judge' must be a mapping" + where);
      return null;
    }
    Map<String, Node> f = fields(file, m, JUDGE_KEYS);
    String by = scalar(file, f, "by", m, false);
    String at = scalar(file, f, "at", m, false);
    String need = scalar(file, f, "need", m, false);
    if (at != null && !at.equals("anywhere") && !at.equals("opening")) {
      problems.add(file + ":" + line(f.get("at")) + ": 'at' must be anywhere or opening, got '" + at + "'" + where);
    }
    if (need != null && !need.equals("any") && !need.equals("all")) {
      problems.add(file + ":" + line(f.get("need")) + ": 'need' must be any or all, got '" + need + "'" + where);
    }
    Map<String, JudgeRule.Value> values = new LinkedHashMap<>();
    Map<String, Integer> valueLines = new LinkedHashMap<>();
    Node vn = f.get("values");
    if (vn != null && !(vn instanceof MappingNode)) {
      problems.add(file + ":" + line(vn) + ": 'values' must be a mapping from a value of '" + by + "' to its entry" + where);
    } else if (vn instanceof MappingNode vm) {
      for (NodeTuple t : vm.getValue()) {
        String key = ((ScalarNode) t.getKeyNode()).getValue();
        if (!(t.getValueNode() instanceof MappingNode em)) {
          problems.add(file + ":" + line(t.getValueNode()) + ": the entry for '" + key + "' must be a mapping" + where);
          continue;
        }
        Map<String, Node> ef = fields(file, em, JUDGE_VALUE_KEYS);
        List<String> markers = strings(file, ef, "markers");
        List<String> forbidden = strings(file, ef, "forbidden");
        markers.forEach(r -> compiles(file, line(ef.get("markers")), r, where));
        values.put(key, new JudgeRule.Value(markers, forbidden,
            scalar(file, ef, "respond", em, false), scalar(file, ef, "violate", em, false)));
        valueLines.put(key, line(t.getKeyNode()));
      }
    }
    if (!values.isEmpty() && (by == null || by.isEmpty())) {
      problems.add(file + ":" + line(m) + ": 'values' needs 'by', the param whose value selects an entry" + where);
    }
    if (("opening".equals(at) || "all".equals(need)) && values.values().stream().allMatch(v -> v.markers().isEmpty())) {
      problems.add(file + ":" + line(m) + ": 'at' and 'need' apply to markers, but no value has markers" + where);
    }
    List<String> forbidden = strings(file, f, "forbidden");
    JudgeRule rule = new JudgeRule(by, scalar(file, f, "present", m, false), scalar(file, f, "begins", m, false),
        "opening".equals(at), "all".equals(need), forbidden, scalar(file, f, "violate", m, false), values);
    List<String> optionValues = new ArrayList<>();
    for (Params o : options) {
      List<String> templates = new ArrayList<>(List.of(rule.present(), rule.begins(), rule.violate()));
      templates.addAll(rule.forbidden());
      if (by != null && !by.isEmpty()) {
        if (!o.has(by)) {
          problems.add(file + ":" + line(f.get("by")) + ": an option lacks param '" + by + "' named by 'by'" + where);
          continue;
        }
        String value = String.valueOf(o.get(by));
        optionValues.add(value);
        JudgeRule.Value v = values.get(value);
        if (v == null && !values.isEmpty()) {
          problems.add(file + ":" + line(vn) + ": no entry for option value '" + value + "'" + where);
        } else if (v != null) {
          templates.addAll(List.of(v.respond(), v.violate()));
          templates.addAll(v.forbidden());
        }
      }
      for (String template : templates) {
        for (String ph : Phrasing.placeholders(template)) {
          if (!o.has(ph)) {
            problems.add(file + ":" + line(m) + ": option lacks param '" + ph + "' used by the judge" + where);
          }
        }
      }
      Params literal = Params.EMPTY;
      for (String k : o.names()) {
        literal = literal.with(k, java.util.regex.Pattern.quote(String.valueOf(o.get(k))));
      }
      for (String regex : rule.forbidden()) {
        compiles(file, line(f.get("forbidden")), Phrasing.fill(regex, literal), where);
      }
      JudgeRule.Value v = rule.value(o);
      if (v != null) {
        for (String regex : v.forbidden()) {
          compiles(file, line(vn), Phrasing.fill(regex, literal), where);
        }
      }
    }
    valueLines.forEach((value, at2) -> {
      if (!optionValues.contains(value)) {
        problems.add(file + ":" + at2 + ": entry '" + value + "' matches no option's '" + by + "'" + where);
      }
    });
    return rule;
  }

  private void compiles(String file, int line, String regex, String where) {
    try {
      java.util.regex.Pattern.compile(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      problems.add(file + ":" + line + ": not a valid regex '" + regex + "': " + e.getDescription() + where);
    }
  }

  /** References between entries: unknown dimensions, duplicate ids, bad revise targets. */
  private void crossCheck(List<Dimension> dims) {
    Map<String, Dimension> byId = new HashMap<>();
    for (Dimension d : dims) {
      Dimension prev = byId.putIfAbsent(d.id(), d);
      if (prev != null) {
        problems.add(d.file() + ":" + d.line() + ": duplicate dimension id '" + d.id() + "' (first at "
            + prev.file() + ":" + prev.line() + ")");
      }
    }
    for (Dimension d : dims) {
      for (String c : d.conflictsWith()) {
        if (!byId.containsKey(c)) {
          problems.add(d.file() + ":" + d.line() + ": dimension '" + d.id() + "' conflicts_with unknown dimension '" + c + "'");
        }
      }
      for (Phrasing p : d.phrasings()) {
        for (String c : p.conflictsWith()) {
          if (!byId.containsKey(c)) {
            problems.add(d.file() + ":" + p.line() + ": phrasing '" + p.id() + "' conflicts_with unknown dimension '" + c + "'");
          }
        }
        for (String r : p.reviseTo()) {
          if (r.equals("other_option")) {
            if (p.options().size() < 2) {
              problems.add(d.file() + ":" + p.line() + ": phrasing '" + p.id() + "' revises to other_option but has one option");
            }
            continue;
          }
          String[] parts = r.split("/", 2);
          Dimension target = byId.get(parts[0]);
          if (parts.length != 2 || target == null || target.phrasing(parts[1]) == null) {
            problems.add(d.file() + ":" + p.line() + ": phrasing '" + p.id() + "' revise_to refers to unknown phrasing '" + r + "'");
          }
        }
      }
    }
  }

  private Map<String, Node> fields(String file, MappingNode m, Set<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        problems.add(file + ":" + line(t.getKeyNode()) + ": keys must be plain strings");
        continue;
      }
      if (allowed != null && !allowed.contains(k.getValue())) {
        problems.add(file + ":" + line(k) + ": unknown key '" + k.getValue() + "'");
      }
      if (out.put(k.getValue(), t.getValueNode()) != null) {
        problems.add(file + ":" + line(k) + ": duplicate key '" + k.getValue() + "'");
      }
    }
    return out;
  }

  private String scalar(String file, Map<String, Node> f, String key, Node owner, boolean required) {
    Node n = f.get(key);
    if (n == null) {
      if (required) {
        problems.add(file + ":" + line(owner) + ": missing '" + key + "'");
      }
      return null;
    }
    if (!(n instanceof ScalarNode s)) {
      problems.add(file + ":" + line(n) + ": '" + key + "' must be a scalar");
      return null;
    }
    String v = s.getValue();
    if (required && v.isBlank()) {
      problems.add(file + ":" + line(n) + ": '" + key + "' is empty");
      return null;
    }
    return "null".equals(v) || "~".equals(v) ? (required ? null : "") : v;
  }

  private double number(String file, Map<String, Node> f, String key, Node owner, double fallback) {
    String v = scalar(file, f, key, owner, false);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v);
      if (d < 0) {
        problems.add(file + ":" + line(f.get(key)) + ": '" + key + "' must not be negative");
      }
      return d;
    } catch (NumberFormatException e) {
      problems.add(file + ":" + line(f.get(key)) + ": '" + key + "' must be a number, got '" + v + "'");
      return fallback;
    }
  }

  private boolean bool(String file, Map<String, Node> f, String key) {
    String v = scalar(file, f, key, null, false);
    if (v == null || v.isEmpty()) {
      return false;
    }
    if (!v.equals("true") && !v.equals("false")) {
      problems.add(file + ":" + line(f.get(key)) + ": '" + key + "' must be true or false, got '" + v + "'");
    }
    return v.equals("true");
  }

  private List<String> strings(String file, Map<String, Node> f, String key) {
    Node n = f.get(key);
    if (n == null) {
      return List.of();
    }
    if (!(n instanceof SequenceNode s)) {
      problems.add(file + ":" + line(n) + ": '" + key + "' must be a list");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Node e : s.getValue()) {
      if (e instanceof ScalarNode sc) {
        out.add(sc.getValue());
      } else {
        problems.add(file + ":" + line(e) + ": '" + key + "' entries must be strings");
      }
    }
    return out;
  }

  private static int line(Node n) {
    return n == null || n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
  }
}
