package dev.tracegen.cli;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Every option of {@code tracegen stats DIR}; {@code getX} is {@code --x}. */
public interface StatsOptions extends PipelineOptions {
  @Description("Print the statistics exactly as stats.json holds them.")
  @Default.Boolean(false)
  boolean getJson();

  void setJson(boolean value);

  @Description("Rewrite DIR/stats.json.")
  @Default.Boolean(false)
  boolean getWrite();

  void setWrite(boolean value);

  @Description("Fail (see Exit status) when DIR/stats.json differs from the recomputed statistics or is missing.")
  @Default.Boolean(false)
  boolean getCheck();

  void setCheck(boolean value);

  @Description("Rewrite DIR/report.html from the recomputed statistics and DIR/run.json.")
  @Default.Boolean(false)
  boolean getReport();

  void setReport(boolean value);

  // The defaults are TraceOptions', which Beam wants for the same name; the command uses a value
  // only when given (CommandLine.given) and otherwise the run's, from run.json.
  @Description("Reference eval set for report.html, e.g. the official TRACE eval set. [default: the run's --reference]")
  @Default.String("")
  String getReference();

  void setReference(String value);

  @Description("Taxonomy that maps the reference's levels2 labels. [default: the run's]")
  @Default.String("taxonomy")
  String getTaxonomy();

  void setTaxonomy(String value);
}
