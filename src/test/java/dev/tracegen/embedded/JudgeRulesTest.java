package dev.tracegen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.check.Checkers;
import dev.tracegen.model.Json;
import dev.tracegen.model.Params;
import dev.tracegen.taxonomy.Phrasing;
import dev.tracegen.taxonomy.Taxonomy.PhrasingMatch;
import dev.tracegen.taxonomy.Taxonomy;
import dev.tracegen.taxonomy.TaxonomyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded judge reads what a constraint means, and the embedded writer answers to match. */
class JudgeRulesTest {
  static Taxonomy taxonomy;
  static Checkers checkers;

  @BeforeAll
  static void load() {
    checkers = Checkers.load();
    taxonomy = TaxonomyLoader.load(Path.of("taxonomy"), checkers);
  }

  private static final String TASK = "Write a short note about looking after a shared office kitchen.";

  private static String instruction(String constraint) {
    return TASK + "\n" + constraint + "\n";
  }

  private static boolean passes(String constraint, String response) {
    JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match(constraint), response, instruction(constraint));
    assertTrue(v.decided(), constraint);
    return v.pass();
  }

  private static void holds(String constraint, String response) {
    JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match(constraint), response, instruction(constraint));
    assertTrue(v.decided() && v.pass(), constraint + " | " + response + " | " + v.reason());
  }

  private static void fails(String constraint, String response) {
    JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match(constraint), response, instruction(constraint));
    assertTrue(v.decided() && !v.pass(), constraint + " | " + response + " | " + v.reason());
  }

  @Test
  void aForbiddenDetailFailsButNamingItInADenialPasses() {
    String phones = "Do not reveal or invent any phone numbers of real people.";
    fails(phones, "Keep the fridge tidy. Call Sam on 415-555-0132 if it breaks.");
    holds(phones, "Keep the fridge tidy. No phone numbers of anyone are shared here.");
    String births = "Do not reveal or invent any full birth dates of real people.";
    fails(births, "Our office manager, born on March 14, 1986, set the rota.");
    holds(births, "The rota started in 2019 and no full birth dates appear in it.");
    String passwords = "Do not reveal or invent any account passwords of real people.";
    fails(passwords, "The shared fridge tablet password is tulip2024.");
    holds(passwords, "Account passwords stay private, and none are given here.");
    String addresses = "Do not reveal or invent any home addresses of real people.";
    fails(addresses, "Drop spare mugs at 42 Maple Street.");
    String fair = "Stay fair and free of stereotypes when referring to older adults.";
    fails(fair, "Older adults are always slow to learn the new coffee machine.");
    holds(fair, "Colleagues of every age share the kitchen, older adults included.");
  }

  @Test
  void aBadExampleMustBeAbsentAndItsAvoidanceStated() {
    String avoid = "Avoid openings like \"Great question!\"; say explicitly that you avoided flattering preambles.";
    fails(avoid, "Great question! I have avoided flattering preambles on purpose.");
    holds(avoid, "Clean as you go. I have avoided flattering preambles on purpose.");
    fails(avoid, "Clean as you go, and wipe the counters.");
  }

  @Test
  void namedThingsMustBePresentAndWhereTheTextSaysSo() {
    String marker = "If the request could be read in more than one way, state the reading you chose and begin that"
        + " statement with \"Assumption:\".";
    holds(marker, "Clean as you go.\n\nAssumption: the kitchen is shared by one team.");
    fails(marker, "Clean as you go, and my Assumption: the kitchen is shared by one team.");
    fails(marker, "Interpretation: the kitchen is shared by one team.");
    String example = "Imitate this example opening: \"Picture this for a moment.\"";
    holds(example, "## Overview\n\nImagine a kitchen where every mug is clean. Then wash yours.");
    fails(example, "Wash your mug. Imagine a kitchen where every mug is clean.");
    // Repeating the example word for word is copying, not imitating.
    fails(example, "Picture this for a moment. Every mug is clean.");
    String row = "Base part of the answer on the row for Osaka in the input table.";
    holds(row, "According to the table, Osaka was founded in 645.");
    fails(row, "According to the table, Quito was founded in 1534.");
  }

  @Test
  void anotherValuesMarkersFailTheRequestedValue() {
    String formal = "Adopt a formal tone throughout.";
    String playful = "Think of this as a fun little game, silly detours and giggles included.";
    String stately = "Accordingly, each shelf is hereby assigned to one team.";
    fails(formal, playful);
    holds(formal, stately);
    fails(formal, stately + " " + playful);
    holds("Adopt a playful tone throughout.", playful);
    String captain = "Speaking as a seasoned ship captain: aye, every voyage needs a steady crew on deck.";
    holds("Answer in the voice of a seasoned ship captain.", captain);
    fails("Answer in the voice of a museum curator.", captain);
    fails("Answer in the voice of a museum curator.",
        captain + " Every exhibit in my gallery tells a story.");
  }

  @Test
  void markerWordsTheTaskItselfUsesCountNeitherWay() {
    String captain = "Speaking as a seasoned ship captain: aye, every voyage needs a steady crew on deck.";
    String galleryTask = "Write a guide to the new gallery wing.\nAnswer in the voice of a seasoned ship captain.";
    String y = captain + " One idea worth naming here is gallery.";
    JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match("Answer in the voice of a seasoned ship captain."), y, galleryTask);
    assertTrue(v.pass(), v.reason());
    String voyageTask = "Write a guide to planning a voyage and its crew.\nAnswer in the voice of a museum curator.";
    v = JudgeRules.judge(taxonomy.match("Answer in the voice of a museum curator."), "One idea worth naming here is voyage.",
        voyageTask);
    assertFalse(v.pass(), v.reason());
  }

  @Test
  void theTaskDescriptionIsNoEvidence() {
    String task = "Write a playful, formal letter about Osaka and marine ecology for a seasoned ship captain.";
    String echo = "This answer takes up the request to write a playful, formal letter about Osaka and marine ecology"
        + " for a seasoned ship captain. Keep the sink clear.";
    for (String constraint : List.of("Adopt a formal tone throughout.",
        "Keep the whole answer anchored in the field of marine ecology.",
        "Base part of the answer on the row for Osaka in the input table.",
        "Answer in the voice of a seasoned ship captain.")) {
      JudgeRules.Verdict v = JudgeRules.judge(taxonomy.match(constraint), echo, task + "\n" + constraint);
      assertFalse(v.pass(), constraint + ": " + v.reason());
    }
    // The same through the judge step's payload, as the pipeline sends it.
    ObjectNode payload = Json.PLAIN.createObjectNode();
    payload.put("step", "judge").put("response", echo).put("instruction", task + "\nAdopt a formal tone throughout.");
    payload.putArray("constraints").addObject().put("index", 1).put("dimension", "tone_style")
        .put("text", "Adopt a formal tone throughout.");
    JsonNode out = read(EmbeddedSteps.judge(taxonomy, checkers, payload, Voice.ENGLISH));
    assertEquals(2, out.path("scores").path(0).path("score").asInt(), out.toString());
  }

  private static JsonNode read(String json) {
    try {
      return Json.PLAIN.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(json, e);
    }
  }

  /** Every option of every judged phrasing: a compliant answer passes, a deliberate miss fails. */
  @Test
  void theWritersAnswersPassWhenCompliantAndFailWhenTheKnobSaysSo() {
    List<String> problems = new ArrayList<>();
    int judged = 0;
    for (PhrasingMatch option : taxonomy.allOptions()) {
      if (option.dimension().hasChecker()) {
        continue;
      }
      String text = Phrasing.fill(option.phrasing().text(), option.params());
      String x = instruction(text) + (option.phrasing().input().isBlank() ? "" : "# Inputs:\n" + option.phrasing().input() + "\n");
      PhrasingMatch m = taxonomy.match(text);
      JudgeRules.Verdict ok = JudgeRules.judge(m, ResponseWriter.write(List.of(m), x, -1), x);
      JudgeRules.Verdict miss = JudgeRules.judge(m, ResponseWriter.write(List.of(m), x, 0), x);
      judged++;
      if (!ok.pass()) {
        problems.add("compliant answer fails " + text + ": " + ok.reason());
      }
      if (miss.pass()) {
        problems.add("deliberate miss passes " + text + ": " + miss.reason());
      }
    }
    assertTrue(judged > 80, "judged " + judged);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** CrossJudge needs y1 to fail x2 when a constraint moved to another option. */
  @Test
  void anAnswerForOneOptionFailsEveryOtherOption() {
    List<String> problems = new ArrayList<>();
    for (var d : taxonomy.dimensions()) {
      if (d.hasChecker()) {
        continue;
      }
      for (Phrasing p : d.phrasings()) {
        if (!p.reviseTo().contains("other_option")) {
          continue;
        }
        for (Params a : p.options()) {
          String textA = Phrasing.fill(p.text(), a);
          String y1 = ResponseWriter.write(List.of(taxonomy.match(textA)), instruction(textA), -1);
          for (Params b : p.options()) {
            String textB = Phrasing.fill(p.text(), b);
            if (!textA.equals(textB) && passes(textB, y1)) {
              problems.add("the answer to \"" + textA + "\" passes \"" + textB + "\"");
            }
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void noOpeningIsSharedByMoreThanFivePercentOfAnswers() {
    Map<String, Integer> openings = new HashMap<>();
    int n = 3000;
    for (int i = 0; i < n; i++) {
      String first = ResponseWriter.write(List.of(), "Write note number " + i + ".\n", -1).split("(?<=[.!?])\\s")[0];
      assertFalse(first.startsWith("This answer takes up"), first);
      openings.merge(first, 1, Integer::sum);
    }
    int most = openings.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    assertTrue(most <= n * 0.05, "most common opening used " + most + " times of " + n);
    assertTrue(openings.size() > 100, "only " + openings.size() + " openings");
  }

  /** Another dimension's sentence never shows a value's markers, so constraints combine freely. */
  @Test
  void noSentenceOfOneDimensionShowsAnotherDimensionsMarkers() {
    List<String> problems = new ArrayList<>();
    for (PhrasingMatch option : taxonomy.allOptions()) {
      String text = Phrasing.fill(option.phrasing().text(), option.params());
      String x = instruction(text);
      String y = ResponseWriter.write(List.of(taxonomy.match(text)), x, -1);
      for (var d : taxonomy.dimensions()) {
        if (d.id().equals(option.dimension().id())) {
          continue;
        }
        for (Phrasing p : d.phrasings()) {
          if (p.judge() == null || p.judge().opening()) {
            continue;
          }
          for (var e : p.judge().values().entrySet()) {
            for (String marker : e.getValue().markers()) {
              var hit = JudgeRules.regex(marker).matcher(y);
              if (hit.find()) {
                problems.add("the answer to \"" + text + "\" shows \"" + hit.group() + "\" of " + d.id() + " " + e.getKey());
              }
            }
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** The fixed wording never carries a value's markers, so it cannot pass or fail a judged constraint. */
  @Test
  void fixedWordingCarriesNoMarkers() {
    List<String> wording = new ArrayList<>(Phrases.FILLERS);
    wording.addAll(Phrases.ITEMS);
    wording.addAll(Phrases.HEADINGS);
    wording.addAll(Phrases.KEYWORD_SENTENCES);
    wording.addAll(Phrases.OPENING_LEADS);
    wording.addAll(Phrases.OPENING_TURNS);
    wording.addAll(Phrases.REFERENCES);
    for (var d : taxonomy.dimensions()) {
      for (Phrasing p : d.phrasings()) {
        if (p.judge() == null) {
          continue;
        }
        for (var e : p.judge().values().entrySet()) {
          for (String marker : e.getValue().markers()) {
            for (String w : wording) {
              assertFalse(JudgeRules.regex(marker).matcher(w).find(), "\"" + w + "\" shows " + d.id() + " " + e.getKey());
            }
          }
        }
      }
    }
  }

  /** Han and Kana words are not separated by spaces; Latin and Hangul words still match whole. */
  @Test
  void markersMatchInsideChineseTextAndWholeWordsElsewhere() {
    assertTrue(JudgeRules.regex("珊瑚礁").matcher("潜水时看到珊瑚礁和海带。").find());
    assertTrue(JudgeRules.regex("浮游生物|海带").matcher("水里有大量浮游生物").find());
    assertTrue(JudgeRules.regex("カタカナ").matcher("これはカタカナです").find());
    assertTrue(JudgeRules.regex("reefs?").matcher("Coral reefs grow slowly.").find());
    assertFalse(JudgeRules.regex("reef").matcher("a reefer ship").find(), "Latin markers stay whole words");
    assertFalse(JudgeRules.regex("서울").matcher("서울시").find(), "Hangul words are space-separated");
  }

  @Test
  void aMarkerIsRuledOutByTheLiteralItStartsWithOnlyWhereTheRegexCannotMatch() {
    assertEquals("coral reef", JudgeRules.literalStart("coral reefs?"));
    assertEquals("monaster", JudgeRules.literalStart("monaster(?:y|ies)"));
    assertEquals("", JudgeRules.literalStart("[Tt]ide"));
    assertEquals("", JudgeRules.literalStart("kelp|plankton"));
    assertEquals("", JudgeRules.literalStart("(?i)zoning"));
    assertEquals("珊瑚", JudgeRules.literalStart("珊瑚礁?"));
    // Wherever the case-insensitive regex finds a marker, the folded literal occurs in the folded text.
    for (String[] c : new String[][] {{"coral reefs?", "Coral Reefs matter."}, {"monaster(?:y|ies)", "MONASTERIES stood"},
        {"straße", "STRASSE and STRAßE"}, {"σοφία", "ΣΟΦΊΑ"}}) {
      JudgeRules.Marker m = JudgeRules.Marker.of(c[0]);
      assertTrue(m.pattern().matcher(c[1]).find(), c[0] + " matches " + c[1]);
      assertTrue(m.mayOccurIn(JudgeRules.fold(c[1])), c[0] + " is not ruled out in " + c[1]);
    }
    assertFalse(JudgeRules.Marker.of("plankton").mayOccurIn(JudgeRules.fold("A reef of coral.")));
  }
}
