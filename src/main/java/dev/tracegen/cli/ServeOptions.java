package dev.tracegen.cli;

import dev.tracegen.llm.EmbeddedModelOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Every option of {@code tracegen serve}; {@code getX} is {@code --x}. */
public interface ServeOptions extends EmbeddedModelOptions {
  @Description("Port on 127.0.0.1; 0 picks a free one (the bound URL is printed).")
  @Default.Integer(8088)
  int getPort();

  void setPort(int value);

  @Description("Model id the server answers to (requests for another model get 404).")
  @Default.String("tracegen-embedded-1")
  String getServedModel();

  void setServedModel(String value);

  @Description("Taxonomy directory the embedded model reads.")
  @Default.String("taxonomy")
  String getTaxonomy();

  void setTaxonomy(String value);

  @Description("Fixed latency added to every answer, in milliseconds.")
  @Default.Long(0)
  long getLatencyMillis();

  void setLatencyMillis(long value);

  @Description("Random extra latency, uniform in [0, jitterMillis] milliseconds.")
  @Default.Long(0)
  long getJitterMillis();

  void setJitterMillis(long value);

  @Description("Fraction of requests answered 429 with a Retry-After header (0-1).")
  @Default.Double(0.0)
  double getFraction429();

  void setFraction429(double value);

  @Description("Retry-After sent with a 429, in seconds.")
  @Default.Integer(1)
  int getRetryAfterSeconds();

  void setRetryAfterSeconds(int value);

  @Description("Fraction of requests answered 500 (0-1).")
  @Default.Double(0.0)
  double getFraction500();

  void setFraction500(double value);

  @Description("Fraction of requests held for stallSeconds before the answer (client timeouts) (0-1).")
  @Default.Double(0.0)
  double getFractionStall();

  void setFractionStall(double value);

  @Description("How long a stalled request is held, in seconds (longer than the client's --requestTimeout).")
  @Default.Integer(150)
  int getStallSeconds();

  void setStallSeconds(int value);

  @Description("Fraction of requests answered 200 with a cut-off, invalid JSON body (0-1).")
  @Default.Double(0.0)
  double getFractionMalformed();

  void setFractionMalformed(double value);

  @Description("NAME of an environment variable; when set, requests need 'Authorization: Bearer <its value>' (or, on the Anthropic endpoints, x-api-key) or get 401.")
  @Default.String("")
  String getRequireKeyEnv();

  void setRequireKeyEnv(String value);

  @Description("Seed of the fault and jitter draws (per request body and how often it was sent, so a retry can succeed).")
  @Default.Long(1)
  long getFaultSeed();

  void setFaultSeed(long value);

  @Description("Batch API: seconds from a batch's creation until it completes.")
  @Default.Double(2.0)
  double getBatchDelay();

  void setBatchDelay(double value);

  @Description("Batch API: fraction of batch lines that fail into the error file unanswered (0-1, drawn per custom_id).")
  @Default.Double(0.0)
  double getBatchFailures();

  void setBatchFailures(double value);

  @Description("Batch API: fraction of answered batch lines written cut off, as invalid JSON (0-1, drawn per custom_id).")
  @Default.Double(0.0)
  double getBatchMalformed();

  void setBatchMalformed(double value);
}
