/** Structure: the LLM splits a complex instruction into description, labelled constraints and input. */
package dev.tracegen.structure;
