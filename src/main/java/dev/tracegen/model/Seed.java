package dev.tracegen.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A simple instruction that the pipeline expands. {@code input} is empty when the task needs no
 * input; {@code source} names the file and line it came from (for error messages and lineage).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@DefaultCoder(JsonCoder.class)
public record Seed(String id, String instruction, String input, String family, String source)
    implements Serializable {
  public Seed {
    input = input == null ? "" : input;
    family = family == null ? "" : family;
  }

  public boolean hasInput() {
    return !input.isBlank();
  }
}
