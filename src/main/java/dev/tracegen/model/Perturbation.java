package dev.tracegen.model;

import java.io.Serializable;
import java.util.List;

/**
 * How x2 was derived from x1. {@code op} is ADD, DELETE or REVISE; {@code changed} lists the
 * 1-based indices in x2 of constraints that are new or revised (deleted ones do not exist in x2).
 */
public record Perturbation(String op, List<Integer> changed, List<String> removed) implements Serializable {
  public Perturbation {
    changed = changed == null ? List.of() : List.copyOf(changed);
    removed = removed == null ? List.of() : List.copyOf(removed);
  }
}
