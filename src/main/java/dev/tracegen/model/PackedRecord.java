package dev.tracegen.model;

import com.google.common.io.ByteStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A {@link TraceRecord} on its way from dedup to export: the fields those stages decide on (id,
 * seed, split, number of constraints) beside the whole record, which crosses a stage boundary as
 * the bytes {@link JsonCoder} writes and is decoded only by a stage that reads more ({@link
 * #record}). Most of finishing passes records on unread (kept by dedup, in their split, selected),
 * and on a distributed runner every such hop decoded and encoded the whole record again. On the
 * Direct runner, which hands values on by reference, the record is never coded at all.
 *
 * <p>Equal when their records are equal, whichever form each holds.
 */
@DefaultCoder(PackedRecord.PackedRecordCoder.class)
public final class PackedRecord {
  private final String id;
  private final String seedId;
  private final String split;
  private final int constraintsNum;
  // At least one of the two is set; each is filled from the other at most once (racing threads
  // would compute equal values).
  private volatile TraceRecord record;
  private volatile byte[] smile;

  private PackedRecord(String id, String seedId, String split, int constraintsNum, TraceRecord record, byte[] smile) {
    this.id = id;
    this.seedId = seedId;
    this.split = split;
    this.constraintsNum = constraintsNum;
    this.record = record;
    this.smile = smile;
  }

  public static PackedRecord of(TraceRecord r) {
    return new PackedRecord(r.id(), r.seedId(), r.split(), r.constraintsNum(), r, null);
  }

  /** Packs each record of a collection (before finishing's first stage). */
  public static MapElements<TraceRecord, PackedRecord> packEach() {
    return MapElements.into(TypeDescriptor.of(PackedRecord.class)).via(PackedRecord::of);
  }

  public String id() {
    return id;
  }

  public String seedId() {
    return seedId;
  }

  public String split() {
    return split;
  }

  public int constraintsNum() {
    return constraintsNum;
  }

  /** The whole record, decoded on first use where it arrived as bytes. */
  public TraceRecord record() {
    TraceRecord r = record;
    if (r == null) {
      try {
        r = Json.SMILE.readValue(smile, TraceRecord.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot decode record " + id, e);
      }
      record = r;
    }
    return r;
  }

  /** The record in the coder's form (with its in-flight fields), encoded on first use. */
  byte[] smile() {
    byte[] s = smile;
    if (s == null) {
      try {
        s = Json.SMILE_IN_FLIGHT.writeValueAsBytes(record);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode record " + id, e);
      }
      smile = s;
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof PackedRecord other && other.id.equals(id) && other.record().equals(record());
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "PackedRecord[" + id + ", " + split + ", " + constraintsNum + " constraints]";
  }

  /**
   * The decision fields, then the record's Smile bytes after their length: decoding copies the
   * bytes and nothing more, encoding writes the bytes it was given (or encodes the record once).
   */
  public static final class PackedRecordCoder extends CustomCoder<PackedRecord> {
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final PackedRecordCoder INSTANCE = new PackedRecordCoder();

    private PackedRecordCoder() {}

    public static PackedRecordCoder of() {
      return INSTANCE;
    }

    /** Lets {@code @DefaultCoder} make this the coder of every {@link PackedRecord} collection. */
    public static CoderProvider getCoderProvider() {
      return new CoderProvider() {
        @Override
        @SuppressWarnings("unchecked")
        public <X> Coder<X> coderFor(TypeDescriptor<X> type, List<? extends Coder<?>> componentCoders)
            throws CannotProvideCoderException {
          if (!type.getRawType().equals(PackedRecord.class)) {
            throw new CannotProvideCoderException(type + " is not a PackedRecord");
          }
          return (Coder<X>) INSTANCE;
        }
      };
    }

    @Override
    public void encode(PackedRecord value, OutputStream out) throws IOException {
      STRING.encode(value.id, out);
      STRING.encode(value.seedId, out);
      STRING.encode(value.split, out);
      VarInt.encode(value.constraintsNum, out);
      byte[] smile = value.smile();
      VarInt.encode(smile.length, out);
      out.write(smile);
    }

    @Override
    public PackedRecord decode(InputStream in) throws IOException {
      String id = STRING.decode(in);
      String seedId = STRING.decode(in);
      String split = STRING.decode(in);
      int constraintsNum = VarInt.decodeInt(in);
      int length = VarInt.decodeInt(in);
      if (length < 0) {
        throw new CoderException("negative length " + length + " for record " + id);
      }
      byte[] smile = new byte[length];
      ByteStreams.readFully(in, smile);
      return new PackedRecord(id, seedId, split, constraintsNum, null, smile);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
