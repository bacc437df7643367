/**
 * Judge: 0-10 per constraint. Programmatic checkers decide the constraints they cover (failing
 * closed); the LLM judge scores the rest. Only full marks pass, as in the paper.
 */
package dev.tracegen.judge;
