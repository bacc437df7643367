package dev.tracegen.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {
  @TempDir
  Path tmp;

  static final String ENTRY = """
        - provider: openai
          model: m
          input: 1.0
          output: 2.0
          as_of: 2026-11-30
          source: https://example.com/pricing
      """;

  Path write(String yaml) throws IOException {
    Path f = tmp.resolve("prices.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  String error(String yaml) throws IOException {
    Path f = write(yaml);
    return assertThrows(IllegalArgumentException.class, () -> PriceTable.load(f)).getMessage();
  }

  @Test
  void theRepositoryTableHasTheListPrices() {
    PriceTable t = PriceTable.load(Path.of(PriceTable.DEFAULT_FILE));
    assertEquals("USD", t.currency());
    ModelPrice gpt4o = t.price("openai", "gpt-4o", PriceOverrides.NONE, "--price");
    assertTrue(gpt4o.known());
    assertEquals(2.50, gpt4o.input());
    assertEquals(10.00, gpt4o.output());
    assertEquals(1.25, gpt4o.batchInput());
    assertEquals(5.00, gpt4o.batchOutput());
    // A million tokens in and a million out.
    assertEquals(12.50, gpt4o.cost(1e6, 1e6), 1e-9);
    assertEquals(6.25, gpt4o.batchCost(1e6, 1e6), 1e-9);
    ModelPrice mini = t.price("openai", "gpt-4o-mini", PriceOverrides.NONE, "--price");
    assertEquals(0.15, mini.input());
    assertEquals(0.60, mini.output());
    ModelPrice embedded = t.price("embedded", "tracegen-embedded-1", PriceOverrides.NONE, "--price");
    assertTrue(embedded.known());
    assertEquals(0, embedded.cost(1e9, 1e9));
    for (PriceEntry e : t.entries()) {
      assertFalse(e.source().isBlank(), e.label());
    }
  }

  @Test
  void overridesReplaceFiguresOrPriceAnUnlistedModel() throws IOException {
    PriceTable t = PriceTable.load(write("currency: USD\nprices:\n" + ENTRY));
    ModelPrice over = t.price("openai", "m", new PriceOverrides(-1, 4.0, -1, -1, -1), "--price");
    assertEquals(1.0, over.input());
    assertEquals(4.0, over.output());
    assertEquals(1.0, over.batchInput(), "no batch price listed: the plain one");
    assertTrue(over.source().contains("--price"), over.source());
    ModelPrice unlisted = t.price("openai", "other", new PriceOverrides(0.5, 1.5, -1, -1, -1), "--price");
    assertTrue(unlisted.known());
    assertEquals(0.5 * 2 + 1.5, unlisted.cost(2e6, 1e6), 1e-9);
    ModelPrice unknown = t.price("openai", "other", PriceOverrides.NONE, "--price");
    assertFalse(unknown.known());
    assertTrue(unknown.hint().contains("--priceInput") && unknown.hint().contains("--priceOutput"), unknown.hint());
    ModelPrice half = t.price("openai", "other", new PriceOverrides(0.5, -1, -1, -1, -1), "--judgePrice");
    assertFalse(half.known(), "an output price is needed too");
    assertTrue(half.hint().contains("--judgePriceOutput"), half.hint());
  }

  @Test
  void mistakesNameTheFileAndTheEntry() throws IOException {
    String file = tmp.resolve("prices.yaml").toString();
    String unknownField = error("currency: USD\nprices:\n" + ENTRY + ENTRY.replace("model: m", "model: n")
        .replace("input: 1.0", "inptu: 1.0"));
    assertTrue(unknownField.startsWith(file + ": entry 2 (openai:n): unknown field 'inptu'"), unknownField);
    String negative = error("currency: USD\nprices:\n" + ENTRY.replace("output: 2.0", "output: -2.0"));
    assertTrue(negative.contains("entry 1 (openai:m): output must be a price >= 0"), negative);
    String noCurrency = error("prices:\n" + ENTRY);
    assertTrue(noCurrency.startsWith(file + ": entry 1 (openai:m): missing currency"), noCurrency);
    String twice = error("currency: USD\nprices:\n" + ENTRY + ENTRY);
    assertTrue(twice.contains("entry 2 (openai:m): openai:m is listed twice"), twice);
    String noDate = error("currency: USD\nprices:\n" + ENTRY.replace("as_of: 2026-11-30", "as_of: soon"));
    assertTrue(noDate.contains("as_of must be a date"), noDate);
    String noPrice = error("currency: USD\nprices:\n" + ENTRY.replace("    input: 1.0\n", ""));
    assertTrue(noPrice.contains("entry 1 (openai:m): missing input"), noPrice);
    String topLevel = error("currency: USD\nprice:\n" + ENTRY);
    assertTrue(topLevel.contains("unknown field 'price'"), topLevel);
    String mixed = error("currency: USD\nprices:\n" + ENTRY + ENTRY.replace("model: m", "model: n\n    currency: EUR"));
    assertTrue(mixed.contains("entry 2 (openai:n) is in EUR but the table is in USD"), mixed);
  }

  @Test
  void anAbsentDefaultTableLeavesPricesUnknown() {
    PriceTable t = PriceTable.loadOrEmpty(tmp.resolve("none.yaml"));
    assertFalse(t.price("openai", "gpt-4o", PriceOverrides.NONE, "--price").known());
  }
}
