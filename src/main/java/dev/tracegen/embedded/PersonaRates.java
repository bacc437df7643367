package dev.tracegen.embedded;

import com.google.common.base.Splitter;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How often the realistic persona shows each real-model habit (each a fraction 0-1, drawn per
 * conversation). The defaults and what each habit does are documented in docs/persona.md.
 *
 * @param fence a JSON answer in a {@code ```json} fence or between sentences
 * @param sloppyJson a JSON answer with single quotes and trailing commas
 * @param paraphrase each constraint line of an expand answer reworded (numbers and keywords kept)
 * @param wrongParams a structure or perturb answer with one parameter that disagrees with its text
 *     (first turn only: a repair re-ask is answered correctly)
 * @param countMiss a response one sentence, item or paragraph past a count limit
 * @param ignoreDont a response that does what a "Do not ..." constraint forbids
 * @param truncate an answer cut off mid-sentence with finish reason LENGTH
 * @param refusal a response that refuses the task
 * @param judgeFormat a judge answer in another format (score lines, strings, out of order, a score missing)
 * @param wrongLanguage a response written in French or Spanish
 */
public record PersonaRates(double fence, double sloppyJson, double paraphrase, double wrongParams, double countMiss,
    double ignoreDont, double truncate, double refusal, double judgeFormat, double wrongLanguage)
    implements Serializable {

  public static final PersonaRates DEFAULTS = new PersonaRates(0.2, 0.1, 0.15, 0.02, 0.02, 0.02, 0.02, 0.005, 0.15, 0.005);

  public PersonaRates {
    for (Map.Entry<String, Double> e : asMap(fence, sloppyJson, paraphrase, wrongParams, countMiss, ignoreDont,
        truncate, refusal, judgeFormat, wrongLanguage).entrySet()) {
      if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
        throw new IllegalArgumentException("persona rate " + e.getKey() + " must be between 0 and 1, not " + e.getValue());
      }
    }
  }

  /** The defaults with {@code spec} ({@code name=rate,...}, e.g. {@code fence=0.2,refusal=0.01}) applied; "" keeps them. */
  public static PersonaRates parse(String spec) {
    Map<String, Double> rates = DEFAULTS.asMap();
    for (String item : Splitter.on(',').trimResults().omitEmptyStrings().split(spec == null ? "" : spec)) {
      int eq = item.indexOf('=');
      String name = eq < 0 ? item : item.substring(0, eq).strip();
      if (eq < 0 || !rates.containsKey(name)) {
        throw new IllegalArgumentException("--personaRates: '" + item + "' is not NAME=RATE with NAME one of "
            + String.join(", ", rates.keySet()));
      }
      try {
        rates.put(name, Double.parseDouble(item.substring(eq + 1).strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--personaRates: the rate of " + name + " is not a number: '"
            + item.substring(eq + 1).strip() + "'");
      }
    }
    return new PersonaRates(rates.get("fence"), rates.get("sloppyJson"), rates.get("paraphrase"),
        rates.get("wrongParams"), rates.get("countMiss"), rates.get("ignoreDont"), rates.get("truncate"),
        rates.get("refusal"), rates.get("judgeFormat"), rates.get("wrongLanguage"));
  }

  /** Every rate by its option name, in declaration order. */
  public Map<String, Double> asMap() {
    return asMap(fence, sloppyJson, paraphrase, wrongParams, countMiss, ignoreDont, truncate, refusal, judgeFormat,
        wrongLanguage);
  }

  private static Map<String, Double> asMap(double... r) {
    String[] names = {"fence", "sloppyJson", "paraphrase", "wrongParams", "countMiss", "ignoreDont", "truncate",
        "refusal", "judgeFormat", "wrongLanguage"};
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], r[i]);
    }
    return m;
  }

  /** The canonical {@code name=rate,...} form (parses back to an equal value). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    asMap().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=')
        .append(String.format(Locale.ROOT, "%s", v)));
    return sb.toString();
  }
}
