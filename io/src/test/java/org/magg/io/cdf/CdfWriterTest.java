package org.magg.io.cdf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.ac.bristol.star.cdf.AttributeEntry;
import uk.ac.bristol.star.cdf.CdfContent;
import uk.ac.bristol.star.cdf.CdfReader;
import uk.ac.bristol.star.cdf.Variable;
import uk.ac.bristol.star.cdf.record.Buf;
import uk.ac.bristol.star.cdf.record.CompressedParametersRecord;
import uk.ac.bristol.star.cdf.record.CompressedVariableValuesRecord;
import uk.ac.bristol.star.cdf.record.GlobalDescriptorRecord;
import uk.ac.bristol.star.cdf.record.Record;
import uk.ac.bristol.star.cdf.record.RecordFactory;
import uk.ac.bristol.star.cdf.record.VariableDescriptorRecord;
import uk.ac.bristol.star.cdf.record.VariableIndexRecord;
import uk.ac.bristol.star.cdf.record.VariableValuesRecord;

/** Writes CDFs and reads them back with JCDF, comparing every value, shape, type and attribute. */
class CdfWriterTest {

  private static final int RECORDS = 5;

  /** One variable of every type, 5 records of 2 values each, with edge values. */
  static CdfWriter everyType(CdfWriter.Encoding encoding) {
    CdfWriter w = CdfWriter.create().encoding(encoding);
    w.globalAttribute("Project", CdfValue.text("magg-beam test"));
    add(w, CdfType.INT1, new byte[] {-128, 127, 0, 1, -1, 2, -2, 3, -3, 4});
    add(w, CdfType.BYTE, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, -10});
    add(w, CdfType.UINT1, new byte[] {0, (byte) 255, (byte) 128, 127, 1, 2, 3, 4, 5, 6});
    add(w, CdfType.INT2, new short[] {-32768, 32767, 0, 1, -1, 300, -300, 7, 8, 9});
    add(w, CdfType.UINT2, new short[] {0, (short) 65535, (short) 40000, 1, 2, 3, 4, 5, 6, 7});
    add(
        w,
        CdfType.INT4,
        new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 1, -1, 70000, 8, 9, 10, 11});
    add(w, CdfType.UINT4, new int[] {0, -1, (int) 3_000_000_000L, 1, 2, 3, 4, 5, 6, 7});
    add(
        w,
        CdfType.INT8,
        new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, 1, -1, 1L << 40, 6, 7, 8, 9});
    add(
        w,
        CdfType.REAL4,
        new float[] {
          Float.NaN,
          Float.POSITIVE_INFINITY,
          Float.NEGATIVE_INFINITY,
          -0.0f,
          Float.MIN_VALUE,
          Float.MAX_VALUE,
          1.5f,
          -2.25f,
          -1e31f,
          3.1f
        });
    add(w, CdfType.FLOAT, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10.5f});
    add(
        w,
        CdfType.REAL8,
        new double[] {
          Double.NaN,
          Double.POSITIVE_INFINITY,
          -0.0,
          Double.MIN_VALUE,
          Double.MAX_VALUE,
          Math.PI,
          -1e31,
          1e-300,
          2,
          3
        });
    add(w, CdfType.DOUBLE, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, Math.E});
    add(
        w,
        CdfType.EPOCH,
        new double[] {6.3745056e13, 6.3745056001e13, 0, 1, 2, 3, 4, 5, 6, CdfEpoch.FILL});
    double[] e16 = new double[20];
    for (int i = 0; i < 20; i++) {
      e16[i] = i % 2 == 0 ? 6.3745056e10 + i : 123_456_789_012.0 + i;
    }
    add(w, CdfType.EPOCH16, e16);
    long[] tt = new long[10];
    for (int i = 0; i < 10; i++) {
      tt[i] = Tt2000.fromUtc(2016, 12, 31, 23, 59, 55, 0) + i * 1_000_000_000L;
    }
    add(w, CdfType.TIME_TT2000, tt);
    String[] chars = {"ab", "abcd", "abcdef", "", "x", "y z", "1234", "!@#$", "tail ", "end"};
    w.variable(
        CdfVariable.builder("v_CHAR", CdfType.CHAR)
            .numElems(4)
            .dims(2)
            .data(chars, RECORDS)
            .build());
    w.variable(
        CdfVariable.builder("v_UCHAR", CdfType.UCHAR)
            .numElems(3)
            .dims(2)
            .data(chars, RECORDS)
            .pad("?")
            .build());
    return w;
  }

  private static void add(CdfWriter w, CdfType type, Object data) {
    w.variable(
        CdfVariable.builder("v_" + type, type)
            .dims(2)
            .data(data, RECORDS)
            .attribute("FIELDNAM", CdfValue.text("v_" + type))
            .build());
  }

  @ParameterizedTest
  @EnumSource(CdfWriter.Encoding.class)
  void everyTypeRoundTrips(CdfWriter.Encoding encoding) throws IOException {
    CdfWriter w = everyType(encoding);
    byte[] file = w.toBytes();
    Jcdf.assertSame(w, file);
    CdfContent cdf = Jcdf.read(file);
    // Spot checks against values stated here, not taken from the writer.
    assertArrayEquals(
        new short[] {0, 255},
        (short[])
            Jcdf.variable(cdf, "v_UINT1")
                .readShapedRecord(0, true, Jcdf.variable(cdf, "v_UINT1").createRawValueArray()));
    Variable u4 = Jcdf.variable(cdf, "v_UINT4");
    Object rec = u4.createRawValueArray();
    u4.readRawRecord(1, rec);
    assertArrayEquals(new long[] {3_000_000_000L, 1}, (long[]) rec);
    Variable ch = Jcdf.variable(cdf, "v_CHAR");
    Object s = ch.createRawValueArray();
    ch.readRawRecord(1, s);
    assertArrayEquals(new String[] {"abcd", "    "}, (String[]) s);
    Variable uch = Jcdf.variable(cdf, "v_UCHAR");
    assertArrayEquals(new String[] {"?  "}, (String[]) Jcdf.pad(uch));
    // Default pads of the CDF library.
    assertArrayEquals(new int[] {-2147483647}, (int[]) Jcdf.pad(Jcdf.variable(cdf, "v_INT4")));
    assertArrayEquals(new long[] {4294967294L}, (long[]) Jcdf.pad(u4));
    assertArrayEquals(new float[] {-1e30f}, (float[]) Jcdf.pad(Jcdf.variable(cdf, "v_REAL4")));
    // TT2000 across the 2016 leap second, formatted by JCDF.
    Variable tt = Jcdf.variable(cdf, "v_TIME_TT2000");
    Object t = tt.createRawValueArray();
    tt.readRawRecord(2, t);
    assertEquals("2016-12-31T23:59:59.000000000", tt.getDataType().formatArrayValue(t, 0));
    assertEquals("2016-12-31T23:59:60.000000000", tt.getDataType().formatArrayValue(t, 1));
    tt.readRawRecord(3, t);
    assertEquals("2017-01-01T00:00:00.000000000", tt.getDataType().formatArrayValue(t, 0));
    // The encoding in the CDR.
    assertEquals(encoding.code(), ByteBuffer.wrap(file, 8 + 28, 4).getInt());
  }

  @Test
  void multiDimensionalRecordsAreRowMajor() throws IOException {
    int nt = 10;
    int ns = 3;
    int nf = 4;
    float[] flux = new float[nt * ns * nf];
    int k = 0;
    for (int t = 0; t < nt; t++) {
      for (int s = 0; s < ns; s++) {
        for (int f = 0; f < nf; f++) {
          flux[k++] = t * 100 + s * 10 + f;
        }
      }
    }
    CdfWriter w =
        CdfWriter.create()
            .variable(
                CdfVariable.builder("flux", CdfType.REAL4)
                    .dims(ns, nf)
                    .data(flux, nt)
                    .pad(-1e31f)
                    .build());
    byte[] file = w.toBytes();
    Jcdf.assertSame(w, file);
    Variable v = Jcdf.variable(Jcdf.read(file), "flux");
    assertEquals("REAL4 (z) 2:[3,4] T/TT", v.getSummary());
    for (int t = 0; t < nt; t++) {
      float[] rowMajor = (float[]) v.readShapedRecord(t, true, v.createRawValueArray());
      float[] colMajor = (float[]) v.readShapedRecord(t, false, v.createRawValueArray());
      for (int s = 0; s < ns; s++) {
        for (int f = 0; f < nf; f++) {
          assertEquals(
              t * 100 + s * 10 + f, rowMajor[s * nf + f], "flux[" + t + "," + s + "," + f + "]");
          assertEquals(t * 100 + s * 10 + f, colMajor[s + ns * f], "column-major view");
        }
      }
    }
  }

  @Test
  void supportDataWithoutRecordVariance() throws IOException {
    CdfWriter w =
        CdfWriter.create()
            .variable(
                CdfVariable.builder("Epoch", CdfType.TIME_TT2000)
                    .data(
                        new long[] {
                          Tt2000.fromUtc(2020, 1, 4, 0, 0, 0, 0),
                          Tt2000.fromUtc(2020, 1, 4, 0, 1, 0, 0),
                          Tt2000.fromUtc(2020, 1, 4, 0, 2, 0, 0)
                        },
                        3)
                    .build())
            .variable(
                CdfVariable.builder("B_label", CdfType.CHAR)
                    .numElems(5)
                    .dims(3)
                    .recordVariance(false)
                    .data(new String[] {"Bx", "By", "Bz GSE"}, 1)
                    .build())
            .variable(
                CdfVariable.builder("energy", CdfType.REAL4)
                    .dims(4)
                    .recordVariance(false)
                    .data(new float[] {0.1f, 0.2f, 0.5f, 1f}, 1)
                    .build());
    byte[] file = w.toBytes();
    Jcdf.assertSame(w, file);
    CdfContent cdf = Jcdf.read(file);
    Variable labels = Jcdf.variable(cdf, "B_label");
    assertFalse(labels.getRecordVariance());
    assertEquals("CHAR (z) 1:[3] F/T", labels.getSummary());
    // Without record variance every record reads as the one written.
    for (int r : new int[] {0, 2, 100}) {
      Object s = labels.createRawValueArray();
      labels.readRawRecord(r, s);
      assertArrayEquals(new String[] {"Bx   ", "By   ", "Bz GS"}, (String[]) s);
    }
    assertEquals("TIME_TT2000 (z) 0:[] T/", Jcdf.variable(cdf, "Epoch").getSummary());
  }

  @Test
  void attributesOfSeveralTypes() throws IOException {
    long t0 = Tt2000.fromUtc(2020, 1, 4, 0, 0, 0, 0);
    CdfWriter w =
        CdfWriter.create()
            .globalAttribute(
                "Project", CdfValue.text("ISTP>International Solar-Terrestrial Physics"))
            .globalAttribute(
                "TEXT", CdfValue.text("line one"), CdfValue.text("line two"), CdfValue.text(""))
            .globalAttribute(
                "Mixed",
                CdfValue.int4(1, 2, 3),
                CdfValue.real8(1.5),
                CdfValue.tt2000(t0),
                CdfValue.int1((byte) -5),
                CdfValue.uint2(65535, 0),
                CdfValue.uint4(4_000_000_000L),
                CdfValue.real4(2.5f, -1e31f),
                CdfValue.epoch(CdfEpoch.fromInstant(Tt2000.toInstant(t0))),
                CdfValue.int8(Long.MIN_VALUE),
                CdfValue.int2((short) -2),
                CdfValue.uint1(200))
            .globalAttribute("Empty")
            .variable(
                CdfVariable.builder("Epoch", CdfType.TIME_TT2000)
                    .data(new long[] {t0, t0 + 60_000_000_000L}, 2)
                    .attribute("FIELDNAM", "Epoch")
                    .attribute("FILLVAL", CdfValue.tt2000(Tt2000.FILL))
                    .attribute("VALIDMIN", CdfValue.tt2000(t0))
                    .attribute("UNITS", "ns")
                    .build())
            .variable(
                CdfVariable.builder("dose", CdfType.REAL8)
                    .data(new double[] {1, 2}, 2)
                    .attribute("FIELDNAM", "Dose rate")
                    .attribute("DEPEND_0", "Epoch")
                    .attribute("FILLVAL", CdfValue.real8(-1e31))
                    .attribute("VALIDMIN", CdfValue.real8(0))
                    .attribute("SCALEMIN", CdfValue.real4(0.5f))
                    .attribute("flags", CdfValue.int4(1, 2, 4, 8))
                    .build())
            .variable(
                CdfVariable.builder("nothing", CdfType.INT4)
                    .attribute("CATDESC", "a variable with no records")
                    .build());
    byte[] file = w.toBytes();
    Jcdf.assertSame(w, file);
    CdfContent cdf = Jcdf.read(file);
    Map<String, AttributeEntry[]> globals = Jcdf.globals(cdf);
    assertEquals(List.of("Project", "TEXT", "Mixed", "Empty"), new ArrayList<>(globals.keySet()));
    assertEquals(0, globals.get("Empty").length);
    AttributeEntry[] mixed = globals.get("Mixed");
    assertEquals("TIME_TT2000", mixed[2].getDataType().getName());
    assertEquals("2020-01-04T00:00:00.000000000", mixed[2].toString());
    assertEquals("2020-01-04T00:00:00.000", mixed[7].toString()); // CDF_EPOCH via JCDF
    assertEquals("200", mixed[10].toString());
    // The variable attributes are separate from the global ones, with entries only where given.
    Variable nothing = Jcdf.variable(cdf, "nothing");
    assertEquals(0, nothing.getRecordCount());
    assertEquals(List.of("CATDESC"), new ArrayList<>(Jcdf.attributes(cdf, nothing).keySet()));
    Map<String, AttributeEntry> dose = Jcdf.attributes(cdf, Jcdf.variable(cdf, "dose"));
    assertEquals("REAL4", dose.get("SCALEMIN").getDataType().getName());
    assertEquals(4, dose.get("flags").getItemCount());
    assertNull(dose.get("UNITS"));
    assertEquals(
        "9999-12-31T23:59:59.999999999",
        Jcdf.attributes(cdf, Jcdf.variable(cdf, "Epoch")).get("FILLVAL").toString());
  }

  @Test
  void variablesWithoutRecords() throws IOException {
    CdfWriter w =
        CdfWriter.create()
            .variable(CdfVariable.builder("empty", CdfType.REAL8).dims(3).build())
            .variable(
                CdfVariable.builder("empty_gz", CdfType.REAL4)
                    .dims(2, 2)
                    .data(new float[0], 0)
                    .compressed(true)
                    .build())
            .variable(
                CdfVariable.builder("empty_labels", CdfType.CHAR)
                    .numElems(4)
                    .recordVariance(false)
                    .build());
    byte[] file = w.toBytes();
    Jcdf.assertSame(w, file);
    for (Variable v : Jcdf.read(file).getVariables()) {
      assertEquals(0, v.getRecordCount(), v.getName());
      assertEquals(0, v.getDescriptor().vxrHead, v.getName() + " VXRhead");
      assertEquals(-1, v.getDescriptor().maxRec, v.getName() + " MaxRec");
    }
  }

  @Test
  void compressedVariablesAreGzipCvvrsInBlocksOf64KiB() throws IOException {
    int n = 20_000;
    double[] smooth = new double[n * 3];
    for (int i = 0; i < smooth.length; i++) {
      smooth[i] = Math.round(Math.sin(i / 3000.0) * 100) / 4.0;
    }
    byte[] noise = new byte[n];
    new Random(7).nextBytes(noise);
    CdfWriter w =
        CdfWriter.create()
            .variable(
                CdfVariable.builder("smooth", CdfType.REAL8)
                    .dims(3)
                    .data(smooth, n)
                    .compressed(true)
                    .build())
            .variable(
                CdfVariable.builder("noise", CdfType.INT1)
                    .data(noise, n)
                    .compressed(true)
                    .gzipLevel(9)
                    .build());
    byte[] file = w.toBytes();
    Jcdf.assertSame(w, file);
    assertThat(file.length, lessThan(n * 24 / 4));

    CdfReader reader = Jcdf.reader(file);
    CdfContent cdf = new CdfContent(reader);
    RecordFactory records = reader.getRecordFactory();
    Buf buf = reader.getBuf();

    VariableDescriptorRecord vdr = Jcdf.variable(cdf, "smooth").getDescriptor();
    assertEquals(7, vdr.flags); // record variance, pad value, compression
    // 64 KiB of 24-byte records: 2731 records a block, 8 blocks, two chained VXRs of 7 entries.
    assertEquals(2731, vdr.blockingFactor);
    CompressedParametersRecord cpr =
        records.createRecord(buf, vdr.cprOrSprOffset, CompressedParametersRecord.class);
    assertEquals(5, cpr.cType);
    assertArrayEquals(new int[] {6}, cpr.cParms);
    List<Record> blocks = blocks(records, buf, vdr);
    assertEquals(8, blocks.size());
    for (Record b : blocks) {
      assertThat(b, instanceOf(CompressedVariableValuesRecord.class));
    }
    VariableIndexRecord first = records.createRecord(buf, vdr.vxrHead, VariableIndexRecord.class);
    assertEquals(7, first.nUsedEntries);
    assertEquals(vdr.vxrTail, first.vxrNext);
    assertArrayEquals(new int[] {0, 2731, 5462, 8193, 10924, 13655, 16386}, first.first);

    // Random bytes do not shrink: the blocks are stored as plain VVRs (section 2.6), still flagged.
    VariableDescriptorRecord noisy = Jcdf.variable(cdf, "noise").getDescriptor();
    assertEquals(7, noisy.flags);
    for (Record b : blocks(records, buf, noisy)) {
      assertThat(b, instanceOf(VariableValuesRecord.class));
    }
  }

  @Test
  void largeVariableSpansSeveralVvrsAndVxrs() throws IOException {
    int n = 2345;
    long[] values = new long[n * 2];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) i * i - 1_000_000_007L;
    }
    CdfWriter w =
        CdfWriter.create()
            .variable(
                CdfVariable.builder("big", CdfType.INT8)
                    .dims(2)
                    .data(values, n)
                    .blockingFactor(100)
                    .build());
    byte[] file = w.toBytes();
    Jcdf.assertSame(w, file);
    CdfReader reader = Jcdf.reader(file);
    VariableDescriptorRecord vdr = Jcdf.variable(new CdfContent(reader), "big").getDescriptor();
    assertEquals(100, vdr.blockingFactor);
    List<Record> blocks = blocks(reader.getRecordFactory(), reader.getBuf(), vdr);
    assertEquals(24, blocks.size()); // 23 full blocks and one of 45 records
    assertEquals(12 + 45 * 16, blocks.get(23).getRecordSize());
  }

  @Test
  void wholeFileCompression() throws IOException {
    CdfWriter w = everyType(CdfWriter.Encoding.IBMPC).compressFile(true);
    byte[] file = w.toBytes();
    assertEquals(0xCDF30001, ByteBuffer.wrap(file).getInt(0));
    assertEquals(0xCCCC0001, ByteBuffer.wrap(file).getInt(4));
    Jcdf.assertSame(w, file);
    byte[] plain = w.compressFile(false).toBytes();
    assertThat(file.length, lessThan(plain.length));
  }

  /**
   * The records tile the file: each starts where the previous ends, and the GDR's eof is the end.
   */
  @Test
  void recordsTileTheFile() throws IOException {
    CdfWriter w = everyType(CdfWriter.Encoding.NETWORK);
    w.variable(
        CdfVariable.builder("gz", CdfType.REAL8)
            .data(new double[5000], 5000)
            .compressed(true)
            .build());
    byte[] file = w.toBytes();
    CdfReader reader = Jcdf.reader(file);
    RecordFactory records = reader.getRecordFactory();
    GlobalDescriptorRecord gdr =
        records.createRecord(
            reader.getBuf(), reader.getCdr().gdrOffset, GlobalDescriptorRecord.class);
    assertEquals(file.length, gdr.eof);
    assertEquals(20170101, gdr.leapSecondLastUpdated);
    long offset = 8;
    int count = 0;
    while (offset < file.length) {
      Record r = records.createRecord(reader.getBuf(), offset);
      offset += r.getRecordSize();
      count++;
    }
    assertEquals(file.length, offset);
    assertTrue(count > 40, "records walked: " + count);
    assertEquals(3, reader.getCdr().version);
    assertEquals(3, reader.getCdr().flags); // row majority, single file
  }

  @Test
  void writesAFile(@TempDir Path dir) throws IOException {
    CdfWriter w = everyType(CdfWriter.Encoding.IBMPC);
    Path file = dir.resolve("every_type.cdf");
    w.write(file);
    assertArrayEquals(w.toBytes(), Files.readAllBytes(file));
    CdfContent cdf = new CdfContent(new CdfReader(new File(file.toString())));
    assertEquals(17, cdf.getVariables().length);
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "no temporary file left");
    }
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      // Like any new file (umask), not owner-only like a temporary file.
      Path plain = Files.createFile(dir.resolve("plain"));
      assertEquals(
          Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file), "permissions");
    }
  }

  @Test
  void badInputIsRefusedWithWhatWasExpected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CdfVariable.builder("flux", CdfType.REAL4)
                    .dims(3, 4)
                    .data(new float[11], 1)
                    .build());
    assertThat(e.getMessage(), containsString("flux: expected 12 array elements"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CdfVariable.builder("flux", CdfType.REAL4).data(new double[2], 2).build());
    assertThat(e.getMessage(), containsString("REAL4 data must be a float[], got double[]"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CdfVariable.builder("lbl", CdfType.CHAR)
                    .numElems(3)
                    .recordVariance(false)
                    .data(new String[] {"a", "b"}, 2)
                    .build());
    assertThat(e.getMessage(), containsString("no record variance"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CdfVariable.builder("lbl", CdfType.CHAR)
                    .numElems(3)
                    .data(new String[] {"é"}, 1)
                    .build());
    assertThat(e.getMessage(), containsString("not ASCII"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CdfVariable.builder("x", CdfType.INT4).numElems(2).build());
    assertThat(e.getMessage(), containsString("numElems must be 1 for INT4"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CdfVariable.builder("x", CdfType.INT2).pad(40000).build());
    assertThat(e.getMessage(), containsString("outside -32768..32767"));
    assertThrows(
        IllegalArgumentException.class, () -> CdfVariable.builder("a\u00e9", CdfType.INT2));
    assertThrows(
        IllegalArgumentException.class, () -> CdfVariable.builder("x".repeat(257), CdfType.INT2));
    assertThrows(IllegalArgumentException.class, () -> CdfValue.uint1(256));
    assertThrows(
        IllegalArgumentException.class, () -> new CdfValue(CdfType.REAL8, new float[] {1}));
    assertThrows(IllegalArgumentException.class, () -> CdfValue.int4());

    CdfVariable v = CdfVariable.builder("v", CdfType.INT4).attribute("UNITS", "m").build();
    CdfWriter w = CdfWriter.create().variable(v);
    e = assertThrows(IllegalArgumentException.class, () -> w.variable(v));
    assertThat(e.getMessage(), containsString("Variable v is given twice"));
    w.globalAttribute("UNITS", CdfValue.text("global"));
    e = assertThrows(IllegalArgumentException.class, w::toBytes);
    assertThat(e.getMessage(), containsString("one name space for attributes"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> w.globalAttribute("UNITS", CdfValue.text("again")));
    assertThat(e.getMessage(), containsString("given twice"));
  }

  @Test
  void valuesAndVariablesAreImmutable() {
    double[] data = {1, 2};
    CdfVariable v = CdfVariable.builder("v", CdfType.REAL8).data(data, 2).build();
    data[0] = 99;
    assertArrayEquals(new double[] {1, 2}, (double[]) v.data());
    ((double[]) v.data())[1] = 99;
    assertArrayEquals(new double[] {1, 2}, (double[]) v.data());
    int[] ints = {1, 2};
    CdfValue value = CdfValue.int4(ints);
    ints[0] = 5;
    assertEquals(CdfValue.int4(1, 2), value);
    assertEquals(CdfValue.int4(1, 2).hashCode(), value.hashCode());
    assertEquals("INT4:[1, 2]", value.toString());
  }

  /** The VVRs or CVVRs of a variable, walking the VXR chain. */
  private static List<Record> blocks(RecordFactory records, Buf buf, VariableDescriptorRecord vdr)
      throws IOException {
    List<Record> out = new ArrayList<>();
    for (long off = vdr.vxrHead; off != 0; ) {
      VariableIndexRecord vxr = records.createRecord(buf, off, VariableIndexRecord.class);
      assertEquals(7, vxr.nEntries);
      for (int i = 0; i < vxr.nUsedEntries; i++) {
        out.add(records.createRecord(buf, vxr.offset[i]));
      }
      off = vxr.vxrNext;
    }
    return out;
  }
}
