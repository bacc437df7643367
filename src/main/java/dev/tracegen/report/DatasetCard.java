package dev.tracegen.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tracegen.export.ExportFiles;
import dev.tracegen.export.View;
import dev.tracegen.facts.CorpusStats;
import dev.tracegen.facts.DedupStats;
import dev.tracegen.facts.RunFacts;
import dev.tracegen.facts.Waste;
import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders the dataset card ({@code README.md} of the output): a Hugging Face YAML header with one
 * config per layout, then summary, build stages, statistics, funnel, models, limitations and
 * citation. The text depends only on the corpus's {@link CorpusStats} and the {@link RunFacts},
 * never on the clock, so equal inputs give an equal card. The license defaults to {@code other}:
 * what a generated corpus may be licensed under depends on the generator's terms, which only the
 * user knows.
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

  /** One sentence: the part of the LLM work spent on candidates that did not ship, and where most was lost. */
  static void waste(StringBuilder b, Waste w) {
    if (w == null || w.total().requests() == 0) {
      return;
    }
    b.append(String.format(Locale.ROOT, "%.1f %% of the LLM requests (%.1f %% of the tokens) were spent on candidates"
        + " that did not ship", 100 * w.notShippedShare().requests(), 100 * w.notShippedShare().tokens()));
    List<String> top = w.byStage().entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue().requests(), x.getValue().requests()))
        .limit(3).map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), 100 * e.getValue().share().requests()))
        .toList();
    b.append(top.isEmpty() ? "" : "; most were dropped at " + String.join(", ", top)).append(" (`stats.json`, `waste`).\n\n");
  }

  /** The card of a run of the flow {@code flow} ("How it was built" lists its stages). */
  public static String render(Stages flow, CorpusStats stats, RunFacts run) {
    CorpusStats s = stats == null ? CorpusStats.EMPTY : stats;
    RunFacts r = run == null ? RunFacts.NONE : run;
    List<String> splits = s.splits();
    long total = s.totalRecords();
    String generator = text(r.generator(), "unknown");
    String judge = text(r.judge(), "unknown");
    String name = text(r.name(), DEFAULT_NAME);

    StringBuilder b = new StringBuilder();
    header(b, text(r.license(), DEFAULT_LICENSE), name, total, languages(s));

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
      parts.add(count(s.records().get(split)) + " " + split);
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
            + ExportFiles.DPO_ENTRY
            + "` |\n");
    b.append("| `sft.jsonl` | chat `messages` (x1→y1 and x2→y2), OpenAI-style roles | SFT trainers; stock"
        + " LLaMA-Factory, dataset `" + ExportFiles.SFT_ENTRY + "` |\n");
    b.append("| `verifiable.jsonl` | each train instruction (x1 and x2) with its rule-checkable constraints as"
        + " checks (`func_name` `tracegen:<checker>` and `kwargs`), the rest listed for a judge, and its own"
        + " response | RLVR/GRPO reward functions: `scripts/verify.py` scores a response against a line"
        + " (format: `docs/verifiable.md`) |\n");
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
    waste(b, s.waste());

    statistics(b, s, splits);
    dedup(b, s.dedup());
    judge(b, s);
    funnel(b, s, r);

    b.append("## Models used\n\n");
    b.append("- Generator: `").append(cell(generator)).append("`\n");
    b.append("- Judge: `").append(cell(judge)).append("`\n");
    b.append("- Taxonomy version: `")
        .append(cell(text(r.taxonomyVersion(), "unknown")))
        .append("`\n");
    if (r.profile() != null) {
      b.append("- Profile: `").append(cell(text(r.profile(), ""))).append("`\n");
    }
    if (!r.dimensionWeights().isEmpty()) {
      List<String> pairs = new ArrayList<>();
      new TreeMap<>(r.dimensionWeights()).forEach((id, w) -> pairs.add(id + "=" + w));
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

  /** Verdicts by method and the judge's agreement with the checkers on the calibration sample. */
  private static void judge(StringBuilder b, CorpusStats s) {
    CorpusStats.JudgeStats judge = s.judge();
    if (judge == null) {
      return;
    }
    Map<String, Long> methods = judge.verdictsByMethod();
    CorpusStats.Calibration cal = judge.calibration();
    b.append("## Verification\n\n");
    b.append("Constraint verdicts over the four pairings of every record: ").append(num(methods.get("checker")))
        .append(" by programmatic checkers, ").append(num(methods.get("llm"))).append(" by the LLM judge. ");
    long asked = cal.asked();
    if (asked == 0) {
      b.append("No judge calibration sample was taken.\n\n");
      return;
    }
    b.append("On a calibration sample of ").append(asked).append(" checker-decided verdicts the LLM judge was asked")
        .append(" too and agreed on ").append(cal.agreed()).append(String.format(Locale.ROOT, " (%.1f %%)",
            100.0 * cal.agreed() / asked))
        .append(": a measure of how far its verdicts on the constraints no program can check can be trusted.\n\n");
  }

  /** Languages found in the records, most records first; English when the stats have none. */
  static List<String> languages(CorpusStats stats) {
    Map<String, Long> total = new TreeMap<>();
    stats.languages().values().forEach(bySplit -> bySplit.forEach((lang, n) -> total.merge(lang, n, Long::sum)));
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
    config(b, "verifiable", "train", View.VERIFIABLE.fileName());
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

  private static void statistics(StringBuilder b, CorpusStats s, List<String> splits) {
    b.append("## Statistics\n\n");
    b.append("| split | records | shards | mean constraints | mean words y1 | mean words y2 |\n");
    b.append("|---|---:|---:|---:|---:|---:|\n");
    for (String split : splits) {
      CorpusStats.Words words = s.wordsMean().getOrDefault(split, new CorpusStats.Words(0, 0));
      b.append("| ")
          .append(split)
          .append(" | ")
          .append(count(s.records().get(split)))
          .append(" | ")
          .append(count(s.shards().get(split)))
          .append(" | ")
          .append(decimal(s.constraintsMean().get(split)))
          .append(" | ")
          .append(decimal(words.y1()))
          .append(" | ")
          .append(decimal(words.y2()))
          .append(" |\n");
    }
    b.append('\n');

    b.append("### Constraints per instruction\n\n");
    table(b, "constraints", splits, s.constraintsHistogram(), false, Integer.MAX_VALUE);
    b.append("### Top dimensions (x1)\n\n");
    table(b, "dimension", splits, s.dimensions(), true, TOP_DIMENSIONS);
    b.append("### Constraint types (x1)\n\n");
    table(b, "type", splits, s.types(), true, Integer.MAX_VALUE);
    b.append("### Perturbations\n\n");
    table(b, "operation", splits, s.perturbationOps(), true, Integer.MAX_VALUE);
  }

  /**
   * A table with one row per key and one count column per split. Rows keep the first split's key
   * order, or are ranked by total count (ties by name) when {@code byCount}.
   */
  private static void table(
      StringBuilder b,
      String what,
      List<String> splits,
      Map<String, Map<String, Long>> bySplit,
      boolean byCount,
      int limit) {
    LinkedHashMap<String, Long> totals = new LinkedHashMap<>();
    for (String split : splits) {
      bySplit.getOrDefault(split, Map.of()).forEach((k, v) -> totals.merge(k, v, Long::sum));
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
        b.append(" | ").append(count(bySplit.getOrDefault(split, Map.of()).get(key)));
      }
      b.append(" |\n");
    }
    b.append('\n');
  }

  private static void funnel(StringBuilder b, CorpusStats s, RunFacts r) {
    b.append("## Funnel and rejections\n\n");
    Map<String, Long> funnel = r.funnel() == null ? Map.of() : r.funnel();
    if (!funnel.isEmpty()) {
      b.append("| stage | records |\n|---|---:|\n");
      funnel.forEach(
          (stage, n) ->
              b.append("| ").append(cell(stage)).append(" | ").append(count(n)).append(" |\n"));
      b.append('\n');
    }
    CorpusStats.Rejections rejections = s.rejections();
    Map<String, Map<String, Long>> byReason = rejections.byStageReason();
    if (byReason.isEmpty()) {
      b.append("No rejections were recorded.\n\n");
      return;
    }
    b.append(
        "Every candidate that left the pipeline is in `rejections/<stage>.jsonl` with its"
            + " reason.\n\n");
    b.append("| stage | reason | rejected |\n|---|---|---:|\n");
    for (Map.Entry<String, Map<String, Long>> stage : byReason.entrySet()) {
      for (Map.Entry<String, Long> reason : stage.getValue().entrySet()) {
        b.append("| ")
            .append(cell(stage.getKey()))
            .append(" | ")
            .append(cell(reason.getKey()))
            .append(" | ")
            .append(count(reason.getValue()))
            .append(" |\n");
      }
    }
    b.append("| **total** | | ").append(count(rejections.total())).append(" |\n\n");
  }

  /** The deduplication and decontamination subsection (nothing when the statistics have none). */
  private static void dedup(StringBuilder b, DedupStats s) {
    if (s == null) {
      return;
    }
    b.append("### Deduplication and decontamination\n\n");
    b.append(String.format(Locale.ROOT, "%,d records reached dedup (instruction x1: exact normalised text, near-duplicates"
        + " by MinHash/LSH at shingle Jaccard >= threshold, optionally semantic by embedding cosine; one survivor per"
        + " cluster, never a cluster across train and eval).%n%n", s.input()));
    b.append("| removed as | records | rate |\n|---|---:|---:|\n");
    s.removed().forEach((reason, n) -> b.append(String.format(Locale.ROOT, "| %s | %,d | %.4f%% |%n", reason, n,
        100 * s.rate().getOrDefault(reason, 0.0))));
    b.append('\n');
    b.append("Clusters by size (survivor included):\n\n| kind | size: clusters |\n|---|---|\n");
    s.clusterSizes().forEach((kind, h) -> {
      StringBuilder row = new StringBuilder();
      h.forEach((size, c) -> row.append(row.length() == 0 ? "" : ", ").append(size).append(": ").append(c));
      b.append("| ").append(kind).append(" | ").append(row.length() == 0 ? "none" : row).append(" |\n");
    });
    b.append('\n');
    DedupStats.Decontamination d = s.decontamination();
    b.append(String.format(Locale.ROOT, "Decontamination: of %,d train records, %,d shared a long n-gram (13 words or 26 CJK"
            + " characters) with an eval record and %,d with an external benchmark file (rate %.4f%%).%n%n",
        d.input(), d.ngramOverlapEval(), d.ngramOverlapExternal(), 100 * d.rate()));
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

  /** YAML scalars always double-quoted, on one line, without the document marker: a name is never read as a number or a key. */
  private static final ObjectWriter YAML_SCALAR = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build()
      .writer();

  /** {@code t} as a YAML double-quoted scalar, written by Jackson's YAML generator. */
  static String quote(String t) {
    try {
      return YAML_SCALAR.writeValueAsString(t).strip();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + t + " as YAML", e);
    }
  }
}
