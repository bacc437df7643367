/** Dedup: exact duplicates by a normalised-text hash, keyed so no worker holds the corpus. */
package dev.tracegen.dedup;
