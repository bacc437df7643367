package dev.tracegen.cli;

import dev.tracegen.llm.ModelOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Every option of {@code tracegen eval}; {@code getX} is {@code --x}. The model options are run's
 * ({@link ModelOptions}): {@code --provider/--model/...} name the model under test, {@code
 * --judge*} the judge. Names run has too keep run's defaults, which Beam wants for the same name;
 * the model under test's temperature defaults to the paper's 0.1 unless {@code --temperature} is given.
 */
public interface EvalOptions extends ModelOptions {
  @Description("The eval file: TRACE-layout JSONL, the official set or a build's trace_eval.jsonl; any"
      + " Beam file system.")
  @Default.String("")
  String getData();

  void setData(String value);

  @Description("Output directory: results.json and items.jsonl appear there when the evaluation is done;"
      + " an existing non-empty directory is refused unless --overwrite.")
  @Default.String("")
  String getOutput();

  void setOutput(String value);

  @Description("Replace an earlier tracegen output at --output (one with _SUCCESS).")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);

  @Description("Language of the judge prompt (zh, en); empty = the eval file's, by the script of its instructions.")
  @Default.String("")
  String getLanguage();

  void setLanguage(String value);

  @Description("Prompt directory: the judge prompt is eval_judge.txt there (English) or in its zh/ (Chinese).")
  @Default.String("prompts")
  String getPrompts();

  void setPrompts(String value);

  @Description("Taxonomy directory: maps levels2 labels to constraint types; the embedded model reads it.")
  @Default.String("taxonomy")
  String getTaxonomy();

  void setTaxonomy(String value);

  @Description("Whose verdict counts: judge (the judge's scores, as in the paper), checker-first (a rule-checkable"
      + " constraint's checker decides it, 10 or 0; the judge scores the rest) or both (judge's figures, with the"
      + " checker-first figures beside them). Checker verdicts and their agreement with the judge are always recorded.")
  @Default.String("judge")
  String getScoring();

  void setScoring(String value);

  @Description("Earlier evaluations to show beside this one in report.html: their output directories, comma-separated.")
  @Default.String("")
  String getCompare();

  void setCompare(String value);

  @Description("Evaluate only the first N instructions of the file (0 = all).")
  @Default.Integer(0)
  int getLimit();

  void setLimit(int value);

  @Description("No progress lines on stderr.")
  @Default.Boolean(false)
  boolean getQuiet();

  void setQuiet(boolean value);

  @Description("Seconds between progress lines on stderr; 0 = none.")
  @Default.Integer(5)
  int getProgressSeconds();

  void setProgressSeconds(int value);
}
