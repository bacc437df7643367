package dev.tracegen.export;

import dev.tracegen.dedup.DedupStats;
import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders the dataset card ({@code README.md} of the output): a Hugging Face YAML header with one
 * config per layout, then summary, build stages, statistics, funnel, models, limitations and
 * citation. The text depends only on {@code stats} (from {@link CorpusStats}) and {@code run} (the
 * run report), never on the clock, so equal inputs give an equal card.
 *
 * <p>Keys read from {@code run} when present: {@code name}, {@code license} (default {@code other}:
 * what a generated corpus may be licensed under depends on the generator's terms, which only the
 * user knows),
 * {@code generator}, {@code judge}, {@code taxonomy_version}, {@code profile}, {@code funnel} (map
 * stage to records left after it), {@code dimension_weights} (overrides of the taxonomy weights).
 */
public final class DatasetCard {
  static final String DEFAULT_NAME = "TRACE-style complex instruction-following corpus (tracegen)";
  public static final String DEFAULT_LICENSE = "other";
  static final int TOP_DIMENSIONS = 10;

  static final String CITATION =
      "@article{zhang2024iopo,\n"
          + "  title   = {{IOPO}: Empowering {LLMs} with Complex Instruction Following via"
          + " Input-Output Preference Optimization},\n"
          + "  author  = {Zhang, Xinghua and Yu, Haiyang and Fu, Cheng and Huang, Fei and Li,"
          + " Yongbin},\n"
          + "  journal = {arXiv preprint arXiv:2411.06208},\n"
          + "  year    = {2024},\n"
          + "  url     = {https://arxiv.org/abs/2411.06208}\n"
          + "}\n";

  private DatasetCard() {}

  public static String render(Map<String, Object> stats, Map<String, Object> run) {
    return render(Stages.TRACE, stats, run);
  }

