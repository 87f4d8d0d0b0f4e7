package org.magg.io.cdf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magg.testing.SharedData;
import uk.ac.bristol.star.cdf.AttributeEntry;
import uk.ac.bristol.star.cdf.CdfContent;
import uk.ac.bristol.star.cdf.CdfReader;
import uk.ac.bristol.star.cdf.EpochFormatter;
import uk.ac.bristol.star.cdf.Variable;
import uk.ac.bristol.star.cdf.record.AttributeDescriptorRecord;
import uk.ac.bristol.star.cdf.record.AttributeEntryDescriptorRecord;
import uk.ac.bristol.star.cdf.record.CdfDescriptorRecord;
import uk.ac.bristol.star.cdf.record.CompressedParametersRecord;
import uk.ac.bristol.star.cdf.record.GlobalDescriptorRecord;
import uk.ac.bristol.star.cdf.record.Record;
import uk.ac.bristol.star.cdf.record.VariableDescriptorRecord;
import uk.ac.bristol.star.cdf.record.VariableIndexRecord;

/**
 * The real NASA CDFs in {@code ../shared/data/cdf} (written by the NASA CDF library) read with
 * JCDF; for each, the writer reproduces the file's structure, data and attributes, and JCDF must
 * read the copy exactly as it read the original.
 */
class RealCdfFilesTest {

  private static final java.time.format.DateTimeFormatter MILLIS =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
          .withZone(java.time.ZoneOffset.UTC);

  private static final String PSP = "data/cdf/psp_fld_l2_mag_rtn_1min_20200104_v02.cdf";
  private static final String FAST = "data/cdf/fa_esa_l2_eeb_00000000_v01.cdf";
  private static final String DE2 = "data/cdf/de2_ion2s_rpa_19830213_v01.cdf";

  @Test
  void pspStructureAsTheNasaLibraryWroteIt() throws IOException {
    CdfContent cdf = Jcdf.read(Files.readAllBytes(SharedData.require(PSP)));
    // Seen in the file's records: CDF 3.7.1, column majority, 6 zVariables.
    assertFalse(cdf.getCdfInfo().getRowMajor());
    assertEquals(20170101, cdf.getCdfInfo().getLeapSecondLastUpdated());
    List<String> summaries = new ArrayList<>();
    for (Variable v : cdf.getVariables()) {
      summaries.add(v.getName() + " " + v.getSummary() + " " + v.getRecordCount());
    }
    assertEquals(
        List.of(
            "epoch_mag_RTN_1min TIME_TT2000 (z) 0:[] T/ 118",
            "psp_fld_l2_mag_RTN_1min REAL4 (z) 1:[3] T/T 118",
            "label_RTN CHAR (z) 1:[3] F/T 1",
            "component_index_RTN INT4 (z) 1:[3] F/T 1",
            "epoch_quality_flags TIME_TT2000 (z) 0:[] T/ 1440",
            "psp_fld_l2_quality_flags UINT4 (z) 0:[] T/ 1440"),
        summaries);
    assertTrue(
        Record.hasBit(Jcdf.variable(cdf, "psp_fld_l2_mag_RTN_1min").getDescriptor().flags, 2),
        "the magnetic field is GZIP-compressed in the original");
  }

