/** Flink support: a loopback Flink session cluster for trying and testing remote submission. */
package dev.tracegen.flink;
