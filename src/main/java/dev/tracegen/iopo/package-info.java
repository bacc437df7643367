/** Quadruple: a fully verified candidate becomes the IOPO record {@code <x1, y1, x2, y2>}. */
package dev.tracegen.iopo;
