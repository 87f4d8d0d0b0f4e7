package org.magg.transforms.historical;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.ConfigException;
import org.magg.io.historical.CdfModel;
import org.magg.io.historical.Fixtures;
import org.magg.io.historical.ReachInputReader;
import org.magg.io.historical.ReachRecord;

/** The day's arrays, names and ISTP attributes, checked against values worked out by hand. */
public class ReachProductTest {
  public static final double F = -1.0e31;
  public static final String X = "DOSE1 (Flavor X) in rad/second";
  public static final String W = "DOSE2 (Flavor W) in rad/second";
  public static final String Z = "DOSE2 (Flavor Z) in rad/second";
  public static final String U = "DOSE2 (Flavor U) in rad/second";

  /** dose_rate of the 2025-09-04 fixture, (t, s, f), sensors 105, 135, 171. */
  public static final double[] DOSE_0904 = {
    F,
    F,
    4.1e-05,
    4.51636e-05,
    F,
    2.1699e-07, // 00:00:00
    F,
    F,
    3.9e-05,
    4.4e-05,
    5.1e-06,
    2.2e-07, // 00:00:05
    0.0,
    F,
    F,
    F,
    F,
    F // 00:00:10 (REACH-135 X has obValue None)
  };

  /** lat (t, s): from each sensor's first-flavour record at that time. */
  public static final double[] LAT_0904 = {
    F, -36.5229, -15.5437, F, -36.8, -15.31, -63.3098145203956, -37.1, F
  };

  public static final double[] QUALITY_0904 = {F, 0, 0, F, 0, 0, 4, 0, F};
  public static final double[] SENX_0904 = {
    F, 2641.6304332, -6897.404902000001, F, 2620.11, -6891.5, 3235.698743768994, 2600.0, F
  };

  @TempDir Path dir;

  public static ReachDataset dataset0904(Path dir) throws IOException {
    return ReachDataset.of(
        DayRecords.clean(ReachInputReader.read(Fixtures.copy(Fixtures.DAY_0904, dir))));
  }

  @Test
  void arraysOfTheDay() throws IOException {
    ReachDataset d = dataset0904(dir);
    assertEquals(List.of("REACH-105", "REACH-135", "REACH-171"), d.sensorLabels);
    assertArrayEquals(new int[] {105, 135, 171}, d.sensorIds);
    assertEquals(List.of(List.of(U, ""), List.of(X, W), List.of(X, Z)), d.flavours);
    assertEquals(
        List.of(
            Instant.parse("2025-09-04T00:00:00Z"),
            Instant.parse("2025-09-04T00:00:05Z"),
            Instant.parse("2025-09-04T00:00:10Z")),
        d.epochs);
    assertArrayEquals(nan(DOSE_0904), d.doseRate);
    assertArrayEquals(nan(LAT_0904), d.lat);
    assertArrayEquals(nan(QUALITY_0904), d.obQuality);
    assertArrayEquals(nan(SENX_0904), d.senX);
    assertEquals("QUICKLOOK", d.descriptor);
  }

