/**
 * Plan: draws, for every target stratum, the plans (seed, split, constraint count, concrete
 * constraints) deterministically from hashes of the run seed and stable ids.
 */
package dev.tracegen.plan;
