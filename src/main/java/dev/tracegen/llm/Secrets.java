package dev.tracegen.llm;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The one place API keys are read: from the environment variable whose NAME an option gives.
 * Keys live only in the model clients built from them; they are never part of settings, options,
 * cache keys, reports or messages. Tests replace the lookup (the JVM cannot set environment
 * variables) with {@link #override}.
 */
public final class Secrets {
  private static volatile UnaryOperator<String> lookup = System::getenv;

  private Secrets() {}

  /** The value of environment variable {@code name}, or null when it is unset or empty. */
  public static String get(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String value = lookup.apply(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The value of {@code name}; a missing variable is an error that names it (never a value). */
  public static String require(String name, String what) {
    String value = get(name);
    if (value == null) {
      throw new IllegalArgumentException("environment variable " + name + " (named by " + what
          + ") is not set or empty; export it with the API key before running");
    }
    return value;
  }

  /** Replaces the environment lookup (tests); {@code null} restores {@link System#getenv}. */
  public static void override(UnaryOperator<String> newLookup) {
    lookup = newLookup == null ? System::getenv : newLookup;
  }

  /** {@code text} with every occurrence of {@code secret} replaced by {@code ***}. */
  public static String scrub(String text, String secret) {
    if (text == null || secret == null || secret.length() < 4) {
      return text;
    }
    return text.replace(secret, "***");
  }

  /** {@link #scrub} for an optional text. */
  static String scrubOrEmpty(String text, String secret) {
    return Objects.requireNonNullElse(scrub(text, secret), "");
  }
}
