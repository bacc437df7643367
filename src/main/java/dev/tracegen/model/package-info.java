/** Immutable records that flow between stages and are written to the corpus (DESIGN section 6). */
package dev.tracegen.model;
