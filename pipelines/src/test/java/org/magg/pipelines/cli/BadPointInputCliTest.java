package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.grid.Morton;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrStores;

/**
 * Coordinates out of range, non-finite numbers and malformed rows, through the command line: a
 * coordinate given on the command line is refused (exit 2, naming the value); in a point table each
 * such row is counted under its filter reason and the rest of the table is used.
 */
class BadPointInputCliTest {

  @Test
  void mortonEncodeRefusesCoordinatesOutOfRange() {
    CliRun lat = CliRun.of("morton", "encode", "--order", "6", "95", "10");
    assertEquals(2, lat.code(), lat.err());
    assertEquals("magg: latitude 95.0 is outside [-90, 90] degrees\n", lat.err());
    assertEquals("", lat.out());
    CliRun lon = CliRun.of("morton", "encode", "--order", "6", "--", "45", "-181");
    assertEquals(2, lon.code(), lon.err());
    assertEquals("magg: longitude -181.0 is outside [-180, 360] degrees\n", lon.err());
    CliRun high = CliRun.of("morton", "encode", "--order", "6", "45", "400");
    assertEquals(2, high.code(), high.err());
    assertThat(high.err(), containsString("longitude 400.0 is outside [-180, 360]"));
    CliRun nan = CliRun.of("morton", "encode", "--order", "6", "NaN", "10");
    assertEquals(2, nan.code(), nan.err());
    assertThat(nan.err(), containsString("latitude NaN is outside [-90, 90]"));
    // the ends of the ranges are accepted; 238 and -122 are the same meridian
    CliRun east = CliRun.of("morton", "encode", "--order", "6", "45", "238");
    assertEquals(0, east.code(), east.err());
    assertEquals("3234123", east.out().trim());
    assertEquals(0, CliRun.of("morton", "encode", "--order", "6", "90", "360").code());
    assertEquals(0, CliRun.of("morton", "encode", "--order", "6", "--", "-90", "-180").code());
  }

  @Test
  void mortonEncodeRefusesAnOutOfRangeLineOfStandardInput() {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("45 -122\n-91 10\n".getBytes(StandardCharsets.UTF_8)));
      CliRun r = CliRun.of("morton", "encode", "--order", "6");
      assertEquals(2, r.code(), r.err());
      assertEquals(
          "magg: standard input line 2: latitude -91.0 is outside [-90, 90] degrees\n", r.err());
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void pointTableRowsAreCountedByReasonAndTheRestIsUsed(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("points.csv");
    Files.writeString(
        csv,
        String.join(
            "\n",
            "quality,h,lon,s,lat", // line 1
            "0,100.0,100.1,0.1,-75.0", // 2: kept
            "0,101.0,400.1,0.1,-75.0", // 3: longitude above 360: invalid_coordinate
            "0,102.0,100.1,0.1,inf", // 4: invalid_coordinate
            "0,103.0,-Infinity,0.1,-75.0", // 5: invalid_coordinate
            "0,Infinity,100.1,0.1,-75.0", // 6: h infinite: invalid_value
            "0,104.0,100.1,-inf,-75.0", // 7: s infinite: invalid_value
            "0,NaN,100.1,0.1,-75.0", // 8: h missing: fill_value
            "0,105.0,100.1,0.1", // 9: four fields: malformed_row
            "0,106.0,abc,0.1,-75.0", // 10: malformed_row
            "0,107.0,100.1,0.1,-75.0.5", // 11: malformed_row
            "0,108.0,100.1,0.1,-75.0", // 12: kept
            ""));
    long parent = Morton.encode(-75.0, 100.1, 6);
    Path catalog = dir.resolve("catalog.json");
    new ObjectMapper()
        .writeValue(
            catalog.toFile(),
            Map.of(
                "metadata",
                Map.of("parent_order", 6),
                "catalog",
                Map.of(Morton.format(parent), List.of(csv.toString()))));
    Path store = dir.resolve("out.zarr");
    Path json = dir.resolve("summary.json");
    CliRun r =
        CliRun.of(
            "run",
            "--config",
            "atl06_csv",
            "--catalog",
            catalog.toString(),
            "--store",
            store.toString(),
            "--summary-json",
            json.toString());
    // the malformed rows are failures of the run: exit 1, each listed with its file and line
    assertEquals(1, r.code(), r.err() + r.out());
    assertThat(r.err(), not(containsString("\tat ")));
    assertThat(
        r.out(),
        containsString(
            "FAILED row "
                + csv
                + ":9: point table "
                + csv
                + " line 9 has 4 fields, expected 5 (as in the header)"));
    assertThat(r.out(), containsString(":10: point table " + csv + " line 10 column 'lon'"));
    assertThat(r.out(), containsString("'-75.0.5' is not a number"));
    JsonNode s = new ObjectMapper().readTree(json.toFile());
    assertEquals(11, s.get("pointsRead").asLong());
    assertEquals(2, s.get("pointsKept").asLong());
    JsonNode f = s.get("pointsFiltered");
    assertEquals(3, f.get("invalid_coordinate").asLong());
    assertEquals(2, f.get("invalid_value").asLong());
    assertEquals(1, f.get("fill_value").asLong());
    assertEquals(3, f.get("malformed_row").asLong());
    assertEquals(0, f.get("quality").asLong());
    assertEquals(2, s.get("pointsBinned").asLong());
    assertEquals(3, s.get("failures").size());
    // the cell itself is complete: ok, and its statistics are those of the two kept rows
    assertEquals("ok", s.get("cells").get(0).get("status").asText());
    double[] count =
        ZarrArray.open(ZarrStores.open(store.toString()), "12/count").read().toDoubleArray();
    double[] max =
        ZarrArray.open(ZarrStores.open(store.toString()), "12/h_max").read().toDoubleArray();
    double total = 0;
    double highest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count.length; i++) {
      total += count[i];
      if (!Double.isNaN(max[i])) {
        highest = Math.max(highest, max[i]);
      }
    }
    assertEquals(2.0, total);
    assertEquals(108.0, highest);
  }
}
