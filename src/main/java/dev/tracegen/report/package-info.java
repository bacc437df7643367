/**
 * Rendering what people see of a build besides the corpus, from the typed facts of {@link
 * dev.tracegen.facts}: progress lines while it runs ({@link dev.tracegen.report.ProgressReporter}),
 * the end-of-run summary ({@link dev.tracegen.report.RunSummary}, {@link
 * dev.tracegen.report.LlmSummary}), the Hugging Face dataset card ({@link
 * dev.tracegen.report.DatasetCard}), the self-contained {@code report.html} ({@link
 * dev.tracegen.report.ReportHtml}), the per-stage funnel derived from the files ({@link
 * dev.tracegen.report.Funnel}), and reading a built corpus ({@link dev.tracegen.report.CorpusDir})
 * for the {@code stats} and {@code export} commands in {@link dev.tracegen.cli}. Nothing here
 * writes files; {@link dev.tracegen.export} does.
 */
package dev.tracegen.report;
