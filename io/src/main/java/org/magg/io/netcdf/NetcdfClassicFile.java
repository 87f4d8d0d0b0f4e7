package org.magg.io.netcdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of NetCDF classic files (CDF-1, CDF-2 "64-bit offset" and CDF-5 "64-bit data"), written
 * against Unidata's published format specification: header (dimensions, global attributes,
 * variables with their attributes, types, sizes and offsets), fixed-size variables stored
 * contiguously, and record variables interleaved record by record. NetCDF-4 files are HDF5 and are
 * read with the HDF5 library instead.
 *
 * <pre>{@code
 * try (NetcdfClassicFile nc = NetcdfClassicFile.open(Path.of("madis-sao.nc"))) {
 *   double[] t = nc.readDoubles("temperature");   // raw values; fill and scaling are the caller's
 * }
 * }</pre>
 */
public final class NetcdfClassicFile implements AutoCloseable {
  private static final int NC_DIMENSION = 0x0A;
  private static final int NC_VARIABLE = 0x0B;
  private static final int NC_ATTRIBUTE = 0x0C;

  private final String name;
  private final SeekableByteChannel channel;
  private final int version;
  private final long numRecords;
  private final List<Dimension> dimensions;
  private final Map<String, Object> attributes;
  private final Map<String, Variable> variables;
  private final long recordSize;

  /** A dimension; {@code length} is the current number of records for the record dimension. */
  public record Dimension(String name, long length, boolean isRecord) {}

  /**
   * A variable: its dimensions (names, outermost first), shape, type and attributes.
   *
   * @param name variable name
   * @param dimensions dimension names
   * @param shape lengths, the record dimension's current length first for record variables
   * @param type the external type
   * @param attributes the variable's attributes (numbers as arrays, text as strings)
   * @param isRecord whether it varies along the record (unlimited) dimension
   * @param vsize bytes of one record (record variables) or of the whole variable
   * @param begin file offset of the data (of the first record for record variables)
   */
  public record Variable(
      String name,
      List<String> dimensions,
      long[] shape,
      NcType type,
      Map<String, Object> attributes,
      boolean isRecord,
      long vsize,
      long begin) {

    /** Number of values. */
    public long size() {
      long n = 1;
      for (long s : shape) {
        n *= s;
      }
      return n;
    }
  }

  /** The external data types of the classic formats. */
  public enum NcType {
    BYTE(1, 1),
    CHAR(2, 1),
    SHORT(3, 2),
    INT(4, 4),
    FLOAT(5, 4),
    DOUBLE(6, 8),
    UBYTE(7, 1),
    USHORT(8, 2),
    UINT(9, 4),
    INT64(10, 8),
    UINT64(11, 8);

    final int code;
    final int size;

    NcType(int code, int size) {
      this.code = code;
      this.size = size;
    }

    static NcType of(int code, String where) throws IOException {
      for (NcType t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      throw new IOException(where + ": unknown NetCDF type code " + code);
    }
  }

