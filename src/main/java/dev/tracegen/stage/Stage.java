package dev.tracegen.stage;

import java.io.Serializable;

/**
 * One stage of the flow, declared once ({@link Stages}): the pipeline, the rejection files, the
 * metrics, the progress line, the funnel, the report and the dataset card all take its names from
 * here, so a stage added or renamed in the declaration shows up everywhere.
 *
 * @param id the stage's key: rejection tag ({@code rejections/<id>.jsonl}), metric namespace and
 *     LLM step id, funnel and {@code run.json} key
 * @param transform the name of its composite transform in the Beam pipeline
 * @param label its short name on the progress line
 * @param title its name in the report and the card
 * @param summary what it does, one sentence for the card
 * @param kind what flows through it
 */
public record Stage(String id, String transform, String label, String title, String summary, Kind kind)
    implements Serializable {

  /** What a stage works on; candidate stages are the LLM part of the flow, counted by the progress line. */
  public enum Kind {
    SEEDS,
    CANDIDATES,
    RECORDS
  }

  public Stage {
    if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a stage id is lower_snake_case: " + id);
    }
  }

  public boolean isCandidateStage() {
    return kind == Kind.CANDIDATES;
  }
}