  /** The card of a run of the flow {@code flow} ("How it was built" lists its stages). */
  public static String render(Stages flow, Map<String, Object> stats, Map<String, Object> run) {
    Map<String, Object> s = stats == null ? Map.of() : stats;
    Map<String, Object> r = run == null ? Map.of() : run;
    List<String> splits = splits(s);
    long total = 0;
    for (String split : splits) {
      total += num(map(s.get("records")).get(split));
    }
    String generator = text(r.get("generator"), "unknown");
    String judge = text(r.get("judge"), "unknown");
    String name = text(r.get("name"), DEFAULT_NAME);

    StringBuilder b = new StringBuilder();
    header(b, text(r.get("license"), DEFAULT_LICENSE), name, total, languages(s));

    b.append("# ").append(name).append("\n\n");
    b.append("## Summary\n\n");
    b.append(
        "Complex instructions carrying 1 to 15 constraints each, responses that satisfy every"
            + " constraint, and IOPO preference quadruples `<x1, y1, x2, y2>`: `x2` is a perturbed"
            + " version of `x1` that `y1` no longer satisfies, and `y2` satisfies `x2` but not"
            + " `x1`. The layout follows TRACE, the benchmark of the IOPO paper (arXiv 2411.06208)."
            + " This build holds ");
    List<String> parts = new ArrayList<>();
    for (String split : splits) {
      parts.add(count(map(s.get("records")).get(split)) + " " + split);
    }
    b.append(String.join(" and ", parts)).append(" records.\n\n");

    b.append("## Files\n\n");
    b.append("| file | contents | read by |\n|---|---|---|\n");
    b.append(
        "| `train-*.jsonl.gz`, `eval-*.jsonl.gz` | full records (instructions, responses,"
            + " perturbation, judgements, lineage) | `datasets`, config `default` |\n");
    b.append(
        "| `iopo.json` | sharegpt ranking pairs `[x1, x2]`, chosen `y1`, rejected `y2` | the IOPO"
            + " trainer (the IOPO authors' LLaMA-Factory fork), dataset `"
            + ExportFiles.DATASET_INFO_ENTRY
            + "`; stock LLaMA-Factory cannot train on two prompts per pair |\n");
    b.append(
        "| `dpo.jsonl` | `prompt`/`chosen`/`rejected`, both directions of each quadruple |"
            + " DPO trainers; stock LLaMA-Factory (ranking), dataset `"
            + WriteDatasetInfoFn.DPO_ENTRY
            + "` |\n");
    b.append("| `sft.jsonl` | chat `messages` (x1→y1 and x2→y2), OpenAI-style roles | SFT trainers; stock"
        + " LLaMA-Factory, dataset `" + WriteDatasetInfoFn.SFT_ENTRY + "` |\n");
    b.append("| `dataset_info.json` | LLaMA-Factory's dataset registry for the three files above | LLaMA-Factory"
        + " (`--dataset_dir` pointing here) |\n");
    b.append(
        "| `trace_eval.jsonl` | eval split in the official TRACE evaluation layout | TRACE"
            + " evaluation scripts |\n");
    b.append(
        "| `stats.json`, `run.json`, `rejections/` | statistics, run report, rejected"
            + " candidates with reasons | people |\n");
    b.append(
        "| `report.html` | charts: constraint counts, dimension and type mix, funnel, rejections,"
            + " LLM work (self-contained) | a browser |\n\n");

    b.append("## How it was built\n\n");
    int step = 0;
    for (Stage stage : flow.all()) {
      b.append(++step).append(". **").append(stage.title()).append("**: ").append(stage.summary()).append('\n');
    }
    b.append(++step).append(". **Export**: the files above, written atomically.\n");
    b.append('\n');

    statistics(b, s, splits);
    b.append(DedupStats.markdown(s.get("dedup")));
    judge(b, s);
    funnel(b, s, r);

    b.append("## Models used\n\n");
    b.append("- Generator: `").append(cell(generator)).append("`\n");
    b.append("- Judge: `").append(cell(judge)).append("`\n");
    b.append("- Taxonomy version: `")
        .append(cell(text(r.get("taxonomy_version"), "unknown")))
        .append("`\n");
    if (r.get("profile") != null) {
      b.append("- Profile: `").append(cell(text(r.get("profile"), ""))).append("`\n");
    }
    Map<String, Object> weights = map(r.get("dimension_weights"));
    if (!weights.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      new java.util.TreeMap<>(weights).forEach((id, w) -> pairs.add(id + "=" + w));
      b.append("- Dimension weights overridden: `").append(cell(String.join(", ", pairs))).append("`\n");
    }
    b.append('\n');

    b.append("## Limitations\n\n");
    if (generator.toLowerCase(Locale.ROOT).contains("embedded")
        || judge.toLowerCase(Locale.ROOT).contains("embedded")) {
      b.append("**This build used the embedded simulator.** ");
    }
    b.append(
        "Records generated with the embedded simulator (a deterministic, rule-based stand-in for an"
            + " LLM) exist to test the pipeline end to end; they are not training data. A real"
            + " corpus needs a real LLM as generator and judge. Judgements by an LLM can be wrong;"
            + " constraints with a programmatic checker are verified exactly, the others are"
            + " not.\n\n");

    b.append("## Citation\n\n");
    b.append("This corpus follows the data construction of IOPO:\n\n");
    b.append("```bibtex\n").append(CITATION).append("```\n");
    return b.toString();
  }

  /** Languages found in the records, most records first; English when the stats have none. */
  /** Verdicts by method and the judge's agreement with the checkers on the calibration sample. */
  private static void judge(StringBuilder b, Map<String, Object> s) {
    Map<String, Object> judge = map(s.get("judge"));
    if (judge.isEmpty()) {
      return;
    }
    Map<String, Object> methods = map(judge.get("verdicts_by_method"));
    Map<String, Object> cal = map(judge.get("calibration"));
    b.append("## Verification\n\n");
    b.append("Constraint verdicts over the four pairings of every record: ").append(num(methods.get("checker")))
        .append(" by programmatic checkers, ").append(num(methods.get("llm"))).append(" by the LLM judge. ");
    long asked = num(cal.get("asked"));
    if (asked == 0) {
      b.append("No judge calibration sample was taken.\n\n");
      return;
    }
    b.append("On a calibration sample of ").append(asked).append(" checker-decided verdicts the LLM judge was asked")
        .append(" too and agreed on ").append(num(cal.get("agreed"))).append(String.format(Locale.ROOT, " (%.1f %%)",
            100.0 * num(cal.get("agreed")) / asked))
        .append(": a measure of how far its verdicts on the constraints no program can check can be trusted.\n\n");
  }

