package dev.tracegen.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** How the wave files are grouped for reading, on one process and on workers. */
class WaveFilesTest {
  /** The candidate files of a 10x build: two per part of 36 parts, in staging. */
  static List<String> waveFiles() {
    List<String> out = new ArrayList<>();
    for (int part = 1; part <= 36; part++) {
      for (int shard = 0; shard < 2; shard++) {
        out.add(String.format("/out/.corpus.staging-1-1/_waves/wave-02-part-%02d/candidates/train-%05d-of-00002.jsonl", part, shard));
      }
    }
    return out;
  }

  @Test
  void theDirectRunnerReadsInAFewGroups() {
    Set<Integer> groups = new HashSet<>();
    waveFiles().forEach(f -> groups.add(WaveFiles.readGroup(f, true)));
    assertTrue(groups.size() <= WaveFiles.READ_GROUPS, groups.toString());
  }

  @Test
  void workersReadEachFileInAGroupOfItsOwn() {
    Set<Integer> groups = new HashSet<>();
    waveFiles().forEach(f -> groups.add(WaveFiles.readGroup(f, false)));
    assertEquals(waveFiles().size(), groups.size());
  }

  @Test
  void onlyTheDirectRunnerCountsAsOneProcess() {
    assertTrue(WaveFiles.inOneProcess(Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create())));
    assertFalse(WaveFiles.inOneProcess(Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=FlinkRunner").create())));
  }
}
