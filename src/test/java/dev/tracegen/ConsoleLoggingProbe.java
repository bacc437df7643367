package dev.tracegen;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.LoggerFactory;

/**
 * For ConsoleLoggingIT, in its own JVM: configures logging as {@code TraceGen.main} does, runs a
 * one-step Beam pipeline that logs at INFO (FileIO's "Matched 1 files"), then logs one line per
 * level from a Beam logger, the Flink runner's logger and a tracegen logger.
 * Usage: {@code ConsoleLoggingProbe [tracegen args ...] FILE}.
 */
public final class ConsoleLoggingProbe {
  private ConsoleLoggingProbe() {}

  public static void main(String[] args) {
    TraceGen.configureLogging(args);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(FileIO.match().filepattern(args[args.length - 1]));
    p.run().waitUntilFinish();
    LoggerFactory.getLogger("org.apache.beam.sdk.ProbeStep").warn("beam warn");
    LoggerFactory.getLogger("org.apache.beam.runners.flink.ProbeStep").info("flink runner info");
    LoggerFactory.getLogger("ai.onnxruntime.ProbeStep").info("other library info");
    LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils").warn("no GPU probe warning");
    LoggerFactory.getLogger(ConsoleLoggingProbe.class).info("tracegen info");
    LoggerFactory.getLogger(ConsoleLoggingProbe.class).warn("tracegen warn");
  }
}
