/**
 * What every stage is built from: the one list of stages ({@link dev.tracegen.stage.Stages}, each a
 * {@link dev.tracegen.stage.Stage} with its pipeline name, metric id, labels and wording), the
 * two-output shape of a candidate stage ({@link dev.tracegen.stage.CandidateStage}), the DoFn base
 * that keeps a bounded number of LLM calls in flight and repairs malformed answers
 * ({@link dev.tracegen.stage.LlmStepFn}, {@link dev.tracegen.stage.CandidateStepFn}), and what a
 * step is given ({@link dev.tracegen.stage.StepContext}) and gives back
 * ({@link dev.tracegen.stage.StepResult}).
 */
package dev.tracegen.stage;
