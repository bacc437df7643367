package dev.tracegen.llm.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A provider's batch API as {@link BatchCollector} uses it: create a batch of requests, follow it
 * until it ends, read its answers, and find a batch whose creation was not recorded. Failures are
 * {@link BatchApiException}s that say whether trying again may help; nothing the server sends is
 * trusted.
 */
public interface BatchApi {
  /** Creates one batch of {@code bodies} (request key, which is also its custom id, to request body). */
  BatchInfo create(String step, String tag, Map<String, ObjectNode> bodies);

  BatchInfo get(String batchId);

  BatchInfo cancel(String batchId);

  /**
   * The batch that {@code record} asked for, when a run created it but could not record its id,
   * looking through at most {@code maxPages} pages of the provider's batch list; empty when none.
   */
  Optional<BatchInfo> find(BatchRecord record, int maxPages);

  /** The answers an ended batch gave to the requests {@code keys}. */
  BatchResults results(BatchInfo ended, Set<String> keys);

  /** The API's name for messages, e.g. "the OpenAI batch API". */
  String describe();
}
