package dev.tracegen.llm.batch;

import java.util.List;

/**
 * A batch this run is about to submit or has submitted, as written under
 * {@code <cacheDir>/batches/} before the batch is created: its tag (a hash of its request set,
 * also sent as the batch's metadata), where it goes, and the cache keys it asks for. No key or
 * answer is ever written here.
 *
 * @param batchId the provider's id once the batch exists; null while it is being created
 */
public record BatchRecord(int v, String tag, String step, String provider, String endpoint, String model,
    long createdMillis, List<String> keys, String batchId) {
  static final int VERSION = 1;

  BatchRecord withBatchId(String id) {
    return new BatchRecord(v, tag, step, provider, endpoint, model, createdMillis, keys, id);
  }
}
