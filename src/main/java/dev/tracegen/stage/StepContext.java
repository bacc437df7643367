package dev.tracegen.stage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracegen.config.Prompts;
import dev.tracegen.llm.LlmSettings;
import dev.tracegen.model.Json;
import dev.tracegen.taxonomy.Taxonomy;
import java.io.Serializable;
import java.util.Map;

/**
 * What every LLM stage needs, read once while the pipeline is built: prompts, taxonomy, the
 * generator and judge settings, the run seed, and the share of checker-decided constraints the LLM
 * judge scores too ({@code judgeCalibration}), and how many times a response the judge fails is sent
 * back to the generator with the judge's reasons before the candidate is dropped ({@code revisions}).
 */
public record StepContext(Prompts prompts, Taxonomy taxonomy, LlmSettings generator, LlmSettings judge, long runSeed,
    double judgeCalibration, int revisions)
    implements Serializable {

  /** Renders a prompt with its payload block (the structured copy the embedded model reads). */
  public String prompt(String step, Map<String, String> vars, ObjectNode payload) {
    payload.put("step", step);
    Prompts.markLanguage(payload, prompts.language());
    java.util.Map<String, String> all = new java.util.HashMap<>(vars);
    all.put("payload", payload.toString());
    return prompts.render(step, all);
  }

  public static ObjectNode payload() {
    return Json.PLAIN.createObjectNode();
  }
}