  static List<String> languages(Map<String, Object> stats) {
    Map<String, Long> total = new java.util.TreeMap<>();
    map(stats.get("languages")).values().forEach(bySplit -> map(bySplit).forEach((lang, n) -> total.merge(lang, num(n), Long::sum)));
    if (total.isEmpty()) {
      return List.of("en");
    }
    List<String> out = new ArrayList<>(total.keySet());
    out.sort(Comparator.comparing((String l) -> -total.get(l)).thenComparing(l -> l));
    return out;
  }

  private static void header(StringBuilder b, String license, String name, long total, List<String> languages) {
    b.append("---\n");
    b.append("license: ").append(quote(license)).append('\n');
    b.append("language:\n");
    languages.forEach(l -> b.append("- ").append(l).append('\n'));
    b.append("task_categories:\n- text-generation\n");
    b.append(
        "tags:\n- instruction-following\n- complex-instructions\n- preference\n- iopo\n"
            + "- dpo\n- synthetic\n");
    b.append("pretty_name: ").append(quote(name)).append('\n');
    b.append("size_categories:\n- ").append(sizeCategory(total)).append('\n');
    b.append("configs:\n");
    b.append("- config_name: default\n  default: true\n  data_files:\n");
    b.append("  - split: train\n    path: \"train-*.jsonl.gz\"\n");
    b.append("  - split: eval\n    path: \"eval-*.jsonl.gz\"\n");
    config(b, "iopo", "train", View.IOPO.fileName());
    config(b, "dpo", "train", View.DPO.fileName());
    config(b, "sft", "train", View.SFT.fileName());
    config(b, "trace_eval", "eval", View.TRACE_EVAL.fileName());
    b.append("---\n\n");
  }

  private static void config(StringBuilder b, String name, String split, String path) {
    b.append("- config_name: ").append(name).append("\n  data_files:\n");
    b.append("  - split: ").append(split).append("\n    path: \"").append(path).append("\"\n");
  }

  static String sizeCategory(long n) {
    if (n < 1_000) {
      return "n<1K";
    } else if (n < 10_000) {
      return "1K<n<10K";
    } else if (n < 100_000) {
      return "10K<n<100K";
    } else if (n < 1_000_000) {
      return "100K<n<1M";
    }
    return "1M<n<10M";
  }

  private static void statistics(StringBuilder b, Map<String, Object> s, List<String> splits) {
    b.append("## Statistics\n\n");
    b.append("| split | records | shards | mean constraints | mean words y1 | mean words y2 |\n");
    b.append("|---|---:|---:|---:|---:|---:|\n");
    for (String split : splits) {
      Map<String, Object> words = map(map(s.get("words_mean")).get(split));
      b.append("| ")
          .append(split)
          .append(" | ")
          .append(count(map(s.get("records")).get(split)))
          .append(" | ")
          .append(count(map(s.get("shards")).get(split)))
          .append(" | ")
          .append(decimal(map(s.get("constraints_mean")).get(split)))
          .append(" | ")
          .append(decimal(words.get("y1")))
          .append(" | ")
          .append(decimal(words.get("y2")))
          .append(" |\n");
    }
    b.append('\n');

    b.append("### Constraints per instruction\n\n");
    table(b, "constraints", splits, map(s.get("constraints_histogram")), false, Integer.MAX_VALUE);
    b.append("### Top dimensions (x1)\n\n");
    table(b, "dimension", splits, map(s.get("dimensions")), true, TOP_DIMENSIONS);
    b.append("### Constraint types (x1)\n\n");
    table(b, "type", splits, map(s.get("types")), true, Integer.MAX_VALUE);
    b.append("### Perturbations\n\n");
    table(b, "operation", splits, map(s.get("perturbation_ops")), true, Integer.MAX_VALUE);
  }

