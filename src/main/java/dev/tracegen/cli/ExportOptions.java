package dev.tracegen.cli;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Every option of {@code tracegen export DIR}; {@code getX} is {@code --x}. The defaults of the
 * names run has too are TraceOptions', which Beam wants for the same name; the command uses a
 * value only when given (CommandLine.given) and otherwise DIR itself or the run's, from run.json.
 */
public interface ExportOptions extends PipelineOptions {
  @Description("Write the views there instead of replacing them in DIR.")
  @Default.String("")
  String getOutput();

  void setOutput(String value);

  @Description("Taxonomy for the levels2 labels of trace_eval.jsonl. [default: the run's, from run.json]")
  @Default.String("taxonomy")
  String getTaxonomy();

  void setTaxonomy(String value);

  @Description("Profile whose 'category' trace_eval.jsonl carries. [default: the run's]")
  @Default.String("pipeline/smoke.yaml")
  String getProfile();

  void setProfile(String value);

  @Description("The category directly, instead of a profile's.")
  String getCategory();

  void setCategory(String value);
}
