package org.magg.io.netcdf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.testing.SharedData;

/**
 * The real NetCDF-3 file in {@code ../shared/data/points} read by our classic reader and compared
 * with what Unidata's ncdump printed ({@code madis_expected.py} and its JSON in the test
 * resources).
 */
class NetcdfClassicFileTest {
  /** The classic formats' default fill values (netcdf.h), which ncdump prints as "_". */
  private static final Map<NetcdfClassicFile.NcType, Double> DEFAULT_FILL =
      Map.of(
          NetcdfClassicFile.NcType.FLOAT, (double) 9.9692099683868690e+36f,
          NetcdfClassicFile.NcType.DOUBLE, 9.9692099683868690e+36,
          NetcdfClassicFile.NcType.INT, -2147483647.0,
          NetcdfClassicFile.NcType.SHORT, -32767.0,
          NetcdfClassicFile.NcType.BYTE, -127.0);

  @Test
  void madisMatchesNcdump() throws Exception {
    Path file = SharedData.require("data/points/madis-sao.nc");
    JsonNode expected;
    try (InputStream in = getClass().getResourceAsStream("madis_expected.json")) {
      expected = new ObjectMapper().readTree(in);
    }
    try (NetcdfClassicFile nc = NetcdfClassicFile.open(file)) {
      assertEquals(1, nc.version());
      assertEquals(expected.get("records").asLong(), nc.numRecords());
      assertTrue(nc.dimensions().stream().anyMatch(d -> d.isRecord() && d.name().equals("recNum")));
      var fields = expected.get("numeric").fields();
      while (fields.hasNext()) {
        var e = fields.next();
        NetcdfClassicFile.Variable v = nc.variable(e.getKey());
        double[] values = nc.readDoubles(e.getKey());
        assertEquals(e.getValue().size(), values.length, e.getKey());
        double fill =
            v.attributes().get("_FillValue") instanceof double[] f
                ? f[0]
                : DEFAULT_FILL.get(v.type());
        for (int i = 0; i < values.length; i++) {
          JsonNode x = e.getValue().get(i);
          if (x.isNull()) {
            assertEquals(fill, values[i], 0.0, e.getKey() + "[" + i + "] should be the fill value");
          } else if (v.type() == NetcdfClassicFile.NcType.FLOAT) {
            // ncdump printed 9 significant digits: enough to identify the float exactly
            assertEquals((float) x.asDouble(), (float) values[i], 0.0f, e.getKey() + "[" + i + "]");
          } else {
            assertEquals(
                x.asDouble(),
                values[i],
                Math.abs(x.asDouble()) * 1e-15,
                e.getKey() + "[" + i + "]");
          }
        }
      }
      var text = expected.get("text").fields();
      while (text.hasNext()) {
        var e = text.next();
        List<String> strings = nc.readStrings(e.getKey());
        assertEquals(e.getValue().size(), strings.size(), e.getKey());
        for (int i = 0; i < strings.size(); i++) {
          assertEquals(e.getValue().get(i).asText(), strings.get(i), e.getKey() + "[" + i + "]");
        }
      }
      assertEquals(
          "Alphanumeric station name", nc.variable("stationName").attributes().get("long_name"));
      assertEquals(
          List.of(1.0, 89999.0),
          Arrays.stream((double[]) nc.variable("wmoId").attributes().get("valid_range"))
              .boxed()
              .toList());
    }
  }

  @Test
  void errorsNameTheFileAndWhatWasExpected(@TempDir Path dir) throws Exception {
    Path notNc = dir.resolve("x.nc");
    Files.writeString(notNc, "HDF5 or something else");
    IOException e1 = assertThrows(IOException.class, () -> NetcdfClassicFile.open(notNc));
    assertThat(e1.getMessage(), containsString("x.nc is not a NetCDF classic file"));

    Path file = SharedData.require("data/points/madis-sao.nc");
    Path cut = dir.resolve("cut.nc");
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(file), 40_000));
    try (NetcdfClassicFile nc = NetcdfClassicFile.open(cut)) {
      IOException e2 = assertThrows(IOException.class, () -> nc.readDoubles("temperature"));
      assertThat(e2.getMessage(), containsString("cut.nc is truncated"));
      IllegalArgumentException e3 =
          assertThrows(IllegalArgumentException.class, () -> nc.variable("temp"));
      assertThat(e3.getMessage(), containsString("has no variable 'temp'"));
    }
    Path header = dir.resolve("header.nc");
    Files.write(header, Arrays.copyOf(Files.readAllBytes(file), 100));
    IOException e4 = assertThrows(IOException.class, () -> NetcdfClassicFile.open(header));
    assertThat(e4.getMessage(), containsString("truncated inside its header"));
  }

  /** Boxes read directly equal the same boxes cut from the whole variable (checked above). */
  @Test
  void boxesEqualTheWholeVariableCut() throws Exception {
    Path madis = SharedData.require("data/points/madis-sao.nc");
    Path packed = Path.of(getClass().getResource("/org/magg/io/gridded/packed_lev.nc").toURI());
    for (Path file : List.of(madis, packed)) {
      try (NetcdfClassicFile nc = NetcdfClassicFile.open(file)) {
        for (NetcdfClassicFile.Variable v : nc.variables().values()) {
          if (v.type() == NetcdfClassicFile.NcType.CHAR || v.size() == 0) {
            continue;
          }
          double[] all = nc.readDoubles(v.name());
          long[] shape = v.shape();
          int rank = shape.length;
          // whole; the last index of each dimension; the middle half of each dimension
          for (int kind = 0; kind < 3; kind++) {
            long[] off = new long[rank];
            int[] box = new int[rank];
            for (int d = 0; d < rank; d++) {
              switch (kind) {
                case 0 -> box[d] = (int) shape[d];
                case 1 -> {
                  off[d] = shape[d] - 1;
                  box[d] = 1;
                }
                default -> {
                  off[d] = shape[d] / 4;
                  box[d] = (int) Math.max(1, shape[d] / 2);
                }
              }
            }
            double[] got = nc.readDoubles(v.name(), off, box);
            double[] want = cut(all, shape, off, box);
            assertTrue(
                Arrays.equals(want, got),
                file.getFileName()
                    + " "
                    + v.name()
                    + " box "
                    + Arrays.toString(off)
                    + " "
                    + Arrays.toString(box));
          }
        }
        NetcdfClassicFile.Variable first =
            nc.variables().values().stream()
                .filter(v -> v.shape().length > 0 && v.type() != NetcdfClassicFile.NcType.CHAR)
                .findFirst()
                .orElseThrow();
        assertThrows(
            IndexOutOfBoundsException.class,
            () ->
                nc.readDoubles(
                    first.name(), new long[first.shape().length], outside(first.shape())));
      }
    }
  }

  private static int[] outside(long[] shape) {
    int[] box = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      box[d] = (int) shape[d] + 1;
    }
    return box;
  }

  private static double[] cut(double[] all, long[] shape, long[] off, int[] box) {
    int n = 1;
    for (int b : box) {
      n *= b;
    }
    double[] out = new double[n];
    int[] idx = new int[box.length];
    for (int o = 0; o < n; o++) {
      long flat = 0;
      for (int d = 0; d < box.length; d++) {
        flat = flat * shape[d] + off[d] + idx[d];
      }
      out[o] = all[(int) flat];
      for (int d = box.length - 1; d >= 0; d--) {
        if (++idx[d] < box[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out;
  }
}
