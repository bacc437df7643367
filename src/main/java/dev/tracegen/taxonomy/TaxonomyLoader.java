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
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code taxonomy/*.yaml} and validates it completely before any LLM call: every problem is
 * collected with its {@code file:line} and reported together, so one run shows them all.
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

  /** The constraint types of the IOPO taxonomy; records and stats group by these ids. */
  public static final List<String> TYPES = List.of("content", "situation", "style", "format", "example");

  private final List<String> problems = new ArrayList<>();
  private final Predicate<String> checkerExists;
  private final BiFunction<String, Params, List<String>> paramProblems;
  private final boolean checkParams;

  private TaxonomyLoader(Predicate<String> checkerExists,
      BiFunction<String, Params, List<String>> paramProblems, boolean checkParams) {
    this.checkerExists = checkerExists;
    this.paramProblems = paramProblems;
    this.checkParams = checkParams;
  }

  /**
   * Loads and validates, including every phrasing option's params against its checker's param
   * schema ({@link Checker#paramProblems}) and against the option's own sentence ({@link ParamSpec}).
   */
  public static Taxonomy load(Path dir, Checkers checkers) {
    return new TaxonomyLoader(id -> checkers.get(id).isPresent(),
        (id, params) -> checkers.get(id).map(c -> c.paramProblems(params)).orElse(List.of()), true).loadDir(dir);
  }

  /**
   * Loads and validates knowing only which checker ids exist: params are not checked against
   * checker schemas or sentences. For readers of a finished corpus; a run uses {@link #load(Path, Checkers)}.
   */
  public static Taxonomy load(Path dir, Predicate<String> checkerExists) {
    return new TaxonomyLoader(checkerExists, (id, params) -> List.of(), false).loadDir(dir);
  }

  /** Every problem {@link #load(Path, Checkers)} finds in {@code dir}, without throwing (for {@code tracegen validate}). */
  public static List<String> problems(Path dir, Checkers checkers) {
    try {
      load(dir, checkers);
      return List.of();
    } catch (TaxonomyException e) {
      return e.problems();
    }
  }

  private Taxonomy loadDir(Path dir) {
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
    if (!problems.isEmpty()) {
      throw new TaxonomyException(problems);
    }
    String version = Hashing.sha256().hashString(allText, StandardCharsets.UTF_8).toString().substring(0, 12);
    return new Taxonomy(dims, version);
  }

  private List<Dimension> parseFile(String file, String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      problems.add(file + ":" + line + ": YAML syntax error: " + e.getProblem());
      return List.of();
    } catch (RuntimeException e) {
      problems.add(file + ":1: YAML error: " + e.getMessage());
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
