/**
 * tracegen: builds the TRACE / IOPO complex-instruction corpus with Apache Beam. {@link
 * dev.tracegen.TraceGen} is the command line; {@link dev.tracegen.TracePipeline} wires the stages.
 */
package dev.tracegen;
