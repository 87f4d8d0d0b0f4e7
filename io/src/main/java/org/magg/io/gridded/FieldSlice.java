package org.magg.io.gridded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.magg.core.ArrayCoding;
import org.magg.core.Failure;

/**
 * One timestep of one collection: every requested variable, on one grid, at one (shifted) time.
 * Elements of {@link GriddedFieldIO}'s output; the element timestamp is {@link #time()}.
 */
@DefaultCoder(FieldSlice.FieldSliceCoder.class)
public final class FieldSlice {
  private final String collection;
  private final Instant time;
  private final Map<String, GridSlice> variables;
  private final String source;
  private final long bytesRead;

  /**
   * @param collection the collection's name
   * @param time the timestep, after the collection's time shift
   * @param variables the fields by variable name, in the collection's order
   * @param source {@code path#time=index}, for messages
   * @param bytesRead bytes read from the file for these fields
   */
  public FieldSlice(
      String collection,
      Instant time,
      Map<String, GridSlice> variables,
      String source,
      long bytesRead) {
    this.collection = Objects.requireNonNull(collection, "collection");
    this.time = Objects.requireNonNull(time, "time");
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    this.source = Objects.requireNonNull(source, "source");
    this.bytesRead = bytesRead;
  }

  public String collection() {
    return collection;
  }

  /** The timestep, after the collection's time shift. */
  public Instant time() {
    return time;
  }

  /** The fields by variable name, in the collection's order. */
  public Map<String, GridSlice> variables() {
    return variables;
  }

  /** The field of one variable; fails naming the collection and the variables it has. */
  public GridSlice variable(String name) {
    GridSlice g = variables.get(name);
    if (g == null) {
      throw new IllegalArgumentException(
          "collection "
              + collection
              + " has no variable '"
              + name
              + "' at "
              + time
              + " (variables: "
              + String.join(", ", variables.keySet())
              + ")");
    }
    return g;
  }

  /** Where it was read: {@code path#time=index}. */
  public String source() {
    return source;
  }

  /** Bytes read from the file for these fields (compressed, as stored). */
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSlice f
        && collection.equals(f.collection)
        && time.equals(f.time)
        && variables.equals(f.variables)
        && source.equals(f.source)
        && bytesRead == f.bytesRead;
  }

  @Override
  public int hashCode() {
    return Objects.hash(collection, time, variables, source, bytesRead);
  }

  @Override
  public String toString() {
    return "FieldSlice[" + collection + " " + time + " " + variables + " from " + source + "]";
  }

  /** The coder of this element type. */
  public static Coder<FieldSlice> coder() {
    return FieldSliceCoder.INSTANCE;
  }

  /**
   * The coder of {@link FieldSlice}: the header, then per variable its name, levels, coordinates
   * (or a flag saying they are the previous variable's) and values as little-endian doubles.
   */
  public static final class FieldSliceCoder extends AtomicCoder<FieldSlice> {
    private static final long serialVersionUID = 1L;
    static final FieldSliceCoder INSTANCE = new FieldSliceCoder();

    /** The coder instance. */
    public static FieldSliceCoder of() {
      return INSTANCE;
    }

    /** What {@code @DefaultCoder} looks up: the registry then finds this coder by itself. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(FieldSlice.class), INSTANCE);
    }

    @Override
    public void encode(FieldSlice f, OutputStream out) throws IOException {
      StringUtf8Coder s = StringUtf8Coder.of();
      s.encode(f.collection, out);
      VarLongCoder.of().encode(f.time.getEpochSecond(), out);
      VarInt.encode(f.time.getNano(), out);
      s.encode(f.source, out);
      VarLongCoder.of().encode(f.bytesRead, out);
      VarInt.encode(f.variables.size(), out);
      ByteBuffer scratch = ArrayCoding.scratch();
      double[] lat = null;
      double[] lon = null;
      for (Map.Entry<String, GridSlice> e : f.variables.entrySet()) {
        GridSlice g = e.getValue();
        s.encode(e.getKey(), out);
        VarInt.encode(g.levels(), out);
        boolean same =
            lat != null
                && (lat == g.lat() || Arrays.equals(lat, g.lat()))
                && (lon == g.lon() || Arrays.equals(lon, g.lon()));
        out.write(same ? 1 : 0);
        if (!same) {
          lat = g.lat();
          lon = g.lon();
          VarInt.encode(lat.length, out);
          ArrayCoding.writeDoubles(out, lat, lat.length, scratch);
          VarInt.encode(lon.length, out);
          ArrayCoding.writeDoubles(out, lon, lon.length, scratch);
        }
        ArrayCoding.writeDoubles(out, g.values(), g.values().length, scratch);
      }
    }

    @Override
    public FieldSlice decode(InputStream in) throws IOException {
      StringUtf8Coder s = StringUtf8Coder.of();
      String collection = s.decode(in);
      long seconds = VarLongCoder.of().decode(in);
      int nanos = VarInt.decodeInt(in);
      String source = s.decode(in);
      long bytes = VarLongCoder.of().decode(in);
      int n = VarInt.decodeInt(in);
      ByteBuffer scratch = ArrayCoding.scratch();
      Map<String, GridSlice> vars = new LinkedHashMap<>();
      double[] lat = null;
      double[] lon = null;
      for (int i = 0; i < n; i++) {
        String name = s.decode(in);
        int levels = VarInt.decodeInt(in);
        int same = in.read();
        if (same < 0) {
          throw new java.io.EOFException("FieldSlice cut short in variable " + name);
        }
        if (same == 0) {
          lat = new double[VarInt.decodeInt(in)];
          ArrayCoding.readDoubles(in, lat, scratch);
          lon = new double[VarInt.decodeInt(in)];
          ArrayCoding.readDoubles(in, lon, scratch);
        } else if (lat == null) {
          throw new IOException(
              "FieldSlice variable " + name + " refers to coordinates before any");
        }
        double[] values = new double[Math.multiplyExact(levels, lat.length * lon.length)];
        ArrayCoding.readDoubles(in, values, scratch);
        vars.put(name, new GridSlice(lat, lon, levels, values));
      }
      return new FieldSlice(collection, Instant.ofEpochSecond(seconds, nanos), vars, source, bytes);
    }

    @Override
    public void verifyDeterministic() {}
  }

  /**
   * The failure of this timestep, when reading or evaluating it threw {@code e}: stage {@code
   * timestep}, subject its source ({@code path#time=index}), reason {@code <collection> at <time>:
   * <message>}.
   */
  public Failure failure(RuntimeException e) {
    return new Failure(
        "timestep",
        source(),
        collection()
            + " at "
            + time()
            + ": "
            + (e.getMessage() == null ? e.toString() : e.getMessage()));
  }
}
