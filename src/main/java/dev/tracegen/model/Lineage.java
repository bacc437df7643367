package dev.tracegen.model;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/** Which models and prompt versions produced a record, and how many LLM attempts it took. */
public record Lineage(String generator, String judge, Map<String, String> promptHashes, int attempts)
    implements Serializable {
  public Lineage {
    promptHashes = promptHashes == null ? new TreeMap<>() : new TreeMap<>(promptHashes);
  }
}
