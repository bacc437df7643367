/**
 * The embedded generator: a deterministic, rule-based LangChain4j {@code ChatModel} that answers
 * this project's own prompts the way a capable LLM would, so the whole flow runs with no key and
 * no network. It is a simulator for testing and demos; real corpora need a real LLM.
 */
package dev.tracegen.embedded;
