package org.magg.io.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed rows and the spellings of non-finite numbers in point tables: each malformed row is
 * reported with its line number and skipped, the rest of the table is read.
 */
class CsvPointReaderTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  private static final PointSource SOURCE =
      new PointSource(
          PointSource.Reader.CSV,
          List.of(),
          "lat",
          "lon",
          Map.of("h", "h"),
          new PointSource.QualityFilter("quality", 0));

  /** What the reader reports. */
  private static final class Recorded implements PointReader.Listener {
    final List<PointColumns> columns = new ArrayList<>();
    final List<Long> malformedLines = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    @Override
    public void columns(PointColumns c) {
      columns.add(c);
    }

    @Override
    public void groupMissing(String group) {
      throw new AssertionError("no group is missing in a table");
    }

    @Override
    public void groupFailed(String group, String reason) {
      throw new AssertionError("unexpected group failure: " + reason);
    }

    @Override
    public void rowMalformed(String group, long line, String reason) {
      assertEquals("table", group);
      malformedLines.add(line);
      reasons.add(reason);
    }
  }

  @Test
  void malformedRowsAreReportedWithTheirLineAndSkipped(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("points.csv");
    Files.writeString(
        csv,
        String.join(
            "\n",
            "lat,lon,h,quality", // line 1
            "-75.0,100.1,1.5,0", // 2
            "-75.0,100.1,2.5", // 3: three fields
            "-75.0,abc,3.5,0", // 4: lon is not a number
            "-75.0,100.1,4.5,0,9", // 5: five fields
            "-75.0,100.1,5.5,x", // 6: quality is not a number
            "-75.0,100.1,,0", // 7: h missing (not malformed)
            "-75.1,100.2,7.5,1", // 8
            ""));
    Recorded r = new Recorded();
    new CsvPointReader(SOURCE, List.of("h")).read(csv.toString(), r);
    assertEquals(List.of(3L, 4L, 5L, 6L), r.malformedLines);
    assertEquals(
        "point table " + csv + " line 3 has 3 fields, expected 4 (as in the header)",
        r.reasons.get(0));
    assertEquals(
        "point table " + csv + " line 4 column 'lon': 'abc' is not a number", r.reasons.get(1));
    assertEquals(
        "point table " + csv + " line 6 column 'quality': 'x' is not a number", r.reasons.get(3));
    assertEquals(1, r.columns.size());
    PointColumns c = r.columns.get(0);
    assertArrayEquals(new double[] {-75.0, -75.0, -75.1}, c.lat);
    assertArrayEquals(new double[] {100.1, 100.1, 100.2}, c.lon);
    assertArrayEquals(new double[] {0, 0, 1}, c.quality);
    assertArrayEquals(new double[] {1.5, NAN, 7.5}, c.doubles[0]);
  }

  @Test
  void infinitiesAndNanAreReadAsNumbersInEverySpelling() {
    assertEquals(INF, CsvPointReader.number("inf"));
    assertEquals(INF, CsvPointReader.number("+inf"));
    assertEquals(INF, CsvPointReader.number("INF"));
    assertEquals(INF, CsvPointReader.number("Infinity"));
    assertEquals(INF, CsvPointReader.number("+Infinity"));
    assertEquals(INF, CsvPointReader.number("infinity"));
    assertEquals(-INF, CsvPointReader.number("-inf"));
    assertEquals(-INF, CsvPointReader.number("-Infinity"));
    assertEquals(NAN, CsvPointReader.number("NaN"));
    assertEquals(NAN, CsvPointReader.number("nan"));
    assertEquals(NAN, CsvPointReader.number("-nan"));
    assertEquals(NAN, CsvPointReader.number(""));
    assertEquals(-12.5, CsvPointReader.number("-12.5"));
    assertEquals(1e300, CsvPointReader.number("1e300"));
    assertThrows(NumberFormatException.class, () -> CsvPointReader.number("infinit"));
    assertThrows(NumberFormatException.class, () -> CsvPointReader.number("1.2.3"));
  }
}
