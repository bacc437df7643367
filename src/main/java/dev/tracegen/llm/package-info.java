/**
 * The LLM layer: provider selection ({@link dev.tracegen.llm.ChatModels}: embedded, openai, ollama,
 * anthropic, gemini, keys only from environment variables through {@link dev.tracegen.llm.Secrets}),
 * the shared per-worker client ({@link dev.tracegen.llm.LlmClient}: response cache, rate limits,
 * budgets, retries with backoff honouring Retry-After, circuit breaker), the crash-safe
 * content-addressed {@link dev.tracegen.llm.ResponseCache}, the end-of-run
 * {@link dev.tracegen.llm.LlmSummary}, and the DoFn base that keeps a bounded number of calls in
 * flight and repairs malformed answers ({@link dev.tracegen.llm.LlmStepFn}).
 */
package dev.tracegen.llm;
