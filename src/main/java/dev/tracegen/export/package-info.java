/**
 * Writing: deterministic gzip JSONL shards and the derived views for their consumers ({@link
 * dev.tracegen.export.ExportCorpus}), per-stage rejection files ({@link
 * dev.tracegen.export.WriteRejections}), a run's reports ({@link dev.tracegen.export.ReportFiles}:
 * stats.json, run.json, the card and report.html as the renderers wrote them) and atomic
 * publication of the output directory ({@link dev.tracegen.export.OutputDirectory}). Every file is
 * byte-identical across runs and runners for the same input.
 */
package dev.tracegen.export;
