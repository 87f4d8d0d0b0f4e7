package org.magg.io.netcdf;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A writer of small NetCDF classic files in the CDF-2 ("64-bit offset") variant, written against
 * Unidata's published format specification: a header of dimensions, global attributes and variables
 * (each with its attributes, type, size and 8-byte offset), then each variable's values
 * contiguously, big-endian, padded to 4 bytes. Fixed-size variables only (no record dimension),
 * which is what a table of events needs; types {@code char}, {@code int} and {@code double}.
 * Checked with Unidata's {@code ncdump}.
 *
 * <pre>{@code
 * NetcdfClassicWriter w = new NetcdfClassicWriter();
 * w.dimension("event", 3);
 * w.doubleVariable("max_T2m_ais", List.of("event"), values).attribute("units", "K");
 * w.write(out);
 * }</pre>
 */
public final class NetcdfClassicWriter {
  private static final int NC_DIMENSION = 0x0A;
  private static final int NC_VARIABLE = 0x0B;
  private static final int NC_ATTRIBUTE = 0x0C;
  private static final int NC_CHAR = 2;
  private static final int NC_INT = 4;
  private static final int NC_DOUBLE = 6;

  private final Map<String, Integer> dimensions = new LinkedHashMap<>();
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private final List<Var> variables = new ArrayList<>();

  /** A variable being defined; add attributes to it. */
  public static final class Var {
    private final String name;
    private final List<String> dims;
    private final int type;
    private final Object data;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private Var(String name, List<String> dims, int type, Object data) {
      this.name = name;
      this.dims = List.copyOf(dims);
      this.type = type;
      this.data = data;
    }

    /** A text, {@code int[]}, {@code double[]}, Integer or Double attribute. */
    public Var attribute(String key, Object value) {
      attributes.put(key, value);
      return this;
    }
  }

