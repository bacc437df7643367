/**
 * Dedup: exact (normalised-text hash), near-duplicate (MinHash + LSH over word or CJK character
 * shingles, connected components) and optional semantic (all-MiniLM-L6-v2 embeddings,
 * random-hyperplane LSH) duplicates of the rendered instruction, one deterministic survivor per
 * cluster. Every step is keyed into a bounded number of buckets; no worker holds the corpus.
 */
package dev.tracegen.dedup;
