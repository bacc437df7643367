/**
 * Export of the final corpus (DESIGN section 6): deterministic gzip JSONL shards and the derived
 * views for their consumers ({@link dev.tracegen.export.ExportCorpus}), per-stage rejection files
 * ({@link dev.tracegen.export.WriteRejections}), corpus statistics computed by streaming the
 * written files ({@link dev.tracegen.export.CorpusStats}), the Hugging Face dataset card ({@link
 * dev.tracegen.export.DatasetCard}) and atomic publication of the output directory ({@link
 * dev.tracegen.export.OutputDirectory}). Every file is byte-identical across runs and runners for
 * the same input.
 */
package dev.tracegen.export;
