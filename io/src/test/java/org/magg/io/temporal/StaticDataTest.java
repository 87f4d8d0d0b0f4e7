package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Static data logic on files in memory; real files are read in StaticDataFilesTest. */
class StaticDataTest {
  private static final FieldGrid G = FieldGrid.regular(-45, 90, 2, 0, 180, 2);
  private static final double R = 6371.0088;

  @AfterEach
  void clear() {
    StaticData.clearCache();
  }

  /** Month m (1..12) of 2000 at mid-month; steps listed from December down to January. */
  private static Instant[] monthsReversed() {
    Instant[] t = new Instant[12];
    for (int k = 0; k < 12; k++) {
      t[k] = Instant.parse(String.format("2000-%02d-15T00:00:00Z", 12 - k));
    }
    return t;
  }

  private static FakeGridFiles files() {
    FakeGridFiles f = new FakeGridFiles();
    f.add("mem://regions.nc", G).statics("basins", null, 0, 3, Double.NaN, 27);
    f.add("mem://area.nc", G).statics("cell_area", "m2", 1, 2, 3, 4);
    FakeGridFiles.FakeFile clim = f.add("mem://clim.nc", G, monthsReversed());
    double[][] t2m = new double[12][];
    for (int k = 0; k < 12; k++) {
      int month = 12 - k;
      t2m[k] = new double[] {month, 10 * month, 100 * month, 1000 * month};
    }
    clim.series("T2M", t2m);
    f.add("mem://other.nc", FieldGrid.regular(-45, 90, 2, 0, 90, 2)).statics("m", null, 1, 1, 1, 1);
    return f;
  }

  @Test
  void regionsAreasAndClimatology() throws Exception {
    StaticDataSpec spec =
        new StaticDataSpec(
            Map.of("ais", "mem://regions.nc#basins"), "mem://area.nc#cell_area", "mem://clim.nc");
    StaticData d = StaticData.load(spec, null, null, files());
    assertThat(d.grid(), is(G));
    // nonzero, non-NaN cells are in the region
    assertArrayEquals(new boolean[] {false, true, false, true}, d.region("ais"));
    assertArrayEquals(new double[] {1, 2, 3, 4}, d.cellAreas());
    assertThat(d.cellAreaUnits(), is("m2"));
    // the month is found by the step's date, not its position
    assertArrayEquals(new double[] {1, 10, 100, 1000}, d.climatology("T2M", 1));
    assertArrayEquals(new double[] {7, 70, 700, 7000}, d.climatology("T2M", 7));
    assertArrayEquals(new double[] {12, 120, 1200, 12000}, d.climatology("T2M", 12));
    // loaded once per JVM: the same array again
    assertThat(d.climatology("T2M", 7), sameInstance(d.climatology("T2M", 7)));
    assertThat(d.region("ais"), sameInstance(d.region("ais")));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> d.region("ocean")).getMessage(),
        is("no region mask 'ocean' (known: ais)"));
    assertThrows(IllegalArgumentException.class, () -> d.climatology("T2M", 13));
    // a serialized copy (a worker) finds the JVM's cached data
    StaticData copy = SerializableUtils.clone(d);
    assertThat(copy.region("ais"), sameInstance(d.region("ais")));
  }

  @Test
  void computedAreasNeedOnlyTheGrid() throws Exception {
    StaticData d =
        StaticData.load(
            new StaticDataSpec(Map.of(), StaticDataSpec.COMPUTED, null), null, G, files());
    assertThat(d.cellAreaUnits(), is("km2"));
    for (double a : d.cellAreas()) {
      // lat bounds -90 | 0 | 90, lon bounds -90 | 90 | 270: each cell a quarter sphere
      assertThat(a, closeTo(Math.PI * R * R, 1e-6));
    }
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    StaticData.load(
                        new StaticDataSpec(null, "computed", null), null, null, files()))
            .getMessage(),
        containsString("no file gives the grid"));
  }

  @Test
  void badFilesAreNamed() {
    assertThat(
        assertThrows(
                IOException.class,
                () ->
                    StaticData.load(
                        new StaticDataSpec(
                            Map.of("ais", "mem://regions.nc#basins", "x", "mem://other.nc#m"),
                            null,
                            null),
                        null,
                        null,
                        files()))
            .getMessage(),
        is(
            "static data file mem://other.nc is on another grid than 2 x 2 (lat -45.0..45.0, lon"
                + " 0.0..180.0): lon[1] = 90.0, expected 180.0 (file grid 2 x 2 (lat -45.0..45.0,"
                + " lon 0.0..90.0))"));
    assertThat(
        assertThrows(
                IOException.class,
                () ->
                    StaticData.load(
                        new StaticDataSpec(Map.of("ais", "mem://regions.nc#nope"), null, null),
                        null,
                        null,
                        files()))
            .getMessage(),
        containsString("static data region mem://regions.nc#nope: mem://regions.nc: no variable"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> new StaticDataSpec(Map.of("ais", "ais.nc"), null, null))
            .getMessage(),
        containsString("region mask 'ais': 'ais.nc' is not \"file#variable\""));
    FakeGridFiles f = files();
    f.add("mem://eleven.nc", G, java.util.Arrays.copyOf(monthsReversed(), 11));
    assertThat(
        assertThrows(
                IOException.class,
                () ->
                    StaticData.load(
                        new StaticDataSpec(null, null, "mem://eleven.nc"), null, null, f))
            .getMessage(),
        is(
            "static data file mem://eleven.nc: climatology has 11 time steps, expected 12 (one per calendar"
                + " month)"));
  }

  @Test
  void specResolvesRelativeFiles() {
    StaticDataSpec spec =
        new StaticDataSpec(Map.of("ais", "masks/ais.nc#mask"), "area.nc#a", "clim.nc")
            .resolvedAgainst("s3://bucket/run/config.yaml");
    assertThat(spec.regionMasks().get("ais"), is("s3://bucket/run/masks/ais.nc#mask"));
    assertThat(spec.cellAreas(), is("s3://bucket/run/area.nc#a"));
    assertThat(spec.climatology(), is("s3://bucket/run/clim.nc"));
  }
}
