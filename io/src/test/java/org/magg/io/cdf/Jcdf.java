package org.magg.io.cdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.ac.bristol.star.cdf.AttributeEntry;
import uk.ac.bristol.star.cdf.CdfContent;
import uk.ac.bristol.star.cdf.CdfReader;
import uk.ac.bristol.star.cdf.DataType;
import uk.ac.bristol.star.cdf.GlobalAttribute;
import uk.ac.bristol.star.cdf.Variable;
import uk.ac.bristol.star.cdf.VariableAttribute;
import uk.ac.bristol.star.cdf.record.Bufs;
import uk.ac.bristol.star.cdf.record.VariableDescriptorRecord;

/**
 * Reads CDFs with JCDF (the independent reader) and compares what it sees with what was written.
 * JCDF's own consistency checks are Java assertions, which Surefire enables: a record whose fields
 * do not add up to its RecordSize fails the test.
 */
final class Jcdf {

  private Jcdf() {}

  static CdfReader reader(byte[] file) throws IOException {
    return new CdfReader(Bufs.createBuf(ByteBuffer.wrap(file), true, true));
  }

  static CdfContent read(byte[] file) throws IOException {
    return new CdfContent(reader(file));
  }

  static Variable variable(CdfContent cdf, String name) {
    for (Variable v : cdf.getVariables()) {
      if (v.getName().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("JCDF finds no variable " + name);
  }

  /** All records of a variable, raw (file order) and concatenated, in JCDF's array type. */
  static Object allRecords(Variable v) throws IOException {
    int n = v.getRecordCount();
    Object one = v.createRawValueArray();
    int len = Array.getLength(one);
    Object all = Array.newInstance(one.getClass().getComponentType(), n * len);
    for (int r = 0; r < n; r++) {
      Object rec = v.createRawValueArray();
      v.readRawRecord(r, rec);
      System.arraycopy(rec, 0, all, r * len, len);
    }
    return all;
  }

  /** The pad value stored in the VDR, in JCDF's array type (null when there is none). */
  static Object pad(Variable v) throws IOException {
    VariableDescriptorRecord vdr = v.getDescriptor();
    if (vdr.getPadValueOffset() < 0) {
      return null;
    }
    DataType t = v.getDataType();
    Object array = Array.newInstance(t.getArrayElementClass(), t.getGroupSize());
    t.readValues(vdr.getBuf(), vdr.getPadValueOffset(), vdr.numElems, array, 1);
    return array;
  }

  /** Global attributes by name, in file order, each with its entries. */
  static Map<String, AttributeEntry[]> globals(CdfContent cdf) {
    Map<String, AttributeEntry[]> m = new LinkedHashMap<>();
    for (GlobalAttribute g : cdf.getGlobalAttributes()) {
      m.put(g.getName(), g.getEntries());
    }
    return m;
  }

  /** The variable attribute entries of one variable, in attribute order. */
  static Map<String, AttributeEntry> attributes(CdfContent cdf, Variable v) {
    Map<String, AttributeEntry> m = new LinkedHashMap<>();
    for (VariableAttribute a : cdf.getVariableAttributes()) {
      AttributeEntry e = a.getEntry(v);
      if (e != null) {
        m.put(a.getName(), e);
      }
    }
    return m;
  }

  /**
   * Our Java array in JCDF's representation: unsigned types widen (UINT1 to short, UINT2 to int,
   * UINT4 to long); a CHAR attribute text becomes a one-string array.
   */
  static Object asJcdf(CdfType type, Object ours) {
    switch (type) {
      case UINT1 -> {
        byte[] b = (byte[]) ours;
        short[] s = new short[b.length];
        for (int i = 0; i < b.length; i++) {
          s[i] = (short) (b[i] & 0xFF);
        }
        return s;
      }
      case UINT2 -> {
        short[] b = (short[]) ours;
        int[] s = new int[b.length];
        for (int i = 0; i < b.length; i++) {
          s[i] = b[i] & 0xFFFF;
        }
        return s;
      }
      case UINT4 -> {
        int[] b = (int[]) ours;
        long[] s = new long[b.length];
        for (int i = 0; i < b.length; i++) {
          s[i] = b[i] & 0xFFFF_FFFFL;
        }
        return s;
      }
      default -> {
        return ours instanceof String s ? new String[] {s} : ours;
      }
    }
  }

  /** JCDF's array in our representation (the inverse of {@link #asJcdf}). */
  static Object fromJcdf(CdfType type, Object jcdf) {
    switch (type) {
      case UINT1 -> {
        short[] s = (short[]) jcdf;
        byte[] b = new byte[s.length];
        for (int i = 0; i < s.length; i++) {
          b[i] = (byte) s[i];
        }
        return b;
      }
      case UINT2 -> {
        int[] s = (int[]) jcdf;
        short[] b = new short[s.length];
        for (int i = 0; i < s.length; i++) {
          b[i] = (short) s[i];
        }
        return b;
      }
      case UINT4 -> {
        long[] s = (long[]) jcdf;
        int[] b = new int[s.length];
        for (int i = 0; i < s.length; i++) {
          b[i] = (int) s[i];
        }
        return b;
      }
      default -> {
        return jcdf;
      }
    }
  }

  /** An attribute entry as JCDF read it, as one of our values. */
  static CdfValue toValue(AttributeEntry e) {
    CdfType type = CdfType.valueOf(e.getDataType().getName());
    Object raw = e.getRawValue();
    if (type.isCharacter()) {
      return new CdfValue(type, ((String[]) raw)[0]);
    }
    return new CdfValue(type, fromJcdf(type, raw));
  }

  static void assertEntry(CdfValue expected, AttributeEntry actual, String where) {
    assertNotNull(actual, where + ": JCDF finds no entry");
    assertEquals(expected.type().name(), actual.getDataType().getName(), where + ": type");
    Object want = asJcdf(expected.type(), expected.value());
    if (expected.type().isCharacter() && ((String) expected.value()).isEmpty()) {
      want = new String[] {"\0"}; // an empty text is stored as one NUL (section 2.5)
    }
    assertArrays(want, actual.getRawValue(), where);
  }

  static void assertArrays(Object expected, Object actual, String where) {
    if (!Objects.deepEquals(expected, actual)) {
      fail(
          where
              + ": expected "
              + abbreviate(Arrays.deepToString(new Object[] {expected}))
              + " but JCDF read "
              + abbreviate(Arrays.deepToString(new Object[] {actual})));
    }
  }

  /** Every variable, attribute and value JCDF reads from {@code file} equals what was written. */
  static void assertSame(CdfWriter written, byte[] file) throws IOException {
    CdfContent cdf = read(file);
    assertTrue(cdf.getCdfInfo().getRowMajor(), "row majority");
    assertEquals(20170101, cdf.getCdfInfo().getLeapSecondLastUpdated(), "LeapSecondLastUpdated");

    Map<String, AttributeEntry[]> globals = globals(cdf);
    assertEquals(
        new ArrayList<>(written.globalAttributes().keySet()),
        new ArrayList<>(globals.keySet()),
        "global attribute names in order");
    for (Map.Entry<String, List<CdfValue>> g : written.globalAttributes().entrySet()) {
      AttributeEntry[] entries = globals.get(g.getKey());
      assertEquals(g.getValue().size(), entries.length, "entries of " + g.getKey());
      for (int i = 0; i < entries.length; i++) {
        assertEntry(g.getValue().get(i), entries[i], "global " + g.getKey() + "[" + i + "]");
      }
    }

    List<CdfVariable> vars = written.variables();
    assertEquals(vars.size(), cdf.getVariables().length, "number of variables");
    for (int i = 0; i < vars.size(); i++) {
      CdfVariable w = vars.get(i);
      Variable r = cdf.getVariables()[i];
      String where = "variable " + w.name();
      assertEquals(w.name(), r.getName(), "name of variable " + i);
      assertTrue(r.isZVariable(), where + " is a zVariable");
      assertEquals(i, r.getNum(), where + " number");
      assertEquals(w.type().name(), r.getDataType().getName(), where + " type");
      assertEquals(w.numElems(), r.getDescriptor().numElems, where + " numElems");
      assertArrays(w.dims(), r.getShaper().getDimSizes(), where + " dims");
      boolean[] varys = new boolean[w.dims().length];
      Arrays.fill(varys, true);
      assertArrays(varys, r.getShaper().getDimVarys(), where + " dim variances");
      assertEquals(w.recordVariance(), r.getRecordVariance(), where + " record variance");
      assertEquals(w.numRecords(), r.getRecordCount(), where + " records");
      assertEquals(
          w.compressed(),
          uk.ac.bristol.star.cdf.record.Record.hasBit(r.getDescriptor().flags, 2),
          where + " compression");
      assertArrays(asJcdf(w.type(), w.pad()), pad(r), where + " pad value");
      assertArrays(asJcdf(w.type(), w.data()), allRecords(r), where + " values");

      Map<String, AttributeEntry> attrs = attributes(cdf, r);
      // Attributes are objects of the whole file: a variable sees them in file order.
      assertEquals(
          new java.util.TreeSet<>(w.attributes().keySet()),
          new java.util.TreeSet<>(attrs.keySet()),
          where + " attribute names");
      for (Map.Entry<String, CdfValue> a : w.attributes().entrySet()) {
        assertEntry(a.getValue(), attrs.get(a.getKey()), where + " attribute " + a.getKey());
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }
}
