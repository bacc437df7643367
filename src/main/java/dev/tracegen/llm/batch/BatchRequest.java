package dev.tracegen.llm.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request for a batch: its response cache key (also its {@code custom_id}, so that an answer
 * can only ever be filed under the request it answers) and the chat completion body to send.
 */
public record BatchRequest(String key, ObjectNode body) {}
