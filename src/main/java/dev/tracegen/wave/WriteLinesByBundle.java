package dev.tracegen.wave;

import dev.tracegen.io.Locations;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes lines into {@code DIR/NAME-SSSSS-of-NNNNN.jsonl}, one file per bundle, as Beam's
 * unsharded file writes do, but gathers the files that bundles committed through a GroupByKey
 * instead of a side input: the Direct runner re-runs a ParDo whose side input is not ready in a
 * busy loop, so the side-input gather of {@code TextIO.write()} spun a core for a whole wave.
 *
 * <p>A bundle writes {@code DIR/.tmp-NAME/<random>.jsonl} and emits its name when it finishes; only
 * the names of committed bundles reach the GroupByKey, so the files of a failed bundle attempt are
 * never named and are deleted with the temporary directory. Naming sorts the temporary names, so a
 * retried naming step gives the same files the same names. No lines, no files.
 */
final class WriteLinesByBundle extends PTransform<PCollection<String>, PDone> {
  private final String dir;
  private final String name;

  WriteLinesByBundle(String dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  @Override
  public PDone expand(PCollection<String> lines) {
    String temp = Locations.dir(dir, ".tmp-" + name);
    lines.apply("WriteBundles", ParDo.of(new WriteBundleFn(temp)))
        .setCoder(StringUtf8Coder.of())
        .apply("OneGroup", WithKeys.of(name))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("GatherFiles", GroupByKey.create())
        .apply("NameFiles", ParDo.of(new NameFilesFn(dir, name, temp)));
    return PDone.in(lines.getPipeline());
  }

  /** Writes a bundle's lines to a temporary file of its own and emits that file's name. */
  static class WriteBundleFn extends DoFn<String, String> {
    private static final byte[] NEWLINE = {'\n'};
    private final String temp;
    private transient OutputStream out;
    private transient String file;

    WriteBundleFn(String temp) {
      this.temp = temp;
    }

    @StartBundle
    public void start() {
      out = null;
      file = null;
    }

    @ProcessElement
    public void process(@Element String line) throws IOException {
      if (out == null) {
        file = Locations.file(temp, UUID.randomUUID() + ".jsonl");
        out = new BufferedOutputStream(Locations.create(file), 1 << 16);
      }
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.write(NEWLINE);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws IOException {
      if (out != null) {
        out.close();
        out = null;
        c.output(file, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }

    @Teardown
    public void teardown() throws IOException {
      if (out != null) {
        out.close();
      }
    }
  }

  /** Gives the committed files their final names, then deletes what failed attempts left. */
  static class NameFilesFn extends DoFn<KV<String, Iterable<String>>, Void> {
    private final String dir;
    private final String name;
    private final String temp;

    NameFilesFn(String dir, String name, String temp) {
      this.dir = dir;
      this.name = name;
      this.temp = temp;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> files) throws IOException {
      List<String> sorted = new ArrayList<>();
      files.getValue().forEach(sorted::add);
      sorted.sort(null);
      List<ResourceId> from = new ArrayList<>();
      List<ResourceId> to = new ArrayList<>();
      for (int i = 0; i < sorted.size(); i++) {
        from.add(FileSystems.matchNewResource(sorted.get(i), false));
        to.add(FileSystems.matchNewResource(
            Locations.file(dir, String.format("%s-%05d-of-%05d.jsonl", name, i, sorted.size())), false));
      }
      // A retried step finds some files already moved: their sources are gone, their targets there.
      FileSystems.rename(from, to, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      Locations.deleteTree(temp);
    }
  }
}