  /**
   * A table with one row per key and one count column per split. Rows keep the first split's key
   * order, or are ranked by total count (ties by name) when {@code byCount}.
   */
  private static void table(
      StringBuilder b,
      String what,
      List<String> splits,
      Map<String, Object> bySplit,
      boolean byCount,
      int limit) {
    LinkedHashMap<String, Long> totals = new LinkedHashMap<>();
    for (String split : splits) {
      map(bySplit.get(split)).forEach((k, v) -> totals.merge(k, num(v), Long::sum));
    }
    List<String> keys = new ArrayList<>(totals.keySet());
    if (byCount) {
      keys.sort(Comparator.comparing((String k) -> -totals.get(k)).thenComparing(k -> k));
    }
    if (keys.isEmpty()) {
      b.append("No data.\n\n");
      return;
    }
    b.append("| ").append(what);
    for (String split : splits) {
      b.append(" | ").append(split);
    }
    b.append(" |\n|---");
    for (int i = 0; i < splits.size(); i++) {
      b.append("|---:");
    }
    b.append("|\n");
    for (String key : keys.subList(0, Math.min(limit, keys.size()))) {
      b.append("| ").append(cell(key));
      for (String split : splits) {
        b.append(" | ").append(count(map(bySplit.get(split)).get(key)));
      }
      b.append(" |\n");
    }
    b.append('\n');
  }

  private static void funnel(StringBuilder b, Map<String, Object> s, Map<String, Object> r) {
    b.append("## Funnel and rejections\n\n");
    Map<String, Object> funnel = map(r.get("funnel"));
    if (!funnel.isEmpty()) {
      b.append("| stage | records |\n|---|---:|\n");
      funnel.forEach(
          (stage, n) ->
              b.append("| ").append(cell(stage)).append(" | ").append(count(n)).append(" |\n"));
      b.append('\n');
    }
    Map<String, Object> rejections = map(s.get("rejections"));
    Map<String, Object> byReason = map(rejections.get("by_stage_reason"));
    if (byReason.isEmpty()) {
      b.append("No rejections were recorded.\n\n");
      return;
    }
    b.append(
        "Every candidate that left the pipeline is in `rejections/<stage>.jsonl` with its"
            + " reason.\n\n");
    b.append("| stage | reason | rejected |\n|---|---|---:|\n");
    for (Map.Entry<String, Object> stage : byReason.entrySet()) {
      for (Map.Entry<String, Object> reason : map(stage.getValue()).entrySet()) {
        b.append("| ")
            .append(cell(stage.getKey()))
            .append(" | ")
            .append(cell(reason.getKey()))
            .append(" | ")
            .append(count(reason.getValue()))
            .append(" |\n");
      }
    }
    b.append("| **total** | | ").append(count(rejections.get("total"))).append(" |\n\n");
  }

  /** train, eval, then any other split found in the stats, alphabetically. */
  private static List<String> splits(Map<String, Object> s) {
    List<String> splits = new ArrayList<>(List.of(ExportFiles.TRAIN, ExportFiles.EVAL));
    for (String split : new TreeSet<>(map(s.get("records")).keySet())) {
      if (!splits.contains(split)) {
        splits.add(split);
      }
    }
    return splits;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0L;
  }

  private static String count(Object o) {
    return String.format(Locale.ROOT, "%,d", num(o));
  }

  private static String decimal(Object o) {
    double d = o instanceof Number n ? n.doubleValue() : 0.0;
    return String.format(Locale.ROOT, "%.2f", d);
  }

  private static String text(Object o, String fallback) {
    if (o == null) {
      return fallback;
    }
    String t = String.valueOf(o).strip();
    return t.isEmpty() ? fallback : t;
  }

  /** Table-safe text: no pipes or line breaks. */
  private static String cell(String t) {
    return t.replace("|", "\\|").replace("`", "'").replaceAll("\\s+", " ");
  }

  /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
  private static String quote(String t) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : t.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        default -> q.append(c < 0x20 ? ' ' : c);
      }
    }
    return q.append('"').toString();
  }
}
