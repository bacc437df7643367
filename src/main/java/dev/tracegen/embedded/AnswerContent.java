package dev.tracegen.embedded;

import java.util.List;

/** What a task asks for, written out in one language: the part of an answer that does the task. */
interface AnswerContent {
  /**
   * The content in versions from fullest to shortest. {@code fixedItems} is the list length a
   * constraint prescribes (the constraint wins over the task's own count), or -1.
   */
  List<TaskContent.Version> versions(int fixedItems);

  /** A sentence that works a required keyword into the answer, in the task's terms. */
  String keywordSentence(String keyword, int i);

  /** Items for a short list that fills a section: points about the task. */
  List<String> extraItems(int from, int n);
}
