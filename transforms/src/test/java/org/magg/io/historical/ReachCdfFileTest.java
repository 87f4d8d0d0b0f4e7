package org.magg.io.historical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.transforms.historical.ReachCdfSchema;
import org.magg.transforms.historical.ReachProduct;
import org.magg.transforms.historical.ReachProductTest;
import uk.ac.bristol.star.cdf.DataType;

/**
 * The REACH CDF read back by JCDF, an independent reader: every variable's values and attributes
 * against what the input CSV says (worked out by hand in {@link ReachProductTest}).
 */
class ReachCdfFileTest {
  static final double F = ReachProductTest.F;

  @TempDir Path dir;

  private Jcdf write0904(boolean compress) throws IOException {
    CdfModel.File f =
        ReachProduct.build(
            ReachProductTest.dataset0904(dir), ReachCdfSchema.builtin(), LocalDate.of(2026, 1, 2));
    Path cdf = dir.resolve("day.cdf");
    Files.write(cdf, ReachCdfFile.encode(f, compress));
    return new Jcdf(cdf.toFile());
  }

  @Test
  void valuesAsTheCsvSays() throws IOException {
    for (boolean compress : new boolean[] {false, true}) {
      Jcdf c = write0904(compress);
      assertEquals(ReachCdfSchema.VARIABLES, c.variableNames());
      assertEquals("TIME_TT2000", c.variable("Epoch").getDataType().getName());
      assertEquals(
          List.of(
              "2025-09-04T00:00:00.000000000",
              "2025-09-04T00:00:05.000000000",
              "2025-09-04T00:00:10.000000000"),
          c.times("Epoch"));
      assertArrayEquals(
          new String[] {"REACH-105", "REACH-135", "REACH-171"},
          strip((String[]) c.record("sensor_labels", 0)));
      assertArrayEquals(new int[] {105, 135, 171}, (int[]) c.record("sensor_ids", 0));
      assertArrayEquals(
          new String[] {"flavor_0", "flavor_1"},
          strip((String[]) c.record("dosimeter_flavor_labels", 0)));
      assertArrayEquals(new int[] {0, 1}, (int[]) c.record("dosimeter_flavor_ids", 0));
      String x = ReachProductTest.X;
      assertArrayEquals(
          new String[] {ReachProductTest.U, "", x, ReachProductTest.W, x, ReachProductTest.Z},
          strip((String[]) c.record("dosimeter_flavors", 0)));
      assertFalse(c.variable("dosimeter_flavors").getRecordVariance());
      assertTrue(c.variable("dose_rate").getRecordVariance());
      assertEquals(3, c.variable("dose_rate").getRecordCount());
      assertArrayEquals(ReachProductTest.DOSE_0904, c.reals("dose_rate"));
      assertArrayEquals(ReachProductTest.LAT_0904, c.reals("lat"));
      assertArrayEquals(
          new double[] {F, -43.1992, -163.818, F, -43.3, -163.71, -71.6061141616536, -43.4, F},
          c.reals("lon"));
      assertArrayEquals(
          new double[] {F, 792.509, 784.441, F, 792.6, 784.51, 803.1896429092334, 792.7, F},
          c.reals("alt"));
      assertArrayEquals(ReachProductTest.QUALITY_0904, c.reals("obQuality"));
      assertArrayEquals(ReachProductTest.SENX_0904, c.reals("sensor_position_x"));
      assertArrayEquals(
          new double[] {
            F, -5135.1932749, 409.36112763, F, -5150.02, 421.25, -84.21590398104829, -5160.0, F
          },
          c.reals("sensor_position_y"));
      assertArrayEquals(
          new double[] {
            F, -4251.2205054, -1910.4131587, F, -4260.5, -1931.75, -6400.10486022768, -4270.0, F
          },
          c.reals("sensor_position_z"));
    }
  }

