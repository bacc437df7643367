/**
 * What a run found out, as typed records: {@link dev.tracegen.facts.CorpusStats} is {@code
 * stats.json} (computed from a corpus's files only, so {@code tracegen stats} recomputes it byte
 * for byte) and {@link dev.tracegen.facts.RunFacts} is {@code run.json} (options, models, targets,
 * LLM accounting, funnel). The dataset card, the report and the end-of-run summary read these
 * types; Jackson writes and reads them.
 */
package dev.tracegen.facts;