  /** Defines a dimension. */
  public NetcdfClassicWriter dimension(String name, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("dimension " + name + " has negative length " + length);
    }
    dimensions.put(name, length);
    return this;
  }

  /** A global attribute (text, Integer, Double, int[] or double[]). */
  public NetcdfClassicWriter attribute(String key, Object value) {
    attributes.put(key, value);
    return this;
  }

  public Var doubleVariable(String name, List<String> dims, double[] values) {
    return add(new Var(name, dims, NC_DOUBLE, values), values.length);
  }

  public Var intVariable(String name, List<String> dims, int[] values) {
    return add(new Var(name, dims, NC_INT, values), values.length);
  }

  /**
   * A {@code char} variable of strings: dims are {@code (..., strlen)}; each string is written in
   * UTF-8, NUL-padded to the last dimension (and refused if longer).
   */
  public Var textVariable(String name, List<String> dims, List<String> values) {
    int width = dimensions.getOrDefault(dims.get(dims.size() - 1), 0);
    byte[] bytes = new byte[values.size() * width];
    for (int i = 0; i < values.size(); i++) {
      byte[] s = values.get(i).getBytes(StandardCharsets.UTF_8);
      if (s.length > width) {
        throw new IllegalArgumentException(
            name + "[" + i + "] '" + values.get(i) + "' is longer than " + width + " bytes");
      }
      System.arraycopy(s, 0, bytes, i * width, s.length);
    }
    return add(new Var(name, dims, NC_CHAR, bytes), bytes.length);
  }

  private Var add(Var v, int count) {
    long expected = 1;
    for (String d : v.dims) {
      Integer len = dimensions.get(d);
      if (len == null) {
        throw new IllegalArgumentException("variable " + v.name + ": no dimension named " + d);
      }
      expected *= len;
    }
    if (expected != count) {
      throw new IllegalArgumentException(
          "variable "
              + v.name
              + " has "
              + count
              + " values, its dimensions "
              + v.dims
              + " need "
              + expected);
    }
    variables.add(v);
    return v;
  }

  /** Writes the file. */
  public void write(OutputStream target) throws IOException {
    // The header's size does not depend on the offsets (8 bytes each), so lay it out twice.
    byte[] header = header(new long[variables.size()]);
    long[] begins = new long[variables.size()];
    long offset = header.length;
    for (int i = 0; i < variables.size(); i++) {
      begins[i] = offset;
      offset += padded(size(variables.get(i)));
    }
    DataOutputStream out = new DataOutputStream(target);
    out.write(header(begins));
    for (Var v : variables) {
      long size = size(v);
      switch (v.type) {
        case NC_DOUBLE:
          for (double d : (double[]) v.data) {
            out.writeDouble(d);
          }
          break;
        case NC_INT:
          for (int x : (int[]) v.data) {
            out.writeInt(x);
          }
          break;
        default:
          out.write((byte[]) v.data);
      }
      for (long p = size; p < padded(size); p++) {
        out.write(0);
      }
    }
    out.flush();
  }

  private byte[] header(long[] begins) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(buf);
    h.write(new byte[] {'C', 'D', 'F', 2});
    h.writeInt(0); // numrecs: no record dimension
    if (dimensions.isEmpty()) {
      h.writeInt(0);
      h.writeInt(0);
    } else {
      h.writeInt(NC_DIMENSION);
      h.writeInt(dimensions.size());
      for (Map.Entry<String, Integer> d : dimensions.entrySet()) {
        name(h, d.getKey());
        h.writeInt(d.getValue());
      }
    }
    attributes(h, attributes);
    if (variables.isEmpty()) {
      h.writeInt(0);
      h.writeInt(0);
    } else {
      h.writeInt(NC_VARIABLE);
      h.writeInt(variables.size());
      List<String> dimNames = new ArrayList<>(dimensions.keySet());
      for (int i = 0; i < variables.size(); i++) {
        Var v = variables.get(i);
        name(h, v.name);
        h.writeInt(v.dims.size());
        for (String d : v.dims) {
          h.writeInt(dimNames.indexOf(d));
        }
        attributes(h, v.attributes);
        h.writeInt(v.type);
        long vsize = padded(size(v));
        h.writeInt(vsize > 0xFFFF_FFFFL ? -1 : (int) vsize);
        h.writeLong(begins[i]);
      }
    }
    h.flush();
    return buf.toByteArray();
  }

  private static void attributes(DataOutputStream h, Map<String, Object> attrs) throws IOException {
    if (attrs.isEmpty()) {
      h.writeInt(0);
      h.writeInt(0);
      return;
    }
    h.writeInt(NC_ATTRIBUTE);
    h.writeInt(attrs.size());
    for (Map.Entry<String, Object> a : attrs.entrySet()) {
      name(h, a.getKey());
      Object v = a.getValue();
      if (v instanceof String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        h.writeInt(NC_CHAR);
        h.writeInt(b.length);
        h.write(b);
        pad(h, b.length);
      } else if (v instanceof Integer || v instanceof int[]) {
        int[] xs = v instanceof Integer i ? new int[] {i} : (int[]) v;
        h.writeInt(NC_INT);
        h.writeInt(xs.length);
        for (int x : xs) {
          h.writeInt(x);
        }
      } else if (v instanceof Double || v instanceof double[]) {
        double[] xs = v instanceof Double d ? new double[] {d} : (double[]) v;
        h.writeInt(NC_DOUBLE);
        h.writeInt(xs.length);
        for (double x : xs) {
          h.writeDouble(x);
        }
      } else {
        throw new IllegalArgumentException(
            "attribute " + a.getKey() + ": unsupported value type " + v.getClass().getSimpleName());
      }
    }
  }

  private static void name(DataOutputStream h, String name) throws IOException {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    h.writeInt(b.length);
    h.write(b);
    pad(h, b.length);
  }

  private static void pad(DataOutputStream h, long length) throws IOException {
    for (long p = length; p % 4 != 0; p++) {
      h.write(0);
    }
  }

  private long size(Var v) {
    long n = 1;
    for (String d : v.dims) {
      n *= dimensions.get(d);
    }
    return n * (v.type == NC_DOUBLE ? 8 : v.type == NC_INT ? 4 : 1);
  }

  private static long padded(long size) {
    return (size + 3) / 4 * 4;
  }
}
