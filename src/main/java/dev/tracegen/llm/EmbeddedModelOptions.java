package dev.tracegen.llm;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The embedded model's knobs, the same for a command that calls it in-process ({@code run},
 * {@code eval}) and for {@code serve}, which puts it behind HTTP; {@code getX} is {@code --x}.
 */
public interface EmbeddedModelOptions extends PipelineOptions {
  @Description("Embedded model: fraction of responses that deliberately break one constraint (0-1).")
  @Default.Double(0.0)
  double getNonCompliance();

  void setNonCompliance(double value);

  @Description("Embedded model: fraction of structured answers that are malformed JSON (0-1).")
  @Default.Double(0.0)
  double getMalformed();

  void setMalformed(double value);

  @Description("Embedded model: faithful (answers exactly as asked) or realistic (adds real models' habits; docs/persona.md).")
  @Default.String("faithful")
  String getPersona();

  void setPersona(String value);

  @Description("Realistic persona: rates of its habits as NAME=RATE,..., e.g. fence=0.2,refusal=0.01 (docs/persona.md).")
  @Default.String("")
  String getPersonaRates();

  void setPersonaRates(String value);
}
