/**
 * What people see of a build besides the corpus: progress lines while it runs ({@link
 * dev.tracegen.report.ProgressReporter}), the end-of-run summary ({@link
 * dev.tracegen.report.RunSummary}), the self-contained {@code report.html} ({@link
 * dev.tracegen.report.ReportHtml}), the per-stage funnel derived from the files ({@link
 * dev.tracegen.report.Funnel}), and reading a built corpus ({@link dev.tracegen.report.CorpusDir})
 * for the {@code stats} and {@code export} commands in {@link dev.tracegen.cli}.
 */
package dev.tracegen.report;
