/**
 * Provider batch APIs ({@code --batch}): an LLM step's cache misses are collected and sent as one
 * batch (OpenAI-compatible {@code /v1/files} + {@code /v1/batches}) instead of one request each;
 * answers are written to the response cache, and batches in flight are recorded under the cache
 * directory so that a rerun after a crash collects them instead of paying again. See docs/batch.md.
 */
package dev.tracegen.llm.batch;
