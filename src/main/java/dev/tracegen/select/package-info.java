/** Select: exactly the target count per split and constraint-count stratum, chosen by hash. */
package dev.tracegen.select;
