package org.magg.transforms.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.magg.io.gridded.GridSlice;

class SpatialFunctionsTest {

  /** The original's 3x3 check: values 1..9, mask over the top-left 2x2, unit areas. */
  @Test
  void threeByThreeGrid() {
    GridSlice f =
        GridSlice.of(
            new double[] {-70, -71, -72},
            new double[] {0, 1, 2},
            new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    double[] mask = {1, 1, 0, 1, 1, 0, 0, 0, 0};
    double[] areas = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    assertEquals(5.0, SpatialFunctions.forName("max").apply(0, f, mask, areas).value());
    assertEquals(1.0, SpatialFunctions.forName("min").apply(0, f, mask, areas).value());
    assertEquals(12.0, SpatialFunctions.forName("weighted_sum").apply(0, f, mask, areas).value());
    TimestepValue parts = SpatialFunctions.forName("weighted_mean").apply(0, f, mask, areas);
    assertEquals(12.0, parts.value());
    assertEquals(4.0, parts.weight());
    double[] empty = new double[9];
    assertTrue(Double.isNaN(SpatialFunctions.forName("max").apply(0, f, empty, areas).value()));
    assertThrows(IllegalArgumentException.class, () -> SpatialFunctions.forName("mean"));
  }

  /** Random grids (non-uniform latitudes, NaNs, 3 levels) against xarray/numpy results. */
  @Test
  void agreeWithXarray() throws Exception {
    JsonNode cases;
    try (InputStream in = getClass().getResourceAsStream("spatial_expected.json")) {
      cases = new ObjectMapper().readTree(in).get("cases");
    }
    assertEquals(6, cases.size());
    for (JsonNode c : cases) {
      double[] lat = doubles(c.get("lat"));
      double[] lon = doubles(c.get("lon"));
      GridSlice f = GridSlice.of(lat, lon, doubles(c.get("values")));
      GridSlice f3 = new GridSlice(lat, lon, c.get("levels").asInt(), doubles(c.get("values3")));
      double[] mask = doubles(c.get("mask"));
      double[] areas = doubles(c.get("areas"));
      check(c.get("max"), SpatialFunctions.forName("max").apply(0, f, mask, areas).value());
      check(c.get("min"), SpatialFunctions.forName("min").apply(0, f, mask, areas).value());
      check(
          c.get("weighted_sum"),
          SpatialFunctions.forName("weighted_sum").apply(0, f, mask, areas).value());
      TimestepValue wm = SpatialFunctions.forName("weighted_mean").apply(0, f, mask, areas);
      check(c.get("weighted_mean").get(0), wm.value());
      check(c.get("weighted_mean").get(1), wm.weight());
      check(
          c.get("max_gradient"),
          SpatialFunctions.forName("max_gradient").apply(0, f, mask, areas).value());
      TimestepValue mol = SpatialFunctions.forName("min_over_levels").apply(0, f3, mask, areas);
      check(c.get("min_over_levels").get(0), mol.value());
      check(c.get("min_over_levels").get(1), mol.weight());
    }
  }

  private static void check(JsonNode expected, double actual) {
    if (expected.isNull()) {
      assertTrue(Double.isNaN(actual), "expected NaN, got " + actual);
    } else {
      double e = expected.asDouble();
      assertEquals(e, actual, Math.abs(e) * 1e-12 + 1e-15);
    }
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
    }
    return out;
  }
}
