/**
 * {@code tracegen eval}: the TRACE benchmark. The model under test answers each instruction of a
 * TRACE-layout eval file, a judge scores every constraint 0-10 and the whole answer in the official
 * format ({@code Constraints Overall Score: [[d]]}), and the scores are summarised as IF-S / IF-M
 * and per type, dimension, constraint count and category.
 */
package dev.tracegen.eval;
