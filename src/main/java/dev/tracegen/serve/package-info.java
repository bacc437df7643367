/**
 * The embedded model behind an OpenAI-compatible HTTP endpoint on loopback ({@link
 * dev.tracegen.serve.EmbeddedServer}), with knobs for latency and faults, so the real {@code
 * openai} client path is tested and benchmarked over HTTP. The {@code tracegen serve} command
 * that starts it is {@link dev.tracegen.cli.ServeCommand}.
 */
package dev.tracegen.serve;
