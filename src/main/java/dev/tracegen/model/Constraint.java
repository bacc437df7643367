package dev.tracegen.model;

import java.io.Serializable;

/**
 * One constraint of an instruction. {@code type} and {@code dimension} are taxonomy ids;
 * {@code params} are the phrasing parameters a checker needs (e.g. {@code keyword}, {@code min}).
 */
public record Constraint(String id, String type, String dimension, String text, Params params)
    implements Serializable {
  public Constraint {
    params = params == null ? Params.EMPTY : params;
  }

  /** A parameter as text, or {@code ""} when absent. */
  public String param(String name) {
    return params.text(name);
  }
}
