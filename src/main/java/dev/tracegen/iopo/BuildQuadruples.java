package dev.tracegen.iopo;

import dev.tracegen.llm.LlmSettings;
import dev.tracegen.model.Candidate;
import dev.tracegen.model.JsonCoder;
import dev.tracegen.model.Judgement;
import dev.tracegen.model.Lineage;
import dev.tracegen.model.TraceRecord;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/** Quadruple: verified candidates in, corpus records out. */
public class BuildQuadruples extends PTransform<PCollection<Candidate>, PCollection<TraceRecord>> {
  private final LlmSettings generator;
  private final LlmSettings judge;

  private BuildQuadruples(LlmSettings generator, LlmSettings judge) {
    this.generator = generator;
    this.judge = judge;
  }

  public static BuildQuadruples with(LlmSettings generator, LlmSettings judge) {
    return new BuildQuadruples(generator, judge);
  }

  @Override
  public PCollection<TraceRecord> expand(PCollection<Candidate> in) {
    String gen = generator.label();
    String jud = judge.label();
    return in.apply("ToRecords", MapElements.into(TypeDescriptor.of(TraceRecord.class)).via((Candidate c) -> toRecord(c, gen, jud)))
        .setCoder(JsonCoder.of(TraceRecord.class));
  }

  public static TraceRecord toRecord(Candidate c, String generator, String judge) {
    Map<String, Judgement> judgements = new TreeMap<>();
    judgements.put(TraceRecord.Y1_X1, c.y1x1());
    judgements.put(TraceRecord.Y2_X2, c.y2x2());
    judgements.put(TraceRecord.Y1_X2, c.y1x2());
    judgements.put(TraceRecord.Y2_X1, c.y2x1());
    return new TraceRecord(c.id(), c.plan().seed().id(), c.plan().split(), c.x1(), c.y1(), c.x2(), c.y2(),
        c.perturbation(), judgements, c.x1().constraints().size(),
        new Lineage(generator, judge, c.promptHashes(), c.attempts(), c.spend(), c.cached()));
  }
}