  @Test
  void attributesAsIstpAsks() throws IOException {
    Jcdf c = write0904(true);
    assertEquals(List.of("L1C>Level 1 C"), c.global("Data_level"));
    assertEquals(List.of("prelim>Preliminary"), c.global("Data_type"));
    assertEquals(
        List.of("REACH>Responsive Environmental Assessment Commercially Hosted"),
        c.global("Descriptor"));
    assertEquals(List.of("reach_all_prelim"), c.global("Logical_source"));
    assertEquals(
        List.of("reach_all_l1c_prelim_20250904T000000_v1.0.0"), c.global("Logical_file_id"));
    assertEquals(List.of("1.0.0"), c.global("Data_version"));
    assertEquals(List.of("QUICKLOOK"), c.global("UDL_Source"));
    assertEquals(List.of("20260102"), c.global("Generation_date"));
    assertEquals(List.of("https://zenodo.org/record/6423507#.YmMwUfPMLCV"), c.global("HTTP_LINK"));
    assertEquals(List.of("v1.0.0 - Original version."), c.global("MODS"));

    assertEquals(
        Arrays.asList(
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
                "VAR_TYPE")
            .stream()
            .sorted()
            .toList(),
        c.attrNames("dose_rate").stream().sorted().toList());
    assertEquals("Epoch", c.text("dose_rate", "DEPEND_0"));
    assertEquals("sensor_ids", c.text("dose_rate", "DEPEND_1"));
    assertEquals("dosimeter_flavor_ids", c.text("dose_rate", "DEPEND_2"));
    assertEquals("sensor_labels", c.text("dose_rate", "LABL_PTR_1"));
    assertEquals("dosimeter_flavor_labels", c.text("dose_rate", "LABL_PTR_2"));
    assertEquals("data", c.text("dose_rate", "VAR_TYPE"));
    assertEquals("rad/s", c.text("dose_rate", "UNITS"));
    assertEquals(F, c.real("dose_rate", "FILLVAL"));
    assertEquals(-Double.MAX_VALUE, c.real("dose_rate", "VALIDMIN"));
    assertEquals(-90.0, c.real("lat", "VALIDMIN"));
    assertEquals(90.0, c.real("lat", "VALIDMAX"));
    assertEquals("deg", c.text("lon", "UNITS"));
    assertEquals("km", c.text("alt", "UNITS"));
    assertEquals("GEI Coordinate Position Z in KM", c.text("sensor_position_z", "CATDESC"));
    assertEquals(null, c.attr("lat", "DEPEND_2"));

    assertEquals("metadata", c.text("sensor_labels", "VAR_TYPE"));
    assertEquals("A9", c.text("sensor_labels", "FORMAT"));
    assertEquals(" ", c.text("sensor_labels", "FILLVAL"));
    assertEquals("INT4", c.attr("sensor_ids", "FILLVAL").getDataType().getName());
    assertEquals(
        Integer.MIN_VALUE, ((Number) c.attr("sensor_ids", "FILLVAL").getItem(0)).intValue());

    assertEquals("support_data", c.text("Epoch", "VAR_TYPE"));
    assertEquals("J2000", c.text("Epoch", "TIME_BASE"));
    assertEquals("5s", c.text("Epoch", "RESOLUTION"));
    assertEquals("Terrestrial Time (TT)", c.text("Epoch", "TIME_SCALE"));
    assertEquals("rotating Earth geoid", c.text("Epoch", "REFERENCE_POSITION"));
    assertEquals("ns", c.text("Epoch", "UNITS"));
    var fill = c.attr("Epoch", "FILLVAL");
    assertEquals("TIME_TT2000", fill.getDataType().getName());
    assertEquals(Long.MIN_VALUE, ((Number) fill.getItem(0)).longValue());
    var min = c.attr("Epoch", "VALIDMIN");
    assertEquals(
        "1990-01-01T00:00:00.000000000", DataType.TIME_TT2000.formatScalarValue(min.getItem(0)));
    var max = c.attr("Epoch", "VALIDMAX");
    assertEquals(
        "2250-01-01T00:00:00.000000000", DataType.TIME_TT2000.formatScalarValue(max.getItem(0)));
  }

  private static String[] strip(String[] s) {
    return Arrays.stream(s).map(String::strip).toArray(String[]::new);
  }
}
