package dev.tracegen.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;

/** Options reflected from an interface; command lines checked and rewritten before Beam parses them. */
class OptionCatalogTest {
  enum Mode { FAST, SAFE }

  interface Sample extends PipelineOptions {
    @Description("Where to write.")
    @Default.String("out")
    String getOutput();

    void setOutput(String v);

    @Default.Boolean(false)
    boolean getQuiet();

    void setQuiet(boolean v);

    @Default.Integer(3)
    int getCount();

    void setCount(int v);

    long getBig();

    void setBig(long v);

    @Default.Double(0.5)
    double getRate();

    void setRate(double v);

    Mode getMode();

    void setMode(Mode v);

    List<String> getFiles();

    void setFiles(List<String> v);

    @Hidden
    String getSecretKnob();

    void setSecretKnob(String v);

    /** A getter without a setter is not an option. */
    String getDerived();
  }

  private final OptionCatalog catalog = OptionCatalog.of("sample", List.of(Sample.class));

  @Test
  void reflectsKindsDefaultsAndDescriptions() {
    OptionInfo output = catalog.get("output").orElseThrow();
    assertEquals(OptionInfo.Kind.TEXT, output.kind());
    assertEquals("Where to write.", output.description());
    assertEquals("out", output.defaultValue());
    assertEquals(Sample.class, output.owner());
    assertEquals(OptionInfo.Kind.FLAG, catalog.get("quiet").orElseThrow().kind());
    assertEquals(OptionInfo.Kind.INTEGER, catalog.get("count").orElseThrow().kind());
    assertEquals("3", catalog.get("count").orElseThrow().defaultValue());
    assertEquals(OptionInfo.Kind.NUMBER, catalog.get("rate").orElseThrow().kind());
    assertEquals(List.of("FAST", "SAFE"), catalog.get("mode").orElseThrow().choices());
    assertEquals(true, catalog.get("secretKnob").orElseThrow().hidden());
    assertEquals(false, catalog.get("derived").isPresent());
    assertEquals(PipelineOptions.class, catalog.get("runner").orElseThrow().owner(), "inherited options too");
  }

  @Test
  void spaceSeparatedValuesAreJoinedAndFlagsStayFlags() {
    assertArrayEquals(new String[] {"--output=x", "--quiet=true", "--count=4", "--rate=-0.25"},
        catalog.normalize(new String[] {"--output", "x", "--quiet", "--count", "4", "--rate", "-0.25"}));
    assertArrayEquals(new String[] {"--quiet=false", "--output=--odd"},
        catalog.normalize(new String[] {"--quiet", "false", "--output=--odd"}));
    assertArrayEquals(new String[] {"--files=a", "--files=b"}, catalog.normalize(new String[] {"--files=a", "--files", "b"}),
        "list options may repeat");
    assertArrayEquals(new String[] {"--secretKnob=1"}, catalog.normalize(new String[] {"--secretKnob=1"}), "hidden is accepted");
  }

  @Test
  void badValuesNameTheOptionAndTheExpectedType() {
    assertEquals("--count: expected an integer, got 'many'", problem("--count=many"));
    assertEquals("--count: expected an integer from -2147483648 to 2147483647, got '3000000000'", problem("--count=3000000000"));
    assertNull(catalog.get("big").orElseThrow().problem("3000000000"), "a long takes it");
    assertEquals("--rate: expected a number, got 'hot'", problem("--rate=hot"));
    assertEquals("--rate: expected a number, got '1d'", problem("--rate=1d"), "Java's float suffixes are not numbers here");
    assertNull(catalog.get("rate").orElseThrow().problem("1e-3"));
    assertEquals("--quiet: expected true or false, got 'yes'", problem("--quiet=yes"));
    assertEquals("--mode: expected one of FAST, SAFE, got 'slow'", problem("--mode=slow"));
    assertEquals("--count needs a value (--count=N)", problem("--count"));
    assertEquals("--output is given more than once", problem("--output=a", "--output=b"));
    assertEquals("unexpected argument 'loud': --quiet takes no value (--quiet, --quiet=true or --quiet=false)",
        problem("--quiet", "loud"));
    assertEquals("unknown option '-q' (options are spelled --name=value)", problem("-q"));
  }

  @Test
  void unknownOptionsGetTheClosestKnownOne() {
    assertEquals("unknown option --ouptut (did you mean --output?)", problem("--ouptut=x"));
    assertEquals("unknown option --Count (did you mean --count?)", problem("--Count=1"));
    assertEquals("unknown option --zzz", problem("--zzz=1"));
    assertEquals("unknown option --secretKnb", problem("--secretKnb=1"), "hidden options are never suggested");
    assertEquals("--nearDupThreshold", OptionCatalog.closest("--nearDupThresh", List.of("--nearDedup", "--nearDupThreshold")));
    assertEquals(1, OptionCatalog.distance("port", "prot"));
    assertEquals(3, OptionCatalog.distance("kitten", "sitting"));
  }

  private String problem(String... args) {
    return assertThrows(UsageException.class, () -> catalog.normalize(args)).getMessage();
  }
}
