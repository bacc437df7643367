package dev.tracegen.model;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One constraint of an instruction. {@code type} and {@code dimension} are taxonomy ids;
 * {@code params} are the phrasing parameters a checker needs (e.g. {@code keyword}, {@code min}).
 * Params are kept sorted so that serialised records are byte-stable.
 */
public record Constraint(String id, String type, String dimension, String text, Map<String, Object> params)
    implements Serializable {
  public Constraint {
    params = params == null ? new TreeMap<>() : new TreeMap<>(params);
  }

  /** A parameter as text, or {@code ""} when absent. */
  public String param(String name) {
    Object v = params.get(name);
    return v == null ? "" : String.valueOf(v);
  }
}
