package dev.tracegen;

import dev.tracegen.llm.ModelOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Every option of {@code tracegen run}; {@code getX} is {@code --x}. */
public interface TraceOptions extends ModelOptions {
  @Description("Run profile (YAML): seeds, targets per split and constraint count, weights, run seed.")
  @Default.String("pipeline/smoke.yaml")
  String getProfile();

  void setProfile(String value);

  @Description("Output directory (required). It appears atomically when the run succeeds; an existing non-empty"
      + " directory is refused unless --overwrite.")
  @Default.String("")
  String getOutput();

  void setOutput(String value);

  @Description("Dataset card licence (a Hugging Face licence id such as mit, apache-2.0, cc-by-4.0). Default: the"
      + " profile's 'license', else 'other': what a generated corpus may be licensed under depends on the"
      + " generator's terms.")
  @Default.String("")
  String getLicense();

  void setLicense(String value);

  @Description("Dataset card title (pretty_name). Default: the profile's 'pretty_name', else a generic title.")
  @Default.String("")
  String getPrettyName();

  void setPrettyName(String value);

  @Description("Replace an earlier tracegen output at --output (one with _SUCCESS or a tracegen run.json). Other"
      + " directories, files, the home and working directories are never replaced.")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);

  @Description("Language of the corpus (zh, en): selects the prompts in --prompts/<language>/ and the taxonomy"
      + " phrasings in --taxonomy/<language>/ (en: the base files); empty = the profile's language (default en).")
  @Default.String("")
  String getLanguage();

  void setLanguage(String value);

  @Description("Taxonomy directory (one YAML file per constraint type).")
  @Default.String("taxonomy")
  String getTaxonomy();

  void setTaxonomy(String value);

  @Description("Prompt template directory (one file per LLM step).")
  @Default.String("prompts")
  String getPrompts();

  void setPrompts(String value);

  @Description("Seed files or globs, comma-separated; overrides the profile's list.")
  @Default.String("")
  String getSeeds();

  void setSeeds(String value);

  @Description("Seed layout: auto, tracegen, alpaca, dolly, self_instruct, text. Overrides the profile.")
  @Default.String("")
  String getSeedFormat();

  void setSeedFormat(String value);

  @Description("Estimate: seconds one LLM request takes; 0 = 0.5 s plus 20 ms per output token.")
  @Default.Double(0.0)
  double getExpectedLatency();

  void setExpectedLatency(double value);

  @Description("How many plans a run makes: adaptive (waves sized from the observed yield until every stratum is met)"
      + " or fixed (one wave at the over-generation factor); default adaptive, or fixed when --overgeneration is given.")
  @Default.String("")
  String getPlanning();

  void setPlanning(String value);

  @Description("Adaptive planning: the share of plans the first wave expects to ship (1 plans exactly the targets).")
  @Default.Double(1.0)
  double getPriorYield();

  void setPriorYield(double value);

  @Description("Adaptive planning: standard deviations of safety in a split's last top-up wave (half of it in the one "
      + "before; earlier top-ups aim at even odds, since a shortfall only costs another wave).")
  @Default.Double(2.0)
  double getWaveMargin();

  void setWaveMargin(double value);

  @Description("Adaptive planning: waves per split at most; then the shortfall rules apply.")
  @Default.Integer(5)
  int getMaxWaves();

  void setMaxWaves(int value);

  @Description("Plans per pipeline at most: a larger wave runs as several pipelines one after another (same records),"
      + " so that a runner that holds a stage's whole input in memory (the DirectRunner) holds only this many"
      + " candidates; 0 = no limit.")
  @Default.Integer(40_000)
  int getMaxPlansPerPipeline();

  void setMaxPlansPerPipeline(int value);

  @Description("Over-generation factor with --planning=fixed; 0 keeps the profile's.")
  @Default.Double(0.0)
  double getOvergeneration();

  void setOvergeneration(double value);

  @Description("Publish the output even when a stratum falls short of its target (reported either way).")
  @Default.Boolean(false)
  boolean getAllowShortfall();

  void setAllowShortfall(boolean value);

  @Description("Groups that keyed stages (plan spreading, dedup) use; more buckets, more parallelism on a cluster.")
  @Default.Integer(16)
  int getBuckets();

  void setBuckets(int value);

  @Description("No progress lines and no end-of-run summary on stderr.")
  @Default.Boolean(false)
  boolean getQuiet();

  void setQuiet(boolean value);

  @Description("Also show the INFO log lines of Beam and Flink (hidden by default; warnings and errors always show).")
  @Default.Boolean(false)
  boolean getVerbose();

  void setVerbose(boolean value);

  @Description("Seconds between progress lines on stderr (records per stage, LLM calls/s, tokens, ETA); 0 = none.")
  @Default.Integer(5)
  int getProgressSeconds();

  void setProgressSeconds(int value);

  @Description("Reference eval set (JSONL with constraints_num, e.g. the official TRACE eval set) that report.html compares against.")
  @Default.String("")
  String getReference();

  void setReference(String value);

  @Description("Restrict the planner to these dimension ids (comma-separated); every other dimension gets weight 0.")
  @Default.String("")
  String getDimensions();

  void setDimensions(String value);

  @Description("Dimension weights id=w,id=w merged over the profile's dimension_weights (0 disables a dimension).")
  @Default.String("")
  String getDimensionWeights();

  void setDimensionWeights(String value);

  // --- Dedup, split and decontamination ---

  @Description("Near-duplicate dedup of the rendered x1 (MinHash/LSH, exact Jaccard confirmation, connected components).")
  @Default.Boolean(true)
  boolean getNearDedup();

  void setNearDedup(boolean value);

  @Description("Near-dup shingle size in words (texts that are mostly CJK use --charShingleSize characters).")
  @Default.Integer(3)
  int getShingleSize();

  void setShingleSize(int value);

  @Description("Near-dup shingle size in characters for CJK text (Han, Hiragana, Katakana are at least half the letters).")
  @Default.Integer(5)
  int getCharShingleSize();

  void setCharShingleSize(int value);

  @Description("MinHash permutations (signature length); must be divisible by --lshBands.")
  @Default.Integer(256)
  int getMinhashPermutations();

  void setMinhashPermutations(int value);

  @Description("LSH bands over the MinHash signature (32 bands of 8 rows: a pair at Jaccard 0.8 is a candidate with p = 0.997, at 0.9 with p = 1 - 1e-8, at 0.3 with p = 0.002).")
  @Default.Integer(32)
  int getLshBands();

  void setLshBands(int value);

  @Description("Share of checker-decided constraints also scored by the LLM judge, to measure how far the judge "
      + "agrees with the checkers (the checker's verdict still decides); 0 turns it off.")
  @Default.Double(0.05)
  double getJudgeCalibration();

  void setJudgeCalibration(double value);

  @Description("Times a response the judge fails is sent back to the generator with the judge's reasons before "
      + "its candidate is dropped (a revision costs a request or two; a dropped candidate, all it cost so far); "
      + "0 drops it at once.")
  @Default.Integer(3)
  int getRevisions();

  void setRevisions(int value);

  @Description("Near-duplicate threshold: candidate pairs with shingle Jaccard >= this are duplicates.")
  @Default.Double(0.8)
  double getNearDupThreshold();

  void setNearDupThreshold(double value);

  @Description("Semantic dedup with the in-process all-MiniLM-L6-v2 (quantized) embedding model (~120 instructions/s per thread).")
  @Default.Boolean(false)
  boolean getSemanticDedup();

  void setSemanticDedup(boolean value);

  @Description("Semantic dedup: cosine similarity of the embeddings at or above which two instructions are duplicates.")
  @Default.Double(0.9)
  double getSemanticThreshold();

  void setSemanticThreshold(double value);

  @Description("Semantic dedup: LSH bands over the embedding's 256-bit random-hyperplane sketch.")
  @Default.Integer(100)
  int getSemanticBands();

  void setSemanticBands(int value);

  @Description("Semantic dedup: sketch bits per band (100 x 20: a pair at cosine 0.9 is a candidate with p = 0.99, one at 0.5 with 0.03).")
  @Default.Integer(20)
  int getSemanticBits();

  void setSemanticBits(int value);

  @Description("Decontamination n-gram length in words: train records sharing one with eval or --decontaminate files are dropped.")
  @Default.Integer(13)
  int getDecontaminationNgram();

  void setDecontaminationNgram(int value);

  @Description("Decontamination n-gram length in characters for CJK text.")
  @Default.Integer(26)
  int getDecontaminationCharNgram();

  void setDecontaminationCharNgram(int value);

  @Description("An n-gram counts as contamination only if at most this many reference documents (eval seeds; lines of an external file) have it; more = template phrasing. 0 = every shared n-gram counts.")
  @Default.Integer(1)
  int getDecontaminationMaxDocs();

  void setDecontaminationMaxDocs(int value);

  @Description("External benchmark files (comma-separated; JSONL or plain text) to decontaminate train against, e.g. src/test/resources/reference/trace/trace_eval_official.jsonl.")
  @Default.String("")
  String getDecontaminate();

  void setDecontaminate(String value);

  @Description("JSON field path of the text in --decontaminate files, e.g. messages[-1].content; empty tries messages[-1].content, instruction, text, prompt.")
  @Default.String("")
  String getDecontaminateField();

  void setDecontaminateField(String value);
}
