package dev.tracegen.llm.batch;

/** Where an LLM call in batch mode leaves its request, and waits for the batch that answers it. */
public interface BatchQueue {
  /** Queues {@code request} and blocks until a batch has answered it (or failed to). */
  BatchOutcome ask(BatchRequest request) throws InterruptedException;
}
