package dev.tracegen.stage;

import dev.tracegen.llm.LlmSettings;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.Spend;
import dev.tracegen.taxonomy.Taxonomy;

/** An {@link LlmStepFn} over candidates, identified by plan id. */
public abstract class CandidateStepFn extends LlmStepFn<Candidate, Candidate> {
  protected CandidateStepFn(String step, LlmSettings settings, Taxonomy taxonomy) {
    super(step, settings, taxonomy, CandidateStage.KEPT, CandidateStage.REJECTED);
  }

  /** A step that may ask {@code reviseSettings}' model to revise answers, counted under {@code reviseStep}. */
  protected CandidateStepFn(String step, LlmSettings settings, String reviseStep, LlmSettings reviseSettings,
      Taxonomy taxonomy) {
    super(step, settings, reviseStep, reviseSettings, taxonomy, CandidateStage.KEPT, CandidateStage.REJECTED);
  }

  @Override
  protected String idOf(Candidate input) {
    return input.id();
  }

  @Override
  protected Spend spendOf(Candidate input) {
    return input.spend();
  }
}
