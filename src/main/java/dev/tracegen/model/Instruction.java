package dev.tracegen.model;

import java.io.Serializable;
import java.util.List;

/**
 * A complex instruction: a description, its constraints and an optional input ({@code ""} when
 * none). {@link #render()} gives the text a model sees, in the official TRACE eval layout.
 */
public record Instruction(String description, List<Constraint> constraints, String input)
    implements Serializable {
  public Instruction {
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
    input = input == null ? "" : input;
  }

  /** The numbered constraint lines, {@code "1. ..."}, one per constraint. */
  public List<String> numberedConstraints() {
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < constraints.size(); i++) {
      lines.add((i + 1) + ". " + constraints.get(i).text());
    }
    return lines;
  }

  /** Description, newline, numbered constraints one per line, then {@code # Inputs:} and the input. */
  public String render() {
    StringBuilder sb = new StringBuilder(description).append('\n');
    for (String line : numberedConstraints()) {
      sb.append(line).append('\n');
    }
    if (!input.isBlank()) {
      sb.append("# Inputs:\n").append(input).append('\n');
    }
    return sb.toString();
  }
}
