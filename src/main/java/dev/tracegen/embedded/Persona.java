package dev.tracegen.embedded;

import java.io.Serializable;

/**
 * How the embedded model behaves: {@code faithful} answers exactly in the format asked (the
 * default; the corpus it builds is the reference), {@code realistic} adds, at configurable rates,
 * what real models do (see {@link PersonaRates} and docs/persona.md).
 */
public record Persona(String name, PersonaRates rates) implements Serializable {
  public static final String FAITHFUL_NAME = "faithful";
  public static final String REALISTIC_NAME = "realistic";
  public static final Persona FAITHFUL = new Persona(FAITHFUL_NAME, PersonaRates.DEFAULTS);

  public Persona {
    if (!FAITHFUL_NAME.equals(name) && !REALISTIC_NAME.equals(name)) {
      throw new IllegalArgumentException("--persona must be " + FAITHFUL_NAME + " or " + REALISTIC_NAME
          + ", not '" + name + "'");
    }
    rates = rates == null ? PersonaRates.DEFAULTS : rates;
  }

  /** From the {@code --persona} and {@code --personaRates} options; rates need the realistic persona. */
  public static Persona of(String name, String rates) {
    String n = name == null || name.isBlank() ? FAITHFUL_NAME : name.strip();
    if (FAITHFUL_NAME.equals(n) && rates != null && !rates.isBlank()) {
      throw new IllegalArgumentException("--personaRates applies only with --persona=" + REALISTIC_NAME);
    }
    return new Persona(n, PersonaRates.parse(rates));
  }

  public boolean faithful() {
    return FAITHFUL_NAME.equals(name);
  }

  /** How the persona shows in run metadata and cache keys. */
  public String label() {
    return faithful() ? name : name + "(" + rates + ")";
  }
}
