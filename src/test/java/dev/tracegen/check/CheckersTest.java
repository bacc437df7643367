package dev.tracegen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CheckersTest {
  @Test
  void loadFindsAllBuiltInCheckers() {
    assertEquals(
        Set.of(
            "numerical",
            "output_format",
            "inclusion",
            "exclusion",
            "numbering_list",
            "hierarchy",
            "multilingual",
            "text_pattern",
            "citation"),
        // Test classes may register more checkers (src/test/resources/META-INF/services).
        Checkers.load().ids().stream()
            .filter(id -> !Checkers.load().get(id).orElseThrow().getClass().getName().startsWith("dev.tracegen.extend."))
            .collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void loadIsCached() {
    assertSame(Checkers.load(), Checkers.load());
  }

  @Test
  void getById() {
    Checkers checkers = Checkers.load();
    assertEquals("citation", checkers.get("citation").orElseThrow().id());
    assertFalse(checkers.get("tone_style").isPresent());
  }

  @Test
  void everyTaxonomyCheckerExists() throws IOException {
    Set<String> named = new TreeSet<>();
    YAMLMapper yaml = new YAMLMapper();
    try (Stream<Path> files = Files.list(Path.of("taxonomy"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        for (JsonNode checker : yaml.readTree(file.toFile()).findValues("checker")) {
          if (checker.isTextual()) {
            named.add(checker.textValue());
          }
        }
      }
    }
    assertFalse(named.isEmpty(), "no checker ids found under taxonomy/");
    Set<String> missing = new TreeSet<>(named);
    missing.removeAll(Checkers.load().ids());
    assertTrue(missing.isEmpty(), "taxonomy names unknown checkers: " + missing);
  }

  @Test
  void ofRejectsDuplicateIds() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Checkers.of(List.of(new InclusionChecker(), new InclusionChecker())));
    assertTrue(e.getMessage().contains("'inclusion'"), e.getMessage());
  }

  @Test
  void ofKeepsGivenCheckers() {
    assertEquals(Set.of("hierarchy"), Checkers.of(List.of(new HierarchyChecker())).ids());
  }
}
