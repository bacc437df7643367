package dev.tracegen.dedup;

import dev.tracegen.model.Constraint;
import dev.tracegen.model.Instruction;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.Lineage;
import dev.tracegen.model.Params;
import dev.tracegen.model.Perturbation;
import dev.tracegen.model.Score;
import dev.tracegen.model.TraceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records for dedup and decontamination tests: a control set of distinct records and planted duplicates. */
public final class Planted {
  private Planted() {}

  static final String[] TOPICS = {
    "the water cycle", "medieval castles", "how vaccines work", "the history of tea", "coral reefs",
    "electric bicycles", "the rules of chess", "bread fermentation", "solar eclipses", "honey bees",
    "the Silk Road", "glacier retreat", "jazz improvisation", "urban gardening", "the printing press",
    "volcanic islands", "sleep hygiene", "recycling plastics", "the Roman calendar", "migrating birds",
    "public libraries", "wind turbines", "origami cranes", "desert ecosystems", "the first telephones",
    "lighthouse keepers", "mushroom foraging", "train timetables", "paper money", "northern lights",
    "cave paintings", "tidal energy", "street food in Hanoi", "bamboo forests", "the metric system",
    "chess openings for beginners", "river deltas", "wool dyeing", "comet tails", "school uniforms"};
  static final String[] FORMS = {"short essay", "blog post", "lesson plan", "news brief", "speech", "guide",
    "FAQ", "letter"};
  static final String[] AUDIENCES = {"ten-year-olds", "retirees", "new employees", "tourists", "nurses",
    "engineers", "parents", "teenagers", "farmers", "librarians"};
  static final String[] CONSTRAINTS = {
    "Use no more than 150 words.", "Write in a friendly tone.", "Include exactly two examples.",
    "End with a question.", "Use a numbered list.", "Avoid technical jargon.", "Add a title in bold.",
    "Mention one surprising fact.", "Use short sentences.", "Start with a greeting.", "Cite one source.",
    "Use three headings.", "Keep paragraphs short.", "Include a simple analogy.", "Give a one-line summary.",
    "Use British spelling.", "Answer in plain text.", "Add a closing tip.", "Include a date.", "Use the second person."};

  /** Forty records that are pairwise far from near-duplicate and share no long n-gram. */
  public static List<TraceRecord> control(String split) {
    List<TraceRecord> out = new ArrayList<>();
    for (int i = 0; i < TOPICS.length; i++) {
      String description = "Write a " + FORMS[i % FORMS.length] + " about " + TOPICS[i] + " for "
          + AUDIENCES[(i * 3) % AUDIENCES.length] + ".";
      List<String> cs = List.of(CONSTRAINTS[i % 20], CONSTRAINTS[(i * 7 + 3) % 20], CONSTRAINTS[(i * 11 + 5) % 20]);
      out.add(record(String.format("%s-control-%02d", split, i), "seed-control-" + i, split, description, cs, ""));
    }
    return out;
  }

  public static TraceRecord record(String id, String seed, String split, String description, List<String> constraints,
      String input) {
    List<Constraint> cs = new ArrayList<>();
    for (int j = 0; j < constraints.size(); j++) {
      cs.add(new Constraint("c" + (j + 1), "content", "theme", constraints.get(j), Params.EMPTY));
    }
    Instruction x1 = new Instruction(description, cs, input);
    List<Constraint> cs2 = new ArrayList<>(cs);
    cs2.set(cs.size() - 1, new Constraint("c" + cs.size() + "r", "content", "theme", "Revised: keep it brief.", Params.EMPTY));
    Instruction x2 = new Instruction(description, cs2, input);
    Judgement full = new Judgement(List.of(new Score(1, 10, "llm", "ok")), 10.0);
    Map<String, Judgement> js = new TreeMap<>();
    js.put(TraceRecord.Y1_X1, full);
    js.put(TraceRecord.Y2_X2, full);
    js.put(TraceRecord.Y1_X2, full);
    js.put(TraceRecord.Y2_X1, full);
    return new TraceRecord(id, seed, split, x1, "answer one", x2, "answer two",
        new Perturbation("REVISE", List.of(cs.size()), List.of()), js, cs.size(),
        new Lineage("embedded", "embedded", Map.of(), 1, null));
  }
}
