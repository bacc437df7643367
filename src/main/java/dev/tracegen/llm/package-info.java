/**
 * The LLM layer: provider selection ({@link dev.tracegen.llm.ChatModels}), the shared per-worker
 * client ({@link dev.tracegen.llm.LlmClient}) and the DoFn base that keeps a bounded number of
 * calls in flight and repairs malformed answers ({@link dev.tracegen.llm.LlmStepFn}).
 */
package dev.tracegen.llm;
