/** Perturb: ADD, DELETE or REVISE edits x1's constraints into x2 so that y1 no longer complies. */
package dev.tracegen.perturb;
