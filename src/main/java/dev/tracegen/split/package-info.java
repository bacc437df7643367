/**
 * Split: eval records come only from eval seeds (re-derived from the seed hash); the two splits are
 * separated here so that train can be decontaminated against the selected eval split.
 */
package dev.tracegen.split;
