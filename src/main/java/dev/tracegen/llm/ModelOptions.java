package dev.tracegen.llm;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * The options that say which models a command calls and how: endpoints, sampling, limits and
 * retries, budgets and prices, the response cache and the embedded model's knobs. Shared by
 * {@code run} and {@code eval}; {@code getX} is {@code --x}.
 */
public interface ModelOptions extends EmbeddedModelOptions {
  @Description("Generator provider: embedded, openai, ollama, anthropic, gemini.")
  @Default.String("embedded")
  String getProvider();

  void setProvider(String value);

  @Description("Generator model name (provider default when empty).")
  @Default.String("")
  String getModel();

  void setModel(String value);

  @Description("Base URL of the generator endpoint (e.g. http://localhost:8000/v1 for vLLM).")
  @Default.String("")
  String getBaseUrl();

  void setBaseUrl(String value);

  @Description("NAME of the environment variable that holds the generator's API key (never the key itself).")
  @Default.String("")
  String getApiKeyEnv();

  void setApiKeyEnv(String value);

  @Description("Judge provider; empty means the generator's.")
  @Default.String("")
  String getJudgeProvider();

  void setJudgeProvider(String value);

  @Description("Judge model; empty means the generator's.")
  @Default.String("")
  String getJudgeModel();

  void setJudgeModel(String value);

  @Description("Judge base URL; empty means the generator's.")
  @Default.String("")
  String getJudgeBaseUrl();

  void setJudgeBaseUrl(String value);

  @Description("NAME of the environment variable with the judge's API key; empty means the generator's.")
  @Default.String("")
  String getJudgeApiKeyEnv();

  void setJudgeApiKeyEnv(String value);

  @Description("Sampling temperature.")
  @Default.Double(0.7)
  double getTemperature();

  void setTemperature(double value);

  @Description("Maximum output tokens per call.")
  @Default.Integer(2048)
  int getMaxTokens();

  void setMaxTokens(int value);

  @Description("Request timeout in seconds.")
  @Default.Integer(120)
  int getRequestTimeout();

  void setRequestTimeout(int value);

  @Description("How JSON steps (structure, quality, perturb, judge) ask for their answer: auto (the step's JSON "
      + "schema for openai, ollama, gemini and embedded; the prompt only for anthropic), json_schema, json_object "
      + "or none (the prompt only). A server that refuses the format with HTTP 400 makes the run fall back to the "
      + "next weaker one, with a warning.")
  @Default.String("auto")
  String getResponseFormat();

  void setResponseFormat(String value);

  @Description("LLM requests in flight per DoFn instance (1 = one at a time).")
  @Default.Integer(16)
  int getMaxInFlight();

  void setMaxInFlight(int value);

  @Description("Send each LLM step's cache misses through the provider's batch API (OpenAI-compatible /v1/files + "
      + "/v1/batches, or Anthropic's Message Batches; half the price, answers within 24 h) instead of one request "
      + "each. Providers openai and anthropic; needs the response cache. Each batch holds up to --maxInFlight requests per step instance: raise it "
      + "(e.g. 512). See docs/batch.md.")
  @Default.Boolean(false)
  boolean getBatch();

  void setBatch(boolean value);

  @Description("With --batch: how often a submitted batch's status is read, in seconds.")
  @Default.Double(30)
  double getBatchPollSeconds();

  void setBatchPollSeconds(double value);

  @Description("With --batch: most requests in one batch (OpenAI allows 50000, Anthropic 100000).")
  @Default.Integer(50000)
  int getBatchMaxRequests();

  void setBatchMaxRequests(int value);

  @Description("With --batch: a batch still running after this many hours is cancelled and its unanswered "
      + "requests are sent one by one.")
  @Default.Double(24)
  double getBatchTimeoutHours();

  void setBatchTimeoutHours(double value);

  @Description("Requests per minute per worker JVM and endpoint, 0 = unlimited (cluster-wide figure / workers).")
  @Default.Long(0)
  long getRequestsPerMinute();

  void setRequestsPerMinute(long value);

  @Description("Tokens (in + out) per minute per worker JVM and endpoint, 0 = unlimited (cluster-wide figure / workers).")
  @Default.Long(0)
  long getTokensPerMinute();

  void setTokensPerMinute(long value);

  @Description("Retries of one LLM call on 429, 5xx, timeouts and I/O errors (exponential backoff, full jitter).")
  @Default.Integer(5)
  int getMaxRetries();

  void setMaxRetries(int value);

  @Description("First backoff step in ms; retry n waits up to base * 2^n, or the server's Retry-After.")
  @Default.Long(500)
  long getRetryBaseMillis();

  void setRetryBaseMillis(long value);

  @Description("Budget: LLM requests per worker JVM (retries included), 0 = unlimited; then elements are rejected.")
  @Default.Long(0)
  long getMaxCalls();

  void setMaxCalls(long value);

  @Description("Budget: LLM tokens (in + out) per worker JVM, 0 = unlimited; then elements are rejected.")
  @Default.Long(0)
  long getMaxTotalTokens();

  void setMaxTotalTokens(long value);

  // --- Prices and the money budget (prices/README.md, docs/cost.md) ---

  @Description("Budget: money the run may spend on LLM requests, in the price table's currency, 0 = unlimited. A "
      + "request that could cross it is not sent and the run stops (nothing published, answers cached); rerun with "
      + "a higher --maxCost to go on. Needs a price for the generator and the judge.")
  @Default.Double(0.0)
  double getMaxCost();

  void setMaxCost(double value);

  @Description("Price table (YAML): list prices per million tokens per provider and model (prices/README.md).")
  @Default.String("prices/prices.yaml")
  String getPrices();

  void setPrices(String value);

  @Description("Generator's input price per million tokens; -1 = the price table's.")
  @Default.Double(-1)
  double getPriceInput();

  void setPriceInput(double value);

  @Description("Generator's output price per million tokens; -1 = the price table's.")
  @Default.Double(-1)
  double getPriceOutput();

  void setPriceOutput(double value);

  @Description("Generator's cached-input price per million tokens; -1 = the price table's (else the input price).")
  @Default.Double(-1)
  double getPriceCachedInput();

  void setPriceCachedInput(double value);

  @Description("Generator's batch input price per million tokens; -1 = the price table's (else the input price).")
  @Default.Double(-1)
  double getPriceBatchInput();

  void setPriceBatchInput(double value);

  @Description("Generator's batch output price per million tokens; -1 = the price table's (else the output price).")
  @Default.Double(-1)
  double getPriceBatchOutput();

  void setPriceBatchOutput(double value);

  @Description("Judge's input price per million tokens; -1 = the price table's for the judge's model.")
  @Default.Double(-1)
  double getJudgePriceInput();

  void setJudgePriceInput(double value);

  @Description("Judge's output price per million tokens; -1 = the price table's for the judge's model.")
  @Default.Double(-1)
  double getJudgePriceOutput();

  void setJudgePriceOutput(double value);

  @Description("Response cache for non-embedded providers: reuse answers of earlier runs (--cache=false turns it off).")
  @Default.Boolean(true)
  boolean getCache();

  void setCache(boolean value);

  @Description("Response cache directory, any Beam file system (local path, gs://...); empty = .tracegen-cache.")
  @Default.String("")
  String getCacheDir();

  void setCacheDir(String value);
}
