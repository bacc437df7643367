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

  public Constraint withId(String newId) {
    return new Constraint(newId, type, dimension, text, params);
  }

  /** A parameter as text, or {@code ""} when absent. */
  public String param(String name) {
    Object v = params.get(name);
    return v == null ? "" : String.valueOf(v);
  }

  /** A numeric parameter, or {@code fallback} when absent or not a number. */
  public int intParam(String name, int fallback) {
    Object v = params.get(name);
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return v == null ? fallback : Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