  /**
   * The fields the format leaves to the writer (reserved fields, NumStrings, VXR size, CPR, the
   * copyright) are as the NASA library wrote them in the PSP file.
   */
  @Test
  void reservedFieldsAsTheNasaLibraryWritesThem() throws IOException {
    CdfReader nasa = Jcdf.reader(Files.readAllBytes(SharedData.require(PSP)));
    CdfWriter w =
        CdfWriter.create()
            .globalAttribute("Project", CdfValue.text("PSP"))
            .variable(
                CdfVariable.builder("epoch_mag_RTN_1min", CdfType.TIME_TT2000)
                    .data(new long[] {0L, 1L}, 2)
                    .attribute("FIELDNAM", "epoch_mag_RTN_1min")
                    .attribute("FILLVAL", CdfValue.tt2000(Tt2000.FILL))
                    .build())
            .variable(
                CdfVariable.builder("psp_fld_l2_mag_RTN_1min", CdfType.REAL4)
                    .dims(3)
                    .data(new float[6], 2)
                    .compressed(true)
                    .build());
    CdfReader ours = Jcdf.reader(w.toBytes());

    CdfDescriptorRecord a = nasa.getCdr();
    CdfDescriptorRecord b = ours.getCdr();
    assertEquals(List.of(a.rfuA, a.rfuB, a.rfuE), List.of(b.rfuA, b.rfuB, b.rfuE), "CDR rfu");
    assertEquals(List.of(a.copyright), List.of(b.copyright), "CDR copyright");
    assertEquals(a.version, b.version);
    GlobalDescriptorRecord ga = gdr(nasa);
    GlobalDescriptorRecord gb = gdr(ours);
    assertEquals(
        List.of(ga.rfuC, ga.rfuE, ga.rMaxRec, ga.rNumDims, ga.nrVars),
        List.of(gb.rfuC, gb.rfuE, gb.rMaxRec, gb.rNumDims, gb.nrVars),
        "GDR");
    assertEquals(0, gb.uirHead, "no unused internal records"); // the NASA file has some

    AttributeDescriptorRecord adrA = adr(nasa, "Project");
    AttributeDescriptorRecord adrB = adr(ours, "Project");
    assertEquals(
        List.of(adrA.scope, adrA.rfuA, adrA.rfuE, adrA.nZEntries, adrA.maxZEntry),
        List.of(adrB.scope, adrB.rfuA, adrB.rfuE, adrB.nZEntries, adrB.maxZEntry),
        "global ADR");
    assertSameReserved(entry(nasa, adrA.agrEdrHead), entry(ours, adrB.agrEdrHead), "gEntry text");
    assertSameReserved(
        entry(nasa, adr(nasa, "FIELDNAM").azEdrHead),
        entry(ours, adr(ours, "FIELDNAM").azEdrHead),
        "zEntry text");
    assertSameReserved(
        entry(nasa, adr(nasa, "FILLVAL").azEdrHead),
        entry(ours, adr(ours, "FILLVAL").azEdrHead),
        "zEntry TT2000");

    CdfContent nasaContent = new CdfContent(nasa);
    CdfContent ourContent = new CdfContent(ours);
    for (String name : List.of("epoch_mag_RTN_1min", "psp_fld_l2_mag_RTN_1min")) {
      VariableDescriptorRecord va = Jcdf.variable(nasaContent, name).getDescriptor();
      VariableDescriptorRecord vb = Jcdf.variable(ourContent, name).getDescriptor();
      assertEquals(
          List.of(va.flags, va.sRecords, va.rfuB, va.rfuC, va.rfuF, va.numElems),
          List.of(vb.flags, vb.sRecords, vb.rfuB, vb.rfuC, vb.rfuF, vb.numElems),
          name + " zVDR");
      VariableIndexRecord xa = vxr(nasa, va.vxrHead);
      VariableIndexRecord xb = vxr(ours, vb.vxrHead);
      assertEquals(xa.nEntries, xb.nEntries, name + " VXR entries");
      assertEquals(xa.getRecordSize(), xb.getRecordSize(), name + " VXR size");
    }
    VariableDescriptorRecord ca =
        Jcdf.variable(nasaContent, "psp_fld_l2_mag_RTN_1min").getDescriptor();
    VariableDescriptorRecord cb =
        Jcdf.variable(ourContent, "psp_fld_l2_mag_RTN_1min").getDescriptor();
    assertEquals(ca.blockingFactor, cb.blockingFactor, "blocking factor of 64 KiB");
    CompressedParametersRecord pa =
        nasa.getRecordFactory()
            .createRecord(nasa.getBuf(), ca.cprOrSprOffset, CompressedParametersRecord.class);
    CompressedParametersRecord pb =
        ours.getRecordFactory()
            .createRecord(ours.getBuf(), cb.cprOrSprOffset, CompressedParametersRecord.class);
    assertEquals(
        List.of(pa.cType, pa.rfuA, pa.pCount, pa.cParms[0]),
        List.of(pb.cType, pb.rfuA, pb.pCount, pb.cParms[0]),
        "CPR");
  }

