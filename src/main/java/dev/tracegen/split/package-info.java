/** Split: eval records come only from eval seeds; a record whose seed belongs to the other split is dropped. */
package dev.tracegen.split;
