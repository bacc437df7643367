package dev.tracegen.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tracegen.export.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** A packed record: the decision fields read without decoding the record, and the record's bytes passed on as they came. */
class PackedRecordTest {
  private static final PackedRecord.PackedRecordCoder CODER = PackedRecord.PackedRecordCoder.of();
  private static final TraceRecord RECORD = Fixtures.record(7, "train", 5, true);

  @Test
  void decisionFieldsThenTheRecordAsTheRecordCoderWritesIt() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(CODER, PackedRecord.of(RECORD));
    InputStream in = new ByteArrayInputStream(bytes);
    assertEquals(RECORD.id(), StringUtf8Coder.of().decode(in));
    assertEquals(RECORD.seedId(), StringUtf8Coder.of().decode(in));
    assertEquals("train", StringUtf8Coder.of().decode(in));
    assertEquals(5, VarInt.decodeInt(in));
    byte[] rest = in.readAllBytes();
    assertArrayEquals(CoderUtils.encodeToByteArray(JsonCoder.of(TraceRecord.class), RECORD), rest);
  }

  @Test
  void roundTripsEqualWhicheverFormEachSideHolds() throws Exception {
    PackedRecord packed = PackedRecord.of(RECORD);
    PackedRecord decoded = CoderUtils.clone(CODER, packed);
    assertEquals(packed, decoded);
    assertEquals(decoded, packed);
    assertEquals(packed.hashCode(), decoded.hashCode());
    assertEquals(RECORD, decoded.record());
    assertEquals(RECORD.id(), decoded.id());
    assertEquals(RECORD.seedId(), decoded.seedId());
    assertEquals(RECORD.split(), decoded.split());
    assertEquals(RECORD.constraintsNum(), decoded.constraintsNum());
    assertNotEquals(packed, PackedRecord.of(Fixtures.record(8, "train", 5, true)));
    CoderProperties.coderDecodeEncodeEqual(CODER, packed);
    CoderProperties.coderDeterministic(CODER, packed, PackedRecord.of(Fixtures.record(7, "train", 5, true)));
    KvCoder<String, PackedRecord> keyed = KvCoder.of(StringUtf8Coder.of(), CODER);
    PackedRecord other = PackedRecord.of(Fixtures.record(8, "eval", 15, false));
    assertEquals(KV.of("k", other), CoderUtils.clone(keyed, KV.of("k", other)));
  }

  @Test
  void inFlightFieldsSurvive() throws Exception {
    Spend cached = new Spend(Map.of("respond_y1", new Spend.Step(1, 120, 45)));
    Lineage l = RECORD.lineage();
    TraceRecord r = RECORD;
    TraceRecord withCache = new TraceRecord(r.id(), r.seedId(), r.split(), r.x1(), r.y1(), r.x2(), r.y2(), r.perturbation(),
        r.judgements(), r.constraintsNum(), new Lineage(l.generator(), l.judge(), l.promptHashes(), l.attempts(), l.spend(), cached));
    assertEquals(cached, CoderUtils.clone(CODER, PackedRecord.of(withCache)).record().lineage().cached());
  }

  @Test
  void passesTheRecordOnWithoutDecodingIt() throws Exception {
    // Bytes that are no record at all: the fields are readable and the bytes go on unchanged, and
    // only asking for the record finds out.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringUtf8Coder.of().encode("r-1", out);
    StringUtf8Coder.of().encode("seed-1", out);
    StringUtf8Coder.of().encode("eval", out);
    VarInt.encode(3, out);
    byte[] notSmile = {1, 2, 3, 4};
    VarInt.encode(notSmile.length, out);
    out.write(notSmile);
    byte[] bytes = out.toByteArray();
    PackedRecord packed = CoderUtils.decodeFromByteArray(CODER, bytes);
    assertEquals("r-1", packed.id());
    assertEquals("eval", packed.split());
    assertEquals(3, packed.constraintsNum());
    assertArrayEquals(bytes, CoderUtils.encodeToByteArray(CODER, packed));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, packed::record);
    assertEquals("cannot decode record r-1", e.getMessage());
  }

  @Test
  void truncatedBytesAreAnError() throws Exception {
    byte[] whole = CoderUtils.encodeToByteArray(CODER, PackedRecord.of(RECORD));
    assertThrows(IOException.class, () -> CODER.decode(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 3))));
    assertThrows(IOException.class, () -> CODER.decode(new ByteArrayInputStream(Arrays.copyOf(whole, 5))));
  }
}
