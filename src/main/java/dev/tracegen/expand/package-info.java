/** Expand: the LLM rewrites a simple seed into one complex instruction carrying the planned constraints. */
package dev.tracegen.expand;
