package dev.tracegen.facts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracegen.model.Json;
import dev.tracegen.model.Rejection;
import dev.tracegen.model.Spend;
import dev.tracegen.model.TraceRecord;
import dev.tracegen.stage.Stage;
import dev.tracegen.stage.Stages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sums what shipped records and dropped candidates cost, streaming (per step and per stage, so its
 * size does not grow with the corpus); {@link #toWaste} gives the {@code waste} section.
 */
final class WasteTally {
  private final TreeMap<String, Spend.Step> shipped = new TreeMap<>();
  private final TreeMap<String, Spend.Step> notShipped = new TreeMap<>();
  private final TreeMap<String, Spend.Step> byStage = new TreeMap<>();
  private final TreeMap<String, Long> recordsByStage = new TreeMap<>();
  private boolean seen;

  /** A published record. */
  void shipped(TraceRecord r) {
    Spend s = r.lineage() == null ? Spend.NONE : r.lineage().spend();
    s.steps().forEach((step, used) -> shipped.merge(step, used, Spend.Step::plus));
    seen |= !s.steps().isEmpty();
  }

  /** Adds what {@code o} tallied (of other files) to this. */
  void merge(WasteTally o) {
    o.shipped.forEach((step, used) -> shipped.merge(step, used, Spend.Step::plus));
    o.notShipped.forEach((step, used) -> notShipped.merge(step, used, Spend.Step::plus));
    o.byStage.forEach((stage, lost) -> byStage.merge(stage, lost, Spend.Step::plus));
    o.recordsByStage.forEach((stage, n) -> recordsByStage.merge(stage, n, Long::sum));
    seen |= o.seen;
  }

  /** A rejection; {@code stage} is its stage of loss. */
  void rejected(String stage, Rejection r) {
    Spend s = spendOf(r);
    if (s == null || s.steps().isEmpty()) {
      return;
    }
    seen = true;
    s.steps().forEach((step, used) -> notShipped.merge(step, used, Spend.Step::plus));
    byStage.merge(stage, s.total(), Spend.Step::plus);
    recordsByStage.merge(stage, 1L, Long::sum);
  }

  /**
   * A rejection's own spend, else the spend in the lineage of the record it carries (the records
   * that dedup, split and decontaminate drop carry it there); null when neither says.
   */
  static Spend spendOf(Rejection r) {
    if (r.spend() != null) {
      return r.spend();
    }
    String record = r.record();
    if (record == null || !record.startsWith("{") || !record.contains("\"lineage\"")) {
      return null;
    }
    try {
      JsonNode spend = Json.MAPPER.readTree(record).path("lineage").path("spend");
      return spend.isObject() ? Json.MAPPER.treeToValue(spend, Spend.class) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The section; null when no file said what anything cost (a corpus written before spends were kept). */
  Waste toWaste() {
    if (!seen) {
      return null;
    }
    Spend.Step allShipped = sum(shipped.values());
    Spend.Step allLost = sum(notShipped.values());
    Spend.Step whole = allShipped.plus(allLost);
    Map<String, Waste.Part> steps = new LinkedHashMap<>();
    TreeSet<String> stepIds = new TreeSet<>(shipped.keySet());
    stepIds.addAll(notShipped.keySet());
    for (String step : ordered(stepIds, Stages.TRACE.candidateStages())) {
      steps.put(step, Waste.Part.of(shipped.getOrDefault(step, Spend.Step.ZERO),
          notShipped.getOrDefault(step, Spend.Step.ZERO)));
    }
    Map<String, Waste.Loss> stages = new LinkedHashMap<>();
    for (String stage : ordered(byStage.keySet(), Stages.TRACE.all())) {
      Spend.Step lost = byStage.get(stage);
      stages.put(stage, new Waste.Loss(recordsByStage.get(stage), lost.requests(), lost.tokensIn(), lost.tokensOut(),
          Waste.Share.of(lost, whole)));
    }
    return new Waste(allShipped, allLost, Waste.Share.of(allLost, whole), steps, stages);
  }

  private static Spend.Step sum(Collection<Spend.Step> steps) {
    Spend.Step t = Spend.Step.ZERO;
    for (Spend.Step s : steps) {
      t = t.plus(s);
    }
    return t;
  }

  /** {@code ids} in the order of {@code order}, then any others alphabetically. */
  static List<String> ordered(Collection<String> ids, List<Stage> order) {
    List<String> out = new ArrayList<>();
    for (Stage s : order) {
      if (ids.contains(s.id())) {
        out.add(s.id());
      }
    }
    for (String id : new TreeSet<>(ids)) {
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }
}
