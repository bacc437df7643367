package dev.tracegen.export;

import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Rejection;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes {@code rejections/<stage>.jsonl} under the staging directory: one JSON object {@code
 * {stage, reason, id, detail, record}} per line, sorted by (id, reason, detail), so the files are
 * byte-identical across runs and runners. Outputs the names (relative to the staging directory) of
 * the files written.
 */
public class WriteRejections extends PTransform<PCollection<Rejection>, PCollection<String>> {
  private final String stagingDir;

  private WriteRejections(String stagingDir) {
    this.stagingDir = stagingDir;
  }

  public static WriteRejections to(String stagingDir) {
    return new WriteRejections(stagingDir);
  }

  @Override
  public PCollection<String> expand(PCollection<Rejection> rejections) {
    return rejections
        .apply(
            "KeyByStage",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(), TypeDescriptor.of(Rejection.class)))
                .via((Rejection r) -> KV.of(WriteStageFn.fileStem(r.stage()), r)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), JsonCoder.of(Rejection.class)))
        .apply("GroupByStage", GroupByKey.create())
        .apply("WriteStages", ParDo.of(new WriteStageFn(stagingDir)));
  }
}
