package dev.tracegen.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tracegen.io.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The price table ({@code prices/prices.yaml}): list prices per million tokens per provider and
 * model, in one currency. Loaded strictly: an unknown field, a negative or missing price, a missing
 * date, source or currency, or a repeated model is an error naming the file and the entry.
 */
public record PriceTable(String file, String currency, List<PriceEntry> entries) {
  public static final String DEFAULT_FILE = "prices/prices.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Set<String> TOP_LEVEL = Set.of("currency", "prices");

  public PriceTable {
    entries = List.copyOf(entries);
  }

  /** No prices at all (the file is absent): every model's price is unknown. */
  public static PriceTable empty(String file) {
    return new PriceTable(file, "USD", List.of());
  }

  /** The table at {@code file}, or an empty one when the file does not exist. */
  public static PriceTable loadOrEmpty(Path file) {
    return Files.exists(file) ? load(file) : empty(file.toString());
  }

  public static PriceTable load(Path file) {
    String name = file.toString();
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": cannot read the price table: " + IoErrors.describe(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(name + ": expected a mapping with 'currency' and 'prices'");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!TOP_LEVEL.contains(field)) {
        throw new IllegalArgumentException(name + ": unknown field '" + field + "' (known: currency, prices)");
      }
    }
    String currency = root.path("currency").isTextual() ? root.path("currency").asText().strip() : "";
    if (!root.path("prices").isArray()) {
      throw new IllegalArgumentException(name + ": 'prices' must be a list of entries");
    }
    List<PriceEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int index = 0;
    for (JsonNode node : root.path("prices")) {
      index++;
      String where = name + ": entry " + index + describe(node);
      PriceEntry e;
      try {
        e = YAML.treeToValue(node, PriceEntry.class);
      } catch (UnrecognizedPropertyException u) {
        throw new IllegalArgumentException(where + ": unknown field '" + u.getPropertyName() + "' (known: provider, "
            + "model, currency, input, output, cached_input, batch_input, batch_output, as_of, source)", u);
      } catch (JsonProcessingException | IllegalArgumentException x) {
        throw new IllegalArgumentException(where + ": " + (x instanceof JsonProcessingException j
            ? j.getOriginalMessage() : x.getMessage()), x);
      }
      entries.add(validated(e, currency, where));
      if (!seen.add(e.label())) {
        throw new IllegalArgumentException(where + ": " + e.label() + " is listed twice");
      }
    }
    String tableCurrency = currency.isEmpty() ? entries.isEmpty() ? "" : entries.get(0).currency() : currency;
    for (int i = 0; i < entries.size(); i++) {
      if (!entries.get(i).currency().equals(tableCurrency)) {
        throw new IllegalArgumentException(name + ": entry " + (i + 1) + " (" + entries.get(i).label() + ") is in "
            + entries.get(i).currency() + " but the table is in " + tableCurrency + "; one file holds one currency");
      }
    }
    return new PriceTable(name, tableCurrency.isEmpty() ? "USD" : tableCurrency, entries);
  }

  private static String describe(JsonNode node) {
    String provider = node.path("provider").asText("");
    String model = node.path("model").asText("");
    return provider.isEmpty() && model.isEmpty() ? "" : " (" + provider + ":" + model + ")";
  }

  private static PriceEntry validated(PriceEntry e, String tableCurrency, String where) {
    List<String> missing = new ArrayList<>();
    if (blank(e.provider())) {
      missing.add("provider");
    }
    if (blank(e.model())) {
      missing.add("model");
    }
    if (e.input() == null) {
      missing.add("input");
    }
    if (e.output() == null) {
      missing.add("output");
    }
    if (blank(e.asOf())) {
      missing.add("as_of");
    }
    if (blank(e.source())) {
      missing.add("source");
    }
    String currency = blank(e.currency()) ? tableCurrency : e.currency().strip();
    if (blank(currency)) {
      missing.add("currency (of the entry or, for all entries, at the top of the file)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(where + ": missing " + String.join(", ", missing));
    }
    check(where, "input", e.input());
    check(where, "output", e.output());
    check(where, "cached_input", e.cachedInput());
    check(where, "batch_input", e.batchInput());
    check(where, "batch_output", e.batchOutput());
    try {
      LocalDate.parse(e.asOf().strip());
    } catch (DateTimeParseException x) {
      throw new IllegalArgumentException(where + ": as_of must be a date YYYY-MM-DD, got '" + e.asOf() + "'", x);
    }
    return new PriceEntry(e.provider().strip(), e.model().strip(), currency, e.input(), e.output(), e.cachedInput(),
        e.batchInput(), e.batchOutput(), e.asOf().strip(), e.source().strip());
  }

  private static void check(String where, String field, Double price) {
    if (price != null && (price < 0 || price.isNaN() || price.isInfinite())) {
      throw new IllegalArgumentException(where + ": " + field + " must be a price >= 0 per million tokens, got "
          + price);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  public Optional<PriceEntry> find(String provider, String model) {
    return entries.stream().filter(e -> e.provider().equals(provider) && e.model().equals(model)).findFirst();
  }

  /**
   * The price of {@code provider:model}: the table's entry with {@code overrides} laid over it, or
   * the overrides alone for a model the table lacks; unknown when neither gives an input and an
   * output price, with a hint naming {@code optionPrefix}'s options ({@code --price}, {@code --judgePrice}).
   */
  public ModelPrice price(String provider, String model, PriceOverrides overrides, String optionPrefix) {
    String label = provider + ":" + model;
    Optional<PriceEntry> entry = find(provider, model);
    if (entry.isEmpty() && !overrides.complete()) {
      return ModelPrice.unknown(label, currency, "pass " + optionPrefix + "Input=X and " + optionPrefix
          + "Output=Y (" + currency + " per million tokens) or add " + label + " to " + file);
    }
    double input = pick(overrides.input(), entry.map(PriceEntry::input).orElse(null), 0);
    double output = pick(overrides.output(), entry.map(PriceEntry::output).orElse(null), 0);
    double cached = pick(overrides.cachedInput(), entry.map(PriceEntry::cachedInput).orElse(null), input);
    double batchIn = pick(overrides.batchInput(), entry.map(PriceEntry::batchInput).orElse(null), input);
    double batchOut = pick(overrides.batchOutput(), entry.map(PriceEntry::batchOutput).orElse(null), output);
    String source = entry.map(e -> file + " (as of " + e.asOf() + ")").orElse("");
    if (overrides.any()) {
      source = source.isEmpty() ? optionPrefix + "* options" : source + " with " + optionPrefix + "* options";
    }
    return new ModelPrice(label, true, currency, input, output, cached, batchIn, batchOut, source, "");
  }

  private static double pick(double given, Double listed, double fallback) {
    if (given >= 0) {
      return given;
    }
    return listed != null ? listed : fallback;
  }
}
