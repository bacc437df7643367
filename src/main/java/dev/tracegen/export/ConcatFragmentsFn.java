package dev.tracegen.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;

/**
 * Runs once per view, after every shard wrote its fragment: streams the fragments in shard order
 * into the view file (never holding a view in memory), then deletes them. The file is assembled
 * under a temporary name and renamed, so a retry after a finished rename sees the view in place and
 * the fragments gone and does nothing.
 */
class ConcatFragmentsFn extends DoFn<KV<String, Iterable<Integer>>, String> {
  private static final int BUFFER = 1 << 16;
  private static final byte[] ARRAY_OPEN = "[\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ARRAY_SEPARATOR = ",\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ARRAY_CLOSE = "\n]\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EMPTY_ARRAY_CLOSE = "]\n".getBytes(StandardCharsets.UTF_8);

  private final String stagingDir;
  private final TreeMap<String, Integer> shardCounts;

  ConcatFragmentsFn(String stagingDir, Map<String, Integer> shardCounts) {
    this.stagingDir = stagingDir;
    this.shardCounts = new TreeMap<>(shardCounts);
  }

  @ProcessElement
  public void process(@Element KV<String, Iterable<Integer>> element, OutputReceiver<String> out)
      throws IOException {
    View view = View.byFileName(element.getKey());
    int count = shardCounts.get(view.split());
    TreeSet<Integer> indexes = new TreeSet<>();
    element.getValue().forEach(indexes::add);
    if (indexes.size() != count || indexes.first() != 0 || indexes.last() != count - 1) {
      throw new IllegalStateException(
          view.fileName() + ": expected fragments 0.." + (count - 1) + ", got " + indexes);
    }

    List<ResourceId> fragments = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      fragments.add(
          ExportFiles.resolve(stagingDir, ExportFiles.fragmentName(view.fileName(), i, count)));
    }
    ResourceId target = ExportFiles.resolve(stagingDir, view.fileName());
    if (!allExist(fragments)) {
      if (allExist(List.of(target))) {
        out.output(view.fileName()); // an earlier attempt already finished this view
        return;
      }
      throw new IllegalStateException(view.fileName() + ": fragments missing in " + stagingDir);
    }

    ResourceId assembling =
        ExportFiles.resolve(stagingDir, ExportFiles.assemblingName(view.fileName()));
    try (OutputStream sink = ExportFiles.create(assembling, MimeTypes.TEXT)) {
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
      boolean anyRows = false;
      if (view.jsonArray()) {
        sink.write(ARRAY_OPEN);
      }
      for (ResourceId fragment : fragments) {
        try (ReadableByteChannel in = FileSystems.open(fragment)) {
          boolean firstChunk = true;
          while (true) {
            buffer.clear();
            int n = in.read(buffer);
            if (n < 0) {
              break;
            }
            if (n == 0) {
              continue;
            }
            // Fragments of an array hold comma-separated rows; empty ones must add no comma.
            if (firstChunk && view.jsonArray() && anyRows) {
              sink.write(ARRAY_SEPARATOR);
            }
            firstChunk = false;
            anyRows = true;
            sink.write(buffer.array(), 0, n);
          }
        }
      }
      if (view.jsonArray()) {
        sink.write(anyRows ? ARRAY_CLOSE : EMPTY_ARRAY_CLOSE);
      }
    }
    FileSystems.rename(List.of(assembling), List.of(target));
    FileSystems.delete(fragments, StandardMoveOptions.IGNORE_MISSING_FILES);
    out.output(view.fileName());
  }

  private static boolean allExist(List<ResourceId> files) throws IOException {
    for (MatchResult m : FileSystems.matchResources(files)) {
      if (m.status() != MatchResult.Status.OK) {
        return false;
      }
    }
    return true;
  }
}