  private static void assertSameReserved(
      AttributeEntryDescriptorRecord a, AttributeEntryDescriptorRecord b, String what) {
    assertEquals(
        List.of(a.getRecordType(), a.dataType, a.rfuA, a.rfuB, a.rfuC, a.rfuD, a.rfuE),
        List.of(b.getRecordType(), b.dataType, b.rfuA, b.rfuB, b.rfuC, b.rfuD, b.rfuE),
        what + " AEDR (type, data type, NumStrings, rfuB..rfuE)");
  }

  private static GlobalDescriptorRecord gdr(CdfReader r) throws IOException {
    return r.getRecordFactory()
        .createRecord(r.getBuf(), r.getCdr().gdrOffset, GlobalDescriptorRecord.class);
  }

  private static AttributeDescriptorRecord adr(CdfReader r, String name) throws IOException {
    GlobalDescriptorRecord g = gdr(r);
    long off = g.adrHead;
    for (int i = 0; i < g.numAttr; i++) {
      AttributeDescriptorRecord adr =
          r.getRecordFactory().createRecord(r.getBuf(), off, AttributeDescriptorRecord.class);
      if (adr.name.equals(name)) {
        return adr;
      }
      off = adr.adrNext;
    }
    throw new AssertionError("no attribute " + name);
  }

  private static AttributeEntryDescriptorRecord entry(CdfReader r, long offset) throws IOException {
    return r.getRecordFactory()
        .createRecord(r.getBuf(), offset, AttributeEntryDescriptorRecord.class);
  }

  private static VariableIndexRecord vxr(CdfReader r, long offset) throws IOException {
    return r.getRecordFactory().createRecord(r.getBuf(), offset, VariableIndexRecord.class);
  }

  /** Our TT2000 text of every epoch in the PSP file equals JCDF's, and converts back exactly. */
  @Test
  void pspEpochsFormatLikeJcdf() throws IOException {
    CdfContent cdf = Jcdf.read(Files.readAllBytes(SharedData.require(PSP)));
    EpochFormatter jcdf = new EpochFormatter(cdf.getCdfInfo().getLeapSecondLastUpdated());
    for (String name : List.of("epoch_mag_RTN_1min", "epoch_quality_flags")) {
      long[] epochs = (long[]) Jcdf.allRecords(Jcdf.variable(cdf, name));
      // The file is for 2020-01-04 (its name).
      assertThat(Tt2000.format(epochs[0]), startsWith("2020-01-04T"));
      for (long t : epochs) {
        assertEquals(jcdf.formatTimeTt2000(t), Tt2000.format(t));
        assertEquals(t, Tt2000.fromUtc(Tt2000.toUtc(t)));
        assertEquals(t, Tt2000.fromInstant(Tt2000.toInstant(t)));
      }
    }
  }

  /** The DE2 file's CDF_EPOCH values convert to the instants JCDF prints. */
  @Test
  void de2EpochsConvertLikeJcdf() throws IOException {
    CdfContent cdf = Jcdf.read(Files.readAllBytes(SharedData.require(DE2)));
    Variable epoch = Jcdf.variable(cdf, "Epoch");
    double[] values = (double[]) Jcdf.allRecords(epoch);
    assertTrue(values.length > 100);
    EpochFormatter jcdf = new EpochFormatter();
    for (double e : values) {
      assertEquals(jcdf.formatEpoch(e), MILLIS.format(CdfEpoch.toInstant(e)));
      assertEquals(e, CdfEpoch.fromInstant(CdfEpoch.toInstant(e)), 1e-3);
    }
    assertThat(jcdf.formatEpoch(values[0]), startsWith("1983-02-13"));
  }

  @Test
  void pspReproduced() throws IOException {
    assertReproduced(SharedData.require(PSP), false);
  }

  @Test
  void fastReproducedAsACompressedFile() throws IOException {
    assertReproduced(SharedData.require(FAST), true);
  }

  @Test
  void de2Reproduced() throws IOException {
    assertReproduced(SharedData.require(DE2), false);
  }

