/** Respond: the rendered instruction, and nothing else, goes to the generator; its answer is y1 or y2. */
package dev.tracegen.respond;
