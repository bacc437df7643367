/** QualityCheck: rule checks and the LLM's completeness and redundancy review of x1. */
package dev.tracegen.quality;
