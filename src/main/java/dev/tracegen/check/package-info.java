/**
 * Programmatic verdicts on constraints. A {@link dev.tracegen.check.Checker} decides whether a
 * response satisfies one constraint, using the constraint's phrasing params (taxonomy field {@code
 * checker} names its id); {@link dev.tracegen.check.Checkers} finds them through {@link
 * java.util.ServiceLoader}; {@link dev.tracegen.check.TextMetrics} holds the shared measurements
 * (words, sentences, paragraphs, items, headings...) on the text a reader sees. Dimensions without
 * a checker are left to the LLM judge.
 */
package dev.tracegen.check;
