/**
 * What people see of a build besides the corpus: progress lines while it runs ({@link
 * dev.tracegen.report.ProgressReporter}), the end-of-run summary ({@link
 * dev.tracegen.report.RunSummary}), the self-contained {@code report.html} ({@link
 * dev.tracegen.report.ReportHtml}), the per-stage funnel derived from the files ({@link
 * dev.tracegen.report.Funnel}), and the commands that work on a built corpus: {@code stats} ({@link
 * dev.tracegen.report.StatsCommand}) and {@code export} ({@link dev.tracegen.report.ExportCommand}).
 */
package dev.tracegen.report;