  private NetcdfClassicFile(String name, SeekableByteChannel channel) throws IOException {
    this.name = name;
    this.channel = channel;
    Header h = new Header(name, channel);
    byte[] magic = h.bytes(4);
    if (magic[0] != 'C' || magic[1] != 'D' || magic[2] != 'F') {
      throw new IOException(name + " is not a NetCDF classic file (no 'CDF' signature)");
    }
    version = magic[3];
    if (version != 1 && version != 2 && version != 5) {
      throw new IOException(name + ": unsupported NetCDF classic version " + version);
    }
    h.wide = version == 5;
    long recs = h.count();
    List<Dimension> dims = new ArrayList<>();
    int tag = h.int32();
    long n = h.count();
    if (tag == NC_DIMENSION) {
      for (long i = 0; i < n; i++) {
        String dn = h.name();
        long len = h.count();
        dims.add(new Dimension(dn, len == 0 ? recs : len, len == 0));
      }
    } else if (tag != 0 || n != 0) {
      throw new IOException(name + ": malformed header, expected the dimension list");
    }
    dimensions = Collections.unmodifiableList(dims);
    attributes = h.attributes("global attributes");
    Map<String, Variable> vars = new LinkedHashMap<>();
    tag = h.int32();
    n = h.count();
    if (tag == NC_VARIABLE) {
      for (long i = 0; i < n; i++) {
        String vn = h.name();
        long rank = h.count();
        List<String> vdims = new ArrayList<>();
        long[] shape = new long[(int) rank];
        boolean record = false;
        for (int k = 0; k < rank; k++) {
          long id = h.count();
          if (id < 0 || id >= dims.size()) {
            throw new IOException(
                name + ": variable " + vn + " names dimension id " + id + " of " + dims.size());
          }
          Dimension d = dims.get((int) id);
          vdims.add(d.name());
          shape[k] = d.length();
          if (d.isRecord()) {
            if (k != 0) {
              throw new IOException(
                  name
                      + ": variable "
                      + vn
                      + " has the record dimension in position "
                      + k
                      + ", expected first");
            }
            record = true;
          }
        }
        Map<String, Object> vatts = h.attributes("attributes of " + vn);
        NcType type = NcType.of(h.int32(), name + " variable " + vn);
        long vsize = h.wide ? h.int64() : Integer.toUnsignedLong(h.int32());
        long begin = version == 1 ? Integer.toUnsignedLong(h.int32()) : h.int64();
        vars.put(
            vn, new Variable(vn, List.copyOf(vdims), shape, type, vatts, record, vsize, begin));
      }
    } else if (tag != 0 || n != 0) {
      throw new IOException(name + ": malformed header, expected the variable list");
    }
    variables = Collections.unmodifiableMap(vars);
    numRecords = recs;
    long rs = 0;
    int recordVars = 0;
    for (Variable v : vars.values()) {
      if (v.isRecord()) {
        rs += v.vsize();
        recordVars++;
      }
    }
    // A single record variable of a type smaller than 4 bytes is not padded (the spec's exception).
    if (recordVars == 1) {
      for (Variable v : vars.values()) {
        if (v.isRecord()) {
          rs = recordBytes(v);
        }
      }
    }
    recordSize = rs;
  }