  @Test
  void namesAndKeys() {
    ReachCdfSchema s = ReachCdfSchema.builtin();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals("reach_all_l1c_prelim_20260101T000000_v1.0.0.cdf", ReachProduct.fileName(s, t));
    assertEquals(
        "l1c/prelim/2026/01/01/reach_all_l1c_prelim_20260101T000000_v1.0.0.cdf",
        ReachProduct.key(s, t));
    assertEquals(
        "l1c/prelim/2025/09/05/reach_all_l1c_prelim_20250905T070325_v1.0.1.cdf",
        ReachProduct.keyOfFile(s, "reach_all_l1c_prelim_20250905T070325_v1.0.1.cdf"));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> ReachProduct.keyOfFile(s, "other_20250905.cdf"));
    assertThat(e.getMessage(), containsString("not a product file name"));
    assertEquals("5s", ReachProduct.resolution(List.of(t, t.plusSeconds(5), t.plusSeconds(10))));
    assertEquals("4.5s", ReachProduct.resolution(List.of(t, t.plusSeconds(4), t.plusMillis(9000))));
    assertEquals("0s", ReachProduct.resolution(List.of(t)));
  }

  @Test
  void istpAttributesOfEachKindOfVariable() throws IOException {
    CdfModel.File f =
        ReachProduct.build(dataset0904(dir), ReachCdfSchema.builtin(), LocalDate.of(2026, 1, 2));
    assertEquals(
        ReachCdfSchema.VARIABLES, f.variables().stream().map(CdfModel.Variable::name).toList());
    assertEquals(
        List.of(
            "CATDESC",
            "DEPEND_0",
            "DEPEND_1",
            "DEPEND_2",
            "DISPLAY_TYPE",
            "FIELDNAM",
            "FILLVAL",
            "FORMAT",
            "LABL_PTR_1",
            "LABL_PTR_2",
            "SI_CONVERSION",
            "UNITS",
            "VALIDMIN",
            "VALIDMAX",
            "VAR_TYPE"),
        List.copyOf(f.variable("dose_rate").attributes().keySet()));
    assertEquals(
        List.of(
            "CATDESC",
            "DEPEND_0",
            "DEPEND_1",
            "DISPLAY_TYPE",
            "FIELDNAM",
            "FILLVAL",
            "FORMAT",
            "LABL_PTR_1",
            "SI_CONVERSION",
            "UNITS",
            "VALIDMIN",
            "VALIDMAX",
            "VAR_TYPE"),
        List.copyOf(f.variable("lat").attributes().keySet()));
    assertEquals(
        List.of("CATDESC", "FIELDNAM", "FILLVAL", "FORMAT", "VAR_TYPE"),
        List.copyOf(f.variable("sensor_ids").attributes().keySet()));
    assertEquals(
        List.of(
            "CATDESC",
            "FIELDNAM",
            "FILLVAL",
            "FORMAT",
            "REFERENCE_POSITION",
            "RESOLUTION",
            "SI_CONVERSION",
            "TIME_BASE",
            "TIME_SCALE",
            "UNITS",
            "VALIDMIN",
            "VALIDMAX",
            "VAR_TYPE"),
        List.copyOf(f.variable("Epoch").attributes().keySet()));
    assertEquals("A30", f.variable("dosimeter_flavors").attr("FORMAT").text());
    assertEquals(30, f.variable("dosimeter_flavors").numElems());
    assertEquals(CdfModel.Attr.real8(-90.0), f.variable("lat").attr("VALIDMIN"));
    assertEquals(CdfModel.Attr.real8(F), f.variable("lat").attr("FILLVAL"));
    assertEquals(CdfModel.Attr.int4(Integer.MIN_VALUE), f.variable("sensor_ids").attr("FILLVAL"));
    assertEquals("20260102", f.globals().get("Generation_date").get(0).text());
    assertEquals(
        "reach_all_l1c_prelim_20250904T000000_v1.0.0",
        f.globals().get("Logical_file_id").get(0).text());
    assertEquals("reach_all_prelim", f.globals().get("Logical_source").get(0).text());
  }

  @Test
  void aDayWithTwoDescriptorsOrNoRecordsFails() {
    ReachRecord a = rec("QUICKLOOK");
    ReachRecord b = rec("PROVISIONAL");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReachDataset.of(DayRecords.clean(List.of(a, b.withSensorId("REACH-102")))));
    assertThat(e.getMessage(), containsString("several UDL descriptors [QUICKLOOK, PROVISIONAL]"));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ReachDataset.of(DayRecords.clean(List.of())));
    assertThat(e.getMessage(), containsString("no records left"));
    e = assertThrows(IllegalArgumentException.class, () -> ReachDataset.sensorNumber("SENSOR-1"));
    assertThat(e.getMessage(), containsString("REACH-<number>"));
  }

  @Test
  void schemaRefusesUnknownDerivedAndMissingFields() {
    String ok = ReachCdfSchema.builtin().toString();
    assertThat(ok, containsString("reach"));
    String base =
        "product: {instrument: reach, version: 1.0.0}\nvariables: {}\nglobal_attributes:\n";
    var e =
        assertThrows(
            ConfigException.class, () -> ReachCdfSchema.parse(base + "  Data_version: x\n"));
    assertThat(e.getMessage(), containsString("global_attributes.Data_version: is derived"));
    e = assertThrows(ConfigException.class, () -> ReachCdfSchema.parse(base + "  TITLE: x\n"));
    assertThat(e.getMessage(), containsString("global_attributes.Data_level: is required"));
    e = assertThrows(ConfigException.class, () -> ReachCdfSchema.parse("produkt: {}\n"));
    assertThat(e.getMessage(), containsString("produkt: unknown field"));
  }

  private static ReachRecord rec(String descriptor) {
    return new ReachRecord(
        "REACH-101",
        "Iridium-102",
        Instant.parse("2025-01-01T00:00:00Z"),
        null,
        0,
        0,
        0,
        descriptor,
        "F",
        1,
        0,
        0,
        0,
        0,
        1);
  }

  private static double[] nan(double[] withFill) {
    double[] out = withFill.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == F) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }
}
