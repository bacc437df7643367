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
      "The final choice depends on priorities that only the reader can set.",
      "A rough draft that exists beats a polished one that never gets written.",
      "Asking who benefits from a choice often clarifies what to do next.",
      "Old assumptions deserve a second look when circumstances change.",
      "Most mistakes come from rushing the early decisions rather than the late ones.",
      "A plain explanation often outlives a clever one.",
      "It is easier to improve something real than something imagined.",
      "Good questions tend to open more doors than quick answers do.",
      "Every useful rule of thumb has exceptions worth knowing about.",
      "Stories are remembered more readily than lists of facts.",
      "Slowing down for a moment can make the whole effort faster overall.",
      "Not every detail needs a decision today, and some can wait.",
      "A shared vocabulary avoids many quiet misunderstandings.",
      "Checking the result against the original aim keeps effort honest.",
      "Strong opinions are most helpful when they are loosely held.",
      "Sometimes the obvious solution is obvious because it works.",
      "Effort spent on preparation rarely feels wasted afterwards.",
      "Drawing a quick sketch can settle an argument that words cannot.",
      "Each choice closes some paths while opening others.",
      "Consistency matters more than intensity over the long run.",
      "Those closest to a problem often see it most clearly.",
      "Rules work best when everyone understands the reason behind them.",
      "A calm review after the fact teaches more than blame ever does.",
      "What seems minor at first can grow into something important.",
      "Choosing what to leave out is as important as choosing what to add.",
      "Fresh eyes often spot what familiar ones have stopped noticing.",
      "Progress is easier to see when the starting point was written down.",
      "Reasonable readers can weigh the same evidence differently.",
      "An honest estimate is more useful than an optimistic promise.",
      "Small wins build the confidence needed for larger efforts.",
      "Attention to the basics heads off most problems further along.",
      "It is useful to summarise the idea in one plain sentence.",
      "Curiosity about why something failed usually pays for itself.",
      "Plans are most valuable for the thinking they force, not the document.",
      "Listening carefully is often the quickest route to understanding.",
      "The clearest explanations usually come from those who revised them twice.",
      "Deadlines help, but only when they leave room for careful work.",
      "Knowing the audience shapes the tone, the length and the examples.",
      "A single clear example can do the work of several paragraphs.",
      "Good decisions are easier to defend when the reasons are recorded.",
      "Revisiting a topic after a break often brings new clarity.");

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

  /**
   * Openings: a lead clause and a turn, joined by a comma. 140 pairs keep any one opening rare;
   * none starts the way an example opening of the taxonomy does.
   */
  static final List<String> OPENING_LEADS = List.of(
      "There is a sensible way through this",
      "The core of this is simpler than it first looks",
      "This topic rewards a careful and grounded look",
      "Getting this right depends on a few key choices",
      "There is more to this than meets the eye",
      "A thoughtful answer here weighs several angles",
      "Working through this carefully pays off",
      "The main idea can be stated quite directly",
      "A steady, practical approach suits this task well",
      "Some background helps before the details",
      "The request is a good one to think through",
      "Good answers to this share a few common features",
      "This deserves a response that is clear and useful",
      "Three or four ideas carry most of the weight here");

  static final List<String> OPENING_TURNS = List.of(
      "and it starts with the essentials",
      "so the key points come first",
      "and the details follow in a sensible order",
      "so each idea gets its own moment",
      "and the reasoning is laid out openly",
      "so nothing important is left implicit",
      "and every part is meant to be put to use",
      "so the order of what follows is deliberate",
      "and the finer points come after the main ones",
      "so the answer stays practical throughout");

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

  /** Terms for a task-word choice when the task itself has no content word left to offer. */
  static final List<String> FALLBACK_TERMS = List.of(
      "resilience", "trade-off", "benchmark", "feedback loop", "stakeholder", "prototype", "baseline",
      "milestone", "heuristic", "bottleneck", "iteration", "sustainability", "transparency", "scalability");

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
