package dev.tracegen.embedded;

import java.util.List;
import java.util.Map;

/**
 * The simulator's fixed wording. Fillers, list items and headings avoid every taxonomy keyword
 * and evidence term (a test checks this), so that a constraint is met only where it is meant to be.
 */
final class Phrases {
  private Phrases() {}

  static final List<String> FILLERS = List.of(
      "A good answer starts by naming what matters most and why it matters here.",
      "It is worth separating what we know for certain from what we only suspect.",
      "Small and concrete examples usually explain more than long abstract statements.",
      "Each point below builds on the one before it, so the order is intentional.",
      "The simplest workable approach is often the right place to begin.",
      "Where details are uncertain, it is better to say so than to guess.",
      "Thinking about the likely reader helps decide how much detail to include.",
      "A short pause to check assumptions can save a great deal of effort later.",
      "Clear wording and a steady pace make even a hard topic easier to follow.",
      "Practical advice is most useful when it can be acted on the same day.",
      "There is rarely a single right answer, but some answers are clearly better.",
      "Comparing two or three options side by side often makes the choice obvious.",
      "The details matter, yet they should never hide the main idea.",
      "A quick summary at the end helps the main points stay in memory.",
      "Patience and careful reading reveal more than a hurried first glance.",
      "When a plan feels too large, splitting it into smaller parts helps.",
      "Honest limits are part of a helpful answer, not a weakness of it.",
      "Good habits grow from repeated small steps rather than rare big efforts.",
      "The same idea can look different depending on where one stands.",
      "It helps to return to the original question before drawing conclusions.",
      "Some parts of this topic are well settled while others are still debated.",
      "Everyday experience offers plenty of useful comparisons for this point.",
      "Timing can change the best choice, so context deserves attention.",
      "A careful answer names both the benefits and the costs of each option.",
      "Most readers appreciate directness, so the key point comes early.",
      "Questions that seem simple often hide interesting details underneath.",
      "Looking at the problem from the other side can reveal missing pieces.",
      "Clear goals make it easier to tell whether an effort is working.",
      "Writing things down turns vague ideas into something that can be checked.",
      "A fair view considers how different people might experience the same thing.",
      "Steady progress usually beats a burst of effort followed by silence.",
      "Simple tools used well can outperform complex ones used poorly.",
      "The main idea should still make sense if the details are skipped.",
      "Learning from earlier attempts keeps the same mistakes from returning.",
      "Even a brief outline helps keep a longer answer on track.",
      "It is reasonable to adjust the approach as new facts appear.",
      "Sharing the reasoning, not only the result, makes an answer easier to trust.",
      "A little curiosity goes a long way when exploring a new subject.",
      "Concrete numbers help, but they need context to mean something.",
      "The final choice depends on priorities that only the reader can set.");

  static final List<String> ITEMS = List.of(
      "Clarify the main goal in one line",
      "Gather the facts that are already known",
      "Compare the most promising options",
      "Choose one option and note why",
      "Try it on a small scale first",
      "Review what happened and adjust",
      "Share the result with the people involved",
      "Keep a short record for next time");

  static final List<String> HEADINGS = List.of(
      "Overview", "Key Points", "Details", "Practical Notes", "Closing Thoughts", "Further Ideas");

  static final List<String> KEYWORD_SENTENCES = List.of(
      "It helps to keep %s in view from the start.",
      "One idea worth naming here is %s.",
      "A practical lens for this task is %s.");

  static final List<String> REFERENCES = List.of(
      "Harper and Lowe, Notes on Practical Reasoning, 2019",
      "Okafor, A Field Guide to Clear Writing, 2021",
      "Lindqvist, Everyday Decisions Explained, 2018",
      "Moreau and Tan, Thinking in Steps, 2020",
      "Adeyemi, Plain Answers to Hard Questions, 2022");

  static final List<String> EMOJI = List.of("🌟", "🚀", "✅", "💡", "🎯");

  /**
   * A closing sentence per script (what "one closing sentence in language X" produces); one for
   * each script the multilingual checker accepts, and a Latin fallback.
   */
  static final Map<String, String> CLOSINGS = Map.ofEntries(
      Map.entry("han", "这是一个简短的总结。"),
      Map.entry("cyrillic", "Это краткое резюме."),
      Map.entry("greek", "Αυτή είναι μια σύντομη περίληψη."),
      Map.entry("arabic", "هذا ملخص قصير."),
      Map.entry("hangul", "이것은 짧은 요약입니다."),
      Map.entry("devanagari", "यह एक संक्षिप्त सारांश है।"),
      Map.entry("hiragana", "これはみじかいまとめです。"),
      Map.entry("katakana", "コーヒーブレイクのメモです。"),
      Map.entry("hebrew", "זהו סיכום קצר."),
      Map.entry("bengali", "এটি একটি সংক্ষিপ্ত সারাংশ।"),
      Map.entry("ethiopic", "ይህ አጭር ማጠቃለያ ነው።"),
      Map.entry("armenian", "Սա կարճ ամփոփում է։"),
      Map.entry("georgian", "ეს მოკლე შეჯამებაა."),
      Map.entry("latin", "This is a short summary."));

  /** Clauses that make the expanded description of a seed more specific. */
  static final List<String> CONTEXTS = List.of(
      "for a community newsletter", "for a workshop handout", "for a team briefing",
      "for a school assembly", "for a weekend magazine column", "for an internal wiki page",
      "for a podcast episode outline", "for a public library display", "for a volunteer group",
      "for a local radio segment", "for a training session", "for an online course module",
      "for a museum leaflet", "for a neighbourhood association", "for a science fair booth",
      "for a company blog", "for a study group", "for a town hall meeting",
      "for a travel guide sidebar", "for an evening class", "for a mentoring session",
      "for a student society", "for a small nonprofit", "for a family gathering",
      "for a book club", "for a conference poster", "for a product team retrospective",
      "for a newsletter aimed at volunteers", "for a morning news digest", "for a careers fair",
      "for a hobby forum", "for a city council briefing", "for a welcome pack",
      "for a night school lecture", "for a field trip", "for a charity fundraiser",
      "for an office noticeboard", "for a youth club", "for a radio call-in show",
      "for a regional festival programme");
}
