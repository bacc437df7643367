package dev.tracegen.cli;

import dev.tracegen.TraceOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** {@code tracegen estimate}: every option of {@code run}, and the pilot's size. */
public interface EstimateOptions extends TraceOptions {
  @Description("Run about N candidates through the real pipeline against the configured model first (its answers "
      + "go to the response cache) and scale the estimate to what it measured; 0 = no pilot, no LLM call.")
  @Default.Integer(0)
  int getPilot();

  void setPilot(int value);
}
