package dev.tracegen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tracegen.export.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** The record coder: its bytes, its framing inside other coders, and what it does with bad bytes. */
class JsonCoderTest {
  private static final JsonCoder<TraceRecord> CODER = JsonCoder.of(TraceRecord.class);
  // Non-ASCII text (Chinese, accents, a check mark) so that a length counted in chars would break.
  private static final TraceRecord RECORD = Fixtures.record(7, "train", 5, true);

  @Test
  void bytesAreALengthThenTheInFlightJsonInSmile() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CODER.encode(RECORD, out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    byte[] smile = new byte[VarInt.decodeInt(in)];
    assertEquals(smile.length, in.read(smile));
    assertEquals(-1, in.read());
    // The same tree as the JSON text of the record with its in-flight fields, keys in the same order.
    JsonNode tree = Json.SMILE.readTree(smile);
    assertEquals(Json.writeInFlight(RECORD), Json.MAPPER.writeValueAsString(tree));
    assertTrue(smile.length < Json.writeInFlight(RECORD).getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void inFlightFieldsSurviveTheTrip() throws Exception {
    Spend cached = new Spend(Map.of("respond_y1", new Spend.Step(1, 120, 45)));
    Lineage l = RECORD.lineage();
    TraceRecord r = RECORD;
    TraceRecord withCache = new TraceRecord(r.id(), r.seedId(), r.split(), r.x1(), r.y1(), r.x2(), r.y2(), r.perturbation(),
        r.judgements(), r.constraintsNum(), new Lineage(l.generator(), l.judge(), l.promptHashes(), l.attempts(), l.spend(), cached));
    assertEquals(cached, CoderUtils.clone(CODER, withCache).lineage().cached());
    assertFalse(Json.write(withCache).contains("cached"), "files leave them out");
  }

  @Test
  void roundTripsAloneAndNestedInOtherCoders() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(CODER, RECORD);
    CoderProperties.coderDeterministic(CODER, RECORD, Fixtures.record(7, "train", 5, true));
    KvCoder<TraceRecord, TraceRecord> pair = KvCoder.of(CODER, CODER);
    TraceRecord other = Fixtures.record(8, "eval", 15, false);
    assertEquals(KV.of(RECORD, other), CoderUtils.decodeFromByteArray(pair, CoderUtils.encodeToByteArray(pair, KV.of(RECORD, other))));
  }

  @Test
  void readsExactlyItsOwnBytesFromASharedStream() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CODER.encode(RECORD, out);
    out.write(new byte[] {42, 43});
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    assertEquals(RECORD, CODER.decode(in));
    assertEquals(42, in.read());
  }

  @Test
  void truncatedOrBrokenBytesAreAnErrorNotARecord() throws Exception {
    byte[] whole = CoderUtils.encodeToByteArray(CODER, RECORD);
    assertThrows(IOException.class, () -> CODER.decode(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 3))));
    ByteArrayOutputStream broken = new ByteArrayOutputStream();
    StringUtf8Coder.of().encode("{\"id\": ", broken);
    assertThrows(IOException.class, () -> CODER.decode(new ByteArrayInputStream(broken.toByteArray())));
  }
}
