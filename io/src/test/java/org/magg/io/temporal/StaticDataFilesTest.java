package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.magg.testing.SharedData;

/** Static data from NetCDF-3 files written by ncgen from the committed CDL (values by hand). */
class StaticDataFilesTest {
  private static final FieldGrid GRID = FieldGrid.regular(-75, 0.5, 4, 0, 0.625, 5);

  @AfterEach
  void clear() {
    StaticData.clearCache();
  }

  private static String res(String name) {
    return EventCatalogTest.resource(name).toString();
  }

  @Test
  void regionAreasAndClimatologyFromFiles() throws Exception {
    StaticDataSpec spec =
        new StaticDataSpec(
            Map.of("ais", res("static.nc") + "#basins"),
            res("static.nc") + "#cell_area",
            res("clim.nc"));
    StaticData d = StaticData.load(spec, null);
    assertThat(d.grid(), is(GRID));
    // basins != 0 and not the fill (cell 8) are in the region
    boolean[] expected = new boolean[20];
    for (int c : new int[] {0, 1, 2, 3, 4, 5, 7, 12}) {
      expected[c] = true;
    }
    assertArrayEquals(expected, d.region("ais"));
    double[] areas = d.cellAreas();
    for (int c = 0; c < 20; c++) {
      assertThat(areas[c], is(1000.0 * (c + 1)));
    }
    assertThat(d.cellAreaUnits(), is("m2"));
    for (int month = 1; month <= 12; month++) {
      double[] t2m = d.climatology("T2M", month);
      for (int c = 0; c < 20; c++) {
        assertThat(t2m[c], is((double) (float) (200 + month + c / 100.0)));
      }
    }
  }

  @Test
  void climatologyAlongAMonthDimension() throws Exception {
    StaticData d = StaticData.load(new StaticDataSpec(null, null, res("clim_month.nc")), null);
    assertThat(d.climatology("T2M", 3)[7], is((double) (float) (200 + 3 + 0.07)));
    assertThat(d.climatology("T2M", 12)[19], is((double) (float) (200 + 12 + 0.19)));
  }

  @Test
  void aMaskOnAnotherGridIsRefused() {
    StaticDataSpec spec =
        new StaticDataSpec(
            Map.of("ais", res("static.nc") + "#basins", "zz", res("other_grid.nc") + "#ar_mask"),
            null,
            null);
    assertThat(
        assertThrows(IOException.class, () -> StaticData.load(spec, null)).getMessage(),
        containsString(
            "other_grid.nc is on another grid than 4 x 5 (lat -75.0..-73.5, lon"
                + " 0.0..2.5): lon[1] = 0.5, expected 0.625"));
  }

  @Test
  void merra2GridAndComputedAreas() throws Exception {
    Path file = SharedData.require("data/merra2/M2T1NXSLV_temporal.nc4");
    FieldGrid merra2 = FieldGrid.regular(-90, 0.5, 361, -180, 0.625, 576);
    // the surface pressure (time, lat, lon) is not a static field: it has 2 steps
    StaticDataSpec ps = new StaticDataSpec(Map.of("ps", file + "#PS"), null, null);
    assertThat(
        assertThrows(IOException.class, () -> StaticData.load(ps, null)).getMessage(),
        containsString("PS has 2 steps besides lat and lon, expected a single (lat, lon) field"));
    // computed areas on the file's grid
    StaticDataSpec areas = new StaticDataSpec(Map.of(), StaticDataSpec.COMPUTED, null);
    StaticData d = StaticData.load(areas, null, merra2);
    double sum = 0;
    for (double a : d.cellAreas()) {
      sum += a;
    }
    double sphere = 4 * Math.PI * 6371.0088 * 6371.0088;
    assertThat(sum, closeTo(sphere, 1e-9 * sphere));
  }
}