  /** Opens a local file. */
  public static NetcdfClassicFile open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new NetcdfClassicFile(path.toString(), ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Reads from any seekable channel (for example a ranged-read S3 object); {@code name} is used in
   * messages. The file takes ownership of the channel.
   */
  public static NetcdfClassicFile open(SeekableByteChannel channel, String name)
      throws IOException {
    return new NetcdfClassicFile(name, channel);
  }

  /** 1 (classic), 2 (64-bit offset) or 5 (64-bit data). */
  public int version() {
    return version;
  }

  public long numRecords() {
    return numRecords;
  }

  public List<Dimension> dimensions() {
    return dimensions;
  }

  public Map<String, Object> attributes() {
    return attributes;
  }

  public Map<String, Variable> variables() {
    return variables;
  }

  /** The variable of this name; throws naming the file and the variables it has. */
  public Variable variable(String varName) {
    Variable v = variables.get(varName);
    if (v == null) {
      throw new IllegalArgumentException(
          name
              + " has no variable '"
              + varName
              + "' (variables: "
              + String.join(", ", variables.keySet())
              + ")");
    }
    return v;
  }

  /** All values of a numeric variable as doubles, outermost dimension first (raw, unscaled). */
  public double[] readDoubles(String varName) throws IOException {
    Variable v = variable(varName);
    if (v.type() == NcType.CHAR) {
      throw new IllegalArgumentException(
          name + ": variable " + varName + " holds characters; use readStrings");
    }
    ByteBuffer raw = readRaw(v);
    long n = v.size();
    if (n > Integer.MAX_VALUE) {
      throw new IOException(
          name + ": variable " + varName + " has " + n + " values, more than one array holds");
    }
    double[] out = new double[(int) n];
    for (int i = 0; i < out.length; i++) {
      out[i] = next(v.type(), raw);
    }
    return out;
  }

  /**
   * The box of a numeric variable starting at {@code offset} with extent {@code shape} (one entry
   * per dimension, the record dimension first for record variables), as doubles in C order (raw,
   * unscaled). Only the bytes of the box are read: one read per contiguous run.
   */
  public double[] readDoubles(String varName, long[] offset, int[] shape) throws IOException {
    Variable v = variable(varName);
    if (v.type() == NcType.CHAR) {
      throw new IllegalArgumentException(
          name + ": variable " + varName + " holds characters; use readStrings");
    }
    long[] full = v.shape();
    int rank = full.length;
    if (offset.length != rank || shape.length != rank) {
      throw new IllegalArgumentException(
          name
              + ": variable "
              + varName
              + " has "
              + rank
              + " dimension(s), the requested box has "
              + offset.length
              + " / "
              + shape.length);
    }
    long count = 1;
    for (int d = 0; d < rank; d++) {
      if (offset[d] < 0 || shape[d] < 0 || offset[d] + shape[d] > full[d]) {
        throw new IndexOutOfBoundsException(
            name
                + ": box offset "
                + java.util.Arrays.toString(offset)
                + " shape "
                + java.util.Arrays.toString(shape)
                + " is outside variable "
                + varName
                + " of shape "
                + java.util.Arrays.toString(full));
      }
      count *= shape[d];
    }
    if (count > Integer.MAX_VALUE) {
      throw new IOException(
          name + ": a box of " + count + " values of " + varName + " is more than one array holds");
    }
    double[] out = new double[(int) count];
    if (count == 0) {
      return out;
    }
    int size = v.type().size;
    // Dimensions inside one record (or the whole variable for fixed-size variables).
    int first = v.isRecord() ? 1 : 0;
    // One run: the innermost dimensions [runDim, rank), all covered fully but the outermost of
    // them; never the record dimension, whose records are interleaved with other variables.
    int runDim = rank;
    long run = 1;
    while (runDim > first) {
      runDim--;
      run *= shape[runDim];
      if (shape[runDim] != full[runDim]) {
        break;
      }
    }
    long[] strides = new long[rank];
    long s = size;
    for (int d = rank - 1; d >= first; d--) {
      strides[d] = s;
      s *= full[d];
    }
    if (v.isRecord()) {
      strides[0] = recordSize;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(run * size, Integer.MAX_VALUE));
    buf.order(ByteOrder.BIG_ENDIAN);
    long[] idx = new long[rank];
    int o = 0;
    while (o < out.length) {
      long pos = v.begin();
      for (int d = 0; d < rank; d++) {
        pos += (offset[d] + idx[d]) * strides[d];
      }
      buf.clear();
      buf.limit((int) (run * size));
      readFully(pos, buf, run * size, v);
      buf.flip();
      for (long k = 0; k < run; k++) {
        out[o++] = next(v.type(), buf);
      }
      // Advance the index over the dimensions outside the run.
      int d = runDim - 1;
      while (d >= 0) {
        if (++idx[d] < shape[d]) {
          break;
        }
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        break;
      }
    }
    return out;
  }

  /** A character variable as strings along its last dimension (trailing NULs removed). */
  public List<String> readStrings(String varName) throws IOException {
    Variable v = variable(varName);
    if (v.type() != NcType.CHAR) {
      throw new IllegalArgumentException(
          name + ": variable " + varName + " is " + v.type() + ", not characters");
    }
    ByteBuffer raw = readRaw(v);
    int width = v.shape().length == 0 ? 1 : (int) v.shape()[v.shape().length - 1];
    int count = width == 0 ? 0 : (int) (v.size() / width);
    List<String> out = new ArrayList<>(count);
    byte[] buf = new byte[width];
    for (int i = 0; i < count; i++) {
      raw.get(buf);
      int len = 0;
      while (len < width && buf[len] != 0) {
        len++;
      }
      out.add(new String(buf, 0, len, StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  private ByteBuffer readRaw(Variable v) throws IOException {
    long total = v.size() * v.type().size;
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.BIG_ENDIAN);
    if (!v.isRecord()) {
      readFully(v.begin(), out, total, v);
    } else {
      long perRecord = recordBytes(v);
      for (long r = 0; r < numRecords; r++) {
        readFully(v.begin() + r * recordSize, out, perRecord, v);
      }
    }
    out.flip();
    return out;
  }

  private long recordBytes(Variable v) {
    long n = v.type().size;
    for (int k = 1; k < v.shape().length; k++) {
      n *= v.shape()[k];
    }
    return n;
  }

  private void readFully(long position, ByteBuffer into, long length, Variable v)
      throws IOException {
    int limit = into.position() + (int) length;
    ByteBuffer slice = into.duplicate();
    slice.limit(limit);
    channel.position(position);
    while (slice.hasRemaining()) {
      if (channel.read(slice) < 0) {
        throw new IOException(
            name
                + " is truncated: variable "
                + v.name()
                + " needs bytes up to "
                + (position + length)
                + ", the file has "
                + channel.size());
      }
    }
    into.position(limit);
  }

  /** The next value of a (big-endian) buffer of this numeric type, as a double. */
  private static double next(NcType type, ByteBuffer b) {
    return switch (type) {
      case BYTE -> b.get();
      case UBYTE -> b.get() & 0xFF;
      case SHORT -> b.getShort();
      case USHORT -> b.getShort() & 0xFFFF;
      case INT -> b.getInt();
      case UINT -> Integer.toUnsignedLong(b.getInt());
      case FLOAT -> b.getFloat();
      case DOUBLE -> b.getDouble();
      case INT64 -> b.getLong();
      case UINT64 -> unsignedToDouble(b.getLong());
      case CHAR -> throw new IllegalArgumentException("characters are not numbers");
    };
  }

  private static double unsignedToDouble(long v) {
    double d = (double) (v >>> 1) * 2.0;
    return d + (v & 1);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Sequential reading of the header. */
  private static final class Header {
    private final String name;
    private final SeekableByteChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
    boolean wide;

    Header(String name, SeekableByteChannel ch) throws IOException {
      this.name = name;
      this.ch = ch;
      ch.position(0);
      buf.limit(0);
    }

    private void need(int n) throws IOException {
      if (buf.remaining() >= n) {
        return;
      }
      buf.compact();
      while (buf.position() < n) {
        if (ch.read(buf) < 0) {
          throw new IOException(name + " is truncated inside its header");
        }
      }
      buf.flip();
    }

    byte[] bytes(int n) throws IOException {
      byte[] out = new byte[n];
      int off = 0;
      while (off < n) {
        int chunk = Math.min(n - off, 1 << 15);
        need(chunk);
        buf.get(out, off, chunk);
        off += chunk;
      }
      return out;
    }

    int int32() throws IOException {
      need(4);
      return buf.getInt();
    }

    long int64() throws IOException {
      need(8);
      return buf.getLong();
    }

    /** A count: 32-bit (CDF-1/2) or 64-bit (CDF-5), never negative. */
    long count() throws IOException {
      long c = wide ? int64() : Integer.toUnsignedLong(int32());
      return c;
    }

    String name() throws IOException {
      long len = count();
      if (len > 1 << 20) {
        throw new IOException(name + ": implausible name length " + len + " in the header");
      }
      byte[] b = bytes((int) len);
      skipPadding(len);
      return new String(b, StandardCharsets.UTF_8);
    }

    void skipPadding(long len) throws IOException {
      int pad = (int) ((4 - len % 4) % 4);
      if (pad > 0) {
        bytes(pad);
      }
    }

    Map<String, Object> attributes(String what) throws IOException {
      int tag = int32();
      long n = count();
      Map<String, Object> out = new LinkedHashMap<>();
      if (tag == 0 && n == 0) {
        return out;
      }
      if (tag != NC_ATTRIBUTE) {
        throw new IOException(name + ": malformed header, expected " + what);
      }
      for (long i = 0; i < n; i++) {
        String an = name();
        NcType type = NcType.of(int32(), name + " attribute " + an);
        long count = count();
        long bytes = count * type.size;
        if (bytes > 1 << 24) {
          throw new IOException(
              name + ": attribute " + an + " is implausibly large (" + bytes + " bytes)");
        }
        ByteBuffer v = ByteBuffer.wrap(bytes((int) bytes)).order(ByteOrder.BIG_ENDIAN);
        skipPadding(bytes);
        out.put(an, value(type, (int) count, v));
      }
      return Collections.unmodifiableMap(out);
    }

    private static Object value(NcType type, int count, ByteBuffer v) {
      if (type == NcType.CHAR) {
        byte[] b = new byte[count];
        v.get(b);
        int len = count;
        while (len > 0 && b[len - 1] == 0) {
          len--;
        }
        return new String(b, 0, len, StandardCharsets.UTF_8);
      }
      double[] d = new double[count];
      for (int i = 0; i < count; i++) {
        d[i] = next(type, v);
      }
      return d;
    }
  }
}