  /**
   * Copies a real CDF through the writer (structure, values, pad values, compression, attributes)
   * and checks that JCDF reads the copy exactly as it reads the original.
   */
  private static void assertReproduced(Path path, boolean compressFile) throws IOException {
    CdfContent original = Jcdf.read(Files.readAllBytes(path));
    CdfWriter w = CdfWriter.create().compressFile(compressFile);
    for (Map.Entry<String, AttributeEntry[]> g : Jcdf.globals(original).entrySet()) {
      List<CdfValue> entries = new ArrayList<>();
      for (AttributeEntry e : g.getValue()) {
        assertNotNull(e, "the original has a gap in the entries of " + g.getKey());
        entries.add(Jcdf.toValue(e));
      }
      w.globalAttribute(g.getKey(), entries.toArray(new CdfValue[0]));
    }
    for (Variable v : original.getVariables()) {
      assertTrue(v.isZVariable(), v.getName() + " is a zVariable");
      CdfType type = CdfType.valueOf(v.getDataType().getName());
      CdfVariable.Builder b =
          CdfVariable.builder(v.getName(), type)
              .numElems(v.getDescriptor().numElems)
              .dims(v.getShaper().getDimSizes())
              .recordVariance(v.getRecordVariance())
              .data(Jcdf.fromJcdf(type, rowMajorRecords(v)), v.getRecordCount())
              .compressed(Record.hasBit(v.getDescriptor().flags, 2));
      Object pad = Jcdf.pad(v);
      if (pad != null) {
        b.pad(Jcdf.fromJcdf(type, pad));
      }
      for (Map.Entry<String, AttributeEntry> a : Jcdf.attributes(original, v).entrySet()) {
        b.attribute(a.getKey(), Jcdf.toValue(a.getValue()));
      }
      w.variable(b.build());
    }
    byte[] copy = w.toBytes();
    Jcdf.assertSame(w, copy);

    // And the copy against the original, both through JCDF.
    CdfContent ours = Jcdf.read(copy);
    assertEquals(original.getVariables().length, ours.getVariables().length);
    for (Variable v : original.getVariables()) {
      Variable o = Jcdf.variable(ours, v.getName());
      assertEquals(v.getSummary(), o.getSummary(), v.getName());
      assertEquals(v.getRecordCount(), o.getRecordCount(), v.getName());
      Jcdf.assertArrays(rowMajorRecords(v), rowMajorRecords(o), v.getName() + " values");
      if (Jcdf.pad(v) != null) {
        Jcdf.assertArrays(Jcdf.pad(v), Jcdf.pad(o), v.getName() + " pad");
      }
      Map<String, AttributeEntry> want = Jcdf.attributes(original, v);
      Map<String, AttributeEntry> got = Jcdf.attributes(ours, o);
      assertEquals(want.keySet(), got.keySet(), v.getName() + " attributes");
      for (String a : want.keySet()) {
        assertEquals(want.get(a).getDataType().getName(), got.get(a).getDataType().getName(), a);
        Jcdf.assertArrays(
            want.get(a).getRawValue(), got.get(a).getRawValue(), v.getName() + " " + a);
        assertEquals(want.get(a).toString(), got.get(a).toString(), v.getName() + " " + a);
      }
    }
    Map<String, AttributeEntry[]> want = Jcdf.globals(original);
    Map<String, AttributeEntry[]> got = Jcdf.globals(ours);
    assertEquals(new ArrayList<>(want.keySet()), new ArrayList<>(got.keySet()));
    for (String g : want.keySet()) {
      assertEquals(want.get(g).length, got.get(g).length, g);
      for (int i = 0; i < want.get(g).length; i++) {
        assertEquals(want.get(g)[i].toString(), got.get(g)[i].toString(), g + "[" + i + "]");
      }
    }
  }

  /** All records of a variable as one flat row-major array (JCDF's shaped, row-major view). */
  private static Object rowMajorRecords(Variable v) throws IOException {
    int n = v.getRecordCount();
    int per = v.getShaper().getShapedItemCount() * v.getDataType().getGroupSize();
    Object all =
        java.lang.reflect.Array.newInstance(v.getDataType().getArrayElementClass(), n * per);
    for (int r = 0; r < n; r++) {
      Object rec = v.readShapedRecord(r, true, v.createRawValueArray());
      if (rec.getClass().isArray()) {
        System.arraycopy(rec, 0, all, r * per, per);
      } else {
        java.lang.reflect.Array.set(all, r * per, rec);
      }
    }
    return all;
  }
}
