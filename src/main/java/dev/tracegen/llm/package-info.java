/**
 * The LLM layer: provider selection ({@link dev.tracegen.llm.ChatModels}: embedded, openai, ollama,
 * anthropic, gemini, keys only from environment variables through {@link dev.tracegen.llm.Secrets}),
 * the shared per-worker client ({@link dev.tracegen.llm.LlmClient}: response cache, rate limits,
 * budgets, retries with backoff honouring Retry-After, circuit breaker), the crash-safe
 * content-addressed {@link dev.tracegen.llm.ResponseCache}, the end-of-run
 * {@link dev.tracegen.llm.LlmSummary}, and the per-element {@link dev.tracegen.llm.LlmSession} that
 * asks, parses and re-asks once. The DoFn base that uses them lives with the stages
 * ({@link dev.tracegen.stage}).
 */
package dev.tracegen.llm;
