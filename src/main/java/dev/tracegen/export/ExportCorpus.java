package dev.tracegen.export;

import static com.google.common.base.Preconditions.checkArgument;

import dev.tracegen.model.PackedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Writes the final selection as gzip JSONL shards plus the derived views (DESIGN section 6): {@code
 * train-NNNNN-of-NNNNN.jsonl.gz}, {@code eval-...}, {@code trace_eval.jsonl}, {@code iopo.json} +
 * {@code dataset_info.json}, {@code dpo.jsonl}, {@code sft.jsonl} and {@code verifiable.jsonl}.
 *
 * <p>Output bytes are identical across runs and runners: a record's shard is a hash of its id, each
 * shard is written by one worker with its records sorted by id, and every view is assembled from
 * per-shard fragments concatenated in shard order (so a view lists records shard by shard, by id
 * within a shard; a global sort would need range partitioning for no consumer's benefit). Nothing
 * holds more than one shard in memory, so choose shard counts that keep a shard small (120,000
 * train records in 16 shards are about 7,500 records, some 30 MB).
 *
 * <p>All files go through Beam {@code FileSystems}, so {@code stagingDir} may be on any Beam
 * filesystem. The output collection holds the names (relative to {@code stagingDir}) of the files
 * written.
 */
public class ExportCorpus extends PTransform<PCollection<PackedRecord>, PCollection<String>> {
  static final TupleTag<PackedRecord> RECORDS = new TupleTag<>() {};
  static final TupleTag<String> SHARD_MARKERS = new TupleTag<>() {};
  static final TupleTag<KV<String, Integer>> FRAGMENTS = new TupleTag<>() {};
  static final TupleTag<String> SHARDS_WRITTEN = new TupleTag<>() {};

  private final String stagingDir;
  private final TreeMap<String, Integer> shardCounts;
  private final TreeMap<String, String> dimensionLabelsZh;
  private final TreeMap<String, String> checkerIds;
  private final String category;

  private ExportCorpus(
      String stagingDir,
      TreeMap<String, Integer> shardCounts,
      TreeMap<String, String> labels,
      TreeMap<String, String> checkerIds,
      String category) {
    this.stagingDir = stagingDir;
    this.shardCounts = shardCounts;
    this.dimensionLabelsZh = labels;
    this.checkerIds = checkerIds;
    this.category = category;
  }

  /**
   * @param stagingDir directory to write into (see {@link OutputDirectory#staging()})
   * @param trainShards number of train shards (1..99999)
   * @param evalShards number of eval shards (1..99999)
   * @param dimensionLabelsZh taxonomy dimension id to its Chinese label, for {@code levels2}
   * @param checkerIds taxonomy dimension id to its checker id, for the dimensions with a checker
   *     (the rule-checkable constraints of {@code verifiable.jsonl})
   * @param category value of the {@code category} field of {@code trace_eval.jsonl}
   */
  public static ExportCorpus to(
      String stagingDir,
      int trainShards,
      int evalShards,
      Map<String, String> dimensionLabelsZh,
      Map<String, String> checkerIds,
      String category) {
    checkArgument(stagingDir != null && !stagingDir.isEmpty(), "stagingDir is required");
    checkArgument(trainShards >= 1 && trainShards <= 99_999, "trainShards must be 1..99999");
    checkArgument(evalShards >= 1 && evalShards <= 99_999, "evalShards must be 1..99999");
    TreeMap<String, Integer> counts = new TreeMap<>();
    counts.put(ExportFiles.TRAIN, trainShards);
    counts.put(ExportFiles.EVAL, evalShards);
    return new ExportCorpus(
        stagingDir,
        counts,
        new TreeMap<>(dimensionLabelsZh == null ? Map.of() : dimensionLabelsZh),
        new TreeMap<>(checkerIds == null ? Map.of() : checkerIds),
        category == null ? "" : category);
  }

  @Override
  public PCollection<String> expand(PCollection<PackedRecord> records) {
    KvCoder<String, Integer> keyCoder = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());

    PCollection<KV<KV<String, Integer>, PackedRecord>> keyed =
        records
            .apply("AssignShard", ParDo.of(new AssignShardFn(shardCounts)))
            .setCoder(KvCoder.of(keyCoder, PackedRecord.PackedRecordCoder.of()));

    // One marker per shard, so that a shard no record hashed into is still written (empty).
    List<KV<KV<String, Integer>, String>> markers = new ArrayList<>();
    shardCounts.forEach(
        (split, count) -> {
          for (int i = 0; i < count; i++) {
            markers.add(KV.of(KV.of(split, i), ExportFiles.shardName(split, i, count)));
          }
        });
    PCollection<KV<KV<String, Integer>, String>> allShards =
        records
            .getPipeline()
            .apply(
                "ListShards",
                Create.of(markers).withCoder(KvCoder.of(keyCoder, StringUtf8Coder.of())));

    PCollectionTuple written =
        KeyedPCollectionTuple.of(RECORDS, keyed)
            .and(SHARD_MARKERS, allShards)
            .apply("GroupByShard", CoGroupByKey.create())
            .apply(
                "WriteShards",
                ParDo.of(new WriteShardFn(stagingDir, shardCounts, dimensionLabelsZh, checkerIds, category))
                    .withOutputTags(FRAGMENTS, TupleTagList.of(SHARDS_WRITTEN)));

    // GroupByKey is the barrier: a view is assembled only once every shard wrote its fragment.
    PCollection<String> views =
        written
            .get(FRAGMENTS)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
            .apply("GroupFragmentsByView", GroupByKey.create())
            .apply("ConcatenateViews", ParDo.of(new ConcatFragmentsFn(stagingDir, shardCounts)));

    PCollection<String> datasetInfo =
        records
            .getPipeline()
            .apply("DatasetInfoName", Create.of(ExportFiles.DATASET_INFO))
            .apply("WriteDatasetInfo", ParDo.of(new WriteDatasetInfoFn(stagingDir)));

    return PCollectionList.of(written.get(SHARDS_WRITTEN).setCoder(StringUtf8Coder.of()))
        .and(views)
        .and(datasetInfo)
        .apply("FilesWritten", Flatten.pCollections());
  }
}
