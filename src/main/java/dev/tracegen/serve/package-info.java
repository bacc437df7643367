/**
 * {@code tracegen serve}: the embedded model behind an OpenAI-compatible HTTP endpoint on
 * loopback ({@link dev.tracegen.serve.EmbeddedServer}), with knobs for latency and faults, so the
 * real {@code openai} client path is tested and benchmarked over HTTP.
 */
package dev.tracegen.serve;
