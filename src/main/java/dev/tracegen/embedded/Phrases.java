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

  /** A required keyword (%1$s) in a sentence about the answer itself (%2$s: "list", "email"...). */
  static final List<String> KEYWORD_SENTENCES = List.of(
      "This %2$s keeps %1$s in view from the start.",
      "%1$s has a clear place in this %2$s.",
      "Any good %2$s on this subject has to make room for %1$s.",
      "Part of this %2$s turns on %1$s.",
      "%1$s runs through this %2$s as a common thread.",
      "A careful %2$s here also says something about %1$s.");

  // Invented names: patterns over a modifier word of the task (M), its main noun (H) and the banks.
  static final List<String> NAME_PATTERNS = List.of(
      "The {M} {P}", "{A} {M}", "{M} & {R}", "{A} {M} {H}", "The {A} {H}", "{M}{S}", "Project {M}", "{A} {H}",
      "{M} {H} {P}", "The {H} {P}");

  static final List<String> NAME_PLACES = List.of(
      "Room", "Loft", "Corner", "Works", "House", "Nook", "Hub", "Collective", "Circle", "Den", "Lab", "Club",
      "Union", "Society", "Co-op");

  static final List<String> NAME_ADJECTIVES = List.of(
      "Blue Door", "North Star", "Open Hand", "Little", "Bright", "Kindred", "Steady", "Second Wind", "Good Ground",
      "Oak and Ember", "Everyday", "True North", "Half Moon", "Red Kite", "Copper", "Lantern", "Wildflower",
      "Harbour", "Maple", "Granite", "Silver Birch", "Evergreen", "Paper Boat", "Morning");

  static final List<String> NAME_PARTNERS = List.of("Co", "Kin", "Friends", "Makers", "Company", "Partners");

  static final List<String> NAME_SUFFIXES = List.of("wise", "works", "ly", "hub", "craft");

  /** Why a name works: %1$s a word of the task, %2$s its main noun. No sentence marks: they sit in list items. */
  static final List<String> NAME_REASONS = List.of(
      "puts %1$s up front, so nobody has to guess what it offers",
      "short and easy to say, which helps people recall it",
      "sounds warm and local without being plain",
      "hints at %1$s while leaving room to grow",
      "reads well on a sign, a badge or a web address",
      "gives the %2$s a friendly, personal feel",
      "suggests care and skill, which suits a %2$s",
      "stands out from the usual names in this area",
      "easy to spell after hearing it once",
      "has a calm, confident sound",
      "ties the name to %1$s, the heart of the %2$s",
      "sounds established, as if it has been around for years");

  /** Taglines to go with a name; %s is a word of the task. */
  static final List<String> TAGLINES = List.of(
      "where %s comes to life", "made for %s, built to last", "every %s has a story", "%s, done properly",
      "%s for everyone", "the home of good %s", "%s without the fuss", "one %s at a time");

  /** List items that act (tips, ways, steps...); %s is a word of the task. No sentence marks. */
  static final List<String> ACTION_ITEMS = List.of(
      "Begin with one small, regular habit around %s",
      "Keep a simple weekly record of %s",
      "Ask someone experienced with %s for one honest opinion",
      "Set aside a fixed slot in the week for %s",
      "Turn %s into a short routine that is easy to repeat",
      "Compare two ways of handling %s before committing to one",
      "Pick one part of %s to improve this month",
      "Tell a friend about the plan for %s so someone else keeps track",
      "Remove one obstacle that makes %s harder than it needs to be",
      "Link %s to something already done every day",
      "Plan the first week of %s in detail and leave the rest loose",
      "Review how %s went at the end of each month");

  /** List items that propose (ideas, themes, activities...). */
  static final List<String> IDEA_ITEMS = List.of(
      "A beginner-friendly %s challenge with a clear finish line",
      "A behind-the-scenes look at %s",
      "A myth-versus-fact piece on %s",
      "A swap table where people trade %s tips and spare supplies",
      "A themed evening built around %s",
      "A short interview with someone who knows %s well",
      "A photo series that follows %s through one week",
      "A printable %s checklist",
      "A reader vote on the best %s moment of the year",
      "A guest spot from a local %s enthusiast",
      "A starter kit that makes %s easy to try",
      "A collection of common %s questions with plain replies");

  /** List items that make points (reasons, facts, mistakes...). */
  static final List<String> POINT_ITEMS = List.of(
      "%s affects more people than it first appears",
      "The cost of %s is easy to underestimate",
      "%s works best when the basics are in place",
      "Small details of %s often decide the outcome",
      "Views on %s differ, and the reasons are worth knowing",
      "%s has a history that explains much of the present",
      "Good information about %s makes later choices easier",
      "%s connects to everyday decisions in concrete ways",
      "The common view of %s leaves out an important detail",
      "%s changes over time, so older advice may not hold",
      "Clear examples of %s make the idea easier to grasp",
      "%s is simpler to judge once the main numbers are known");

  /** List items that are questions, written as topics (no question mark: items carry no sentence marks). */
  static final List<String> QUESTION_ITEMS = List.of(
      "What %s involves from day to day",
      "Why %s matters to the people it affects",
      "How %s has changed in recent years",
      "Which part of %s causes the most confusion",
      "What a first attempt at %s usually gets wrong",
      "Where to find reliable information on %s",
      "When %s deserves extra care",
      "Who benefits most from %s");

  /** List items that are stages of a plan. */
  static final List<String> STEP_ITEMS = List.of(
      "Gather what is needed for %s",
      "Set a realistic date for the first part of %s",
      "Do a small trial run of %s",
      "Fix whatever the trial run showed about %s",
      "Finish the main work on %s",
      "Look back on %s and note what to keep");

  /** Short items, for a list that must fit a tight word limit. */
  static final List<String> SHORT_ITEMS = List.of(
      "The basics of %s", "Costs of %s", "History of %s", "Examples of %s", "Timing and %s",
      "Common mistakes with %s", "Options for %s", "Tools for %s", "People behind %s", "Limits of %s",
      "Myths about %s", "Sources on %s");

  /** Why an item is on the list; %s is a word of the task. */
  static final List<String> ITEM_REASONS = List.of(
      "it costs little and shows results quickly",
      "it fits into a busy week without much planning",
      "it makes %s feel less abstract",
      "it gives a clear sense of progress",
      "it draws on what people already know",
      "it is easy to adjust after a first try",
      "it keeps attention on what matters most",
      "it invites others to take part",
      "it turns a vague aim into something concrete",
      "it avoids the most common early mistake");

  /**
   * Sentences that do the task, by kind: the first of each list leads. Slots: %1$s subject, %2$s
   * count, %3$s item noun, %4$s and %5$s words of the task, %6$s the addressee, %7$s words of the input.
   */
  static final Map<String, List<String>> TASK_LEADS = Map.ofEntries(
      Map.entry("NAMES", List.of("Here are %2$s possible %3$s for %1$s.", "%2$s %3$s for %1$s are worth considering.",
          "For %1$s, these %2$s %3$s stand out.")),
      Map.entry("LIST", List.of("Here are %2$s %3$s %1$s.", "%2$s %3$s %1$s follow.",
          "The list gives %2$s %3$s %1$s.")),
      Map.entry("EMAIL", List.of("Dear %6$s, %1$s.", "Hello %6$s, %1$s.")),
      Map.entry("STORY", List.of("The story opens with %1$s.", "This short tale follows %1$s.")),
      Map.entry("POEM", List.of("These lines turn on %1$s.", "The verses dwell on %1$s.")),
      Map.entry("SCRIPT", List.of("The scene opens on %1$s.", "The script begins with %1$s.")),
      Map.entry("SPEECH", List.of("Good evening, everyone, and welcome to a few words about %1$s.",
          "Thank everyone for coming to hear a few words about %1$s.")),
      Map.entry("SUMMARY", List.of("The text is about %1$s.", "In essence, the passage deals with %1$s.")),
      Map.entry("TRANSLATION", List.of("The request is a translation of %1$s.",
          "Here the task is to translate %1$s.")),
      Map.entry("COMPARISON", List.of("This comparison looks at %1$s.", "Setting them side by side, %1$s.")),
      Map.entry("PLAN", List.of("This plan covers %1$s.", "The plan below sets out %1$s.")),
      Map.entry("CODE", List.of("The solution for %1$s keeps the logic small and easy to test.",
          "A compact approach to %1$s follows.")),
      Map.entry("CALCULATION", List.of("Working out %1$s starts with the numbers given in the question.",
          "The calculation for %1$s begins with the given figures.")),
      Map.entry("REWRITE", List.of("The revised version of %1$s keeps the meaning and tightens the wording.",
          "Here %1$s is reworked for clarity.")),
      Map.entry("EXPLANATION", List.of("The key to %1$s lies in a few connected ideas.",
          "To understand %1$s, it helps to start with the basics.")),
      Map.entry("ANSWER", List.of("This answer deals with %1$s.", "The focus here is %1$s.")));

  static final Map<String, List<String>> TASK_MORE = Map.ofEntries(
      Map.entry("NAMES", List.of("The strongest name is one people can say aloud once and still recall the next day.",
          "Checking that the favourite is free as a web address is a sensible last step.")),
      Map.entry("LIST", List.of("Each of these can be tried on its own or combined with the others.",
          "They are ordered from the easiest to the most involved.")),
      Map.entry("EMAIL", List.of("I hope this explains the situation clearly.",
          "Please let me know if anything else is needed.")),
      Map.entry("STORY", List.of("At first the day seems ordinary, but %4$s soon changes everything.",
          "By the end, %5$s means something quite different to everyone involved.")),
      Map.entry("POEM", List.of("Morning light settles over %4$s, and the world slows down.",
          "Every small sound carries a trace of %5$s.")),
      Map.entry("SCRIPT", List.of("A first voice sets out what %4$s means to them.",
          "A second voice answers, and %5$s becomes the turning point.")),
      Map.entry("SPEECH", List.of("%4$s matters to everyone in this room.",
          "Tonight is a chance to see %5$s with fresh eyes.")),
      Map.entry("SUMMARY", List.of("It covers %7$s.", "The central point is how these fit together.")),
      Map.entry("TRANSLATION", List.of("The rendering keeps the meaning and tone of the original rather than its word order.",
          "Where a phrase has no direct equivalent, the closest natural wording is used.")),
      Map.entry("COMPARISON", List.of("%4$s and %5$s share some features but differ in purpose, cost and everyday use.",
          "The right choice between them depends on what matters most in the situation at hand.")),
      Map.entry("PLAN", List.of("It moves from preparation to a first trial and then to a review of how %4$s went.",
          "Each stage has a clear aim, so progress on %5$s is easy to check.")),
      Map.entry("CODE", List.of("It handles the empty and single-element cases before the main loop.",
          "Each part of the code deals with one piece of %4$s, which keeps it readable.")),
      Map.entry("CALCULATION", List.of("Each quantity is combined step by step, with units kept alongside the numbers.",
          "The result is then checked against the question to make sure it is reasonable.")),
      Map.entry("REWRITE", List.of("Awkward phrases are replaced, and each sentence carries one clear point about %4$s.",
          "Nothing essential about %5$s is lost in the process.")),
      Map.entry("EXPLANATION", List.of("The first idea is %4$s, and the second is how it relates to %5$s.",
          "Taken together, %4$s and %5$s explain most of what happens.")),
      Map.entry("ANSWER", List.of("The main points concern %4$s and %5$s.",
          "Both %4$s and %5$s deserve a closer look.")));

  /** Sign-offs that end a message. */
  static final List<String> SIGN_OFFS = List.of("Kind regards, Sam.", "Best wishes, Alex.", "All the best, Jordan.",
      "Warm regards, Priya.");

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
