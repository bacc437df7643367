package dev.tracegen.llm;

/** One answer and what it cost. */
public record LlmReply(String text, long tokensIn, long tokensOut, int retries, boolean cached) {}
