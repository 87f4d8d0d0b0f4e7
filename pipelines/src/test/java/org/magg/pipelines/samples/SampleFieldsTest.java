package org.magg.pipelines.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.gridded.GridSlice;
import org.magg.io.gridded.GriddedSource;
import org.magg.io.gridded.GriddedSources;
import org.magg.io.temporal.StaticData;
import org.magg.io.temporal.StaticDataSpec;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.TemporalConfig;

/**
 * The generated MERRA-2-shaped collections on a small grid (13 x 16: 15 x 22.5 degrees), read back
 * through the project's gridded reader and static-data loader, against the formulas of {@link
 * SampleFields}' documentation written out here with the documented constants.
 */
class SampleFieldsTest {
  private static final SampleFields.Spec SPEC =
      new SampleFields.Spec(LocalDate.of(2021, 3, 1), 2, 13, 16, 2, 1);

  @TempDir Path dir;

  /** The documented formula: b + a (cos phi + 0.25 cos 2phi sin(lambda + 15 t)) + s k. */
  private static double formula(
      double b, double a, double s, Instant t, double lat, double lon, int k) {
    double hours = t.getEpochSecond() / 3600.0;
    double phi = Math.toRadians(lat);
    return b
        + a
            * (Math.cos(phi)
                + 0.25 * Math.cos(2 * phi) * Math.sin(Math.toRadians(lon + 15 * hours)))
        + s * k;
  }

  @Test
  void filesCarryTheDocumentedShapesTimesAndValues() throws Exception {
    SampleFields.Result r = SampleFields.generate(dir, SPEC);
    assertEquals(4 * 2, r.files().size());
    assertFalse(r.reused());

    // the built-in config's globs find exactly one file per collection and day
    TemporalConfig config = ConfigLoader.loadTemporal("merra2_storm", null);
    for (TemporalConfig.CollectionSpec c : config.usedCollections()) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + c.files());
      long matched = r.files().stream().filter(p -> m.matches(dir.relativize(p))).count();
      assertEquals(2, matched, c.name() + " " + c.files());
    }

    double[] lat = new double[13];
    for (int i = 0; i < 13; i++) {
      lat[i] = -90 + 15 * i;
    }
    double[] lon = new double[16];
    for (int j = 0; j < 16; j++) {
      lon[j] = -180 + 22.5 * j;
    }

    // day 2 of the half-hour time averages: 24 steps stamped 2021-03-02 hh:30
    Path tavg = dir.resolve("M2T1NXINT/MERRA2_400.tavg1_2d_int_Nx.20210302.nc4");
    try (GriddedSource src = GriddedSources.open(tavg.toString(), null)) {
      Instant[] times = src.times();
      assertEquals(24, times.length);
      assertEquals(Instant.parse("2021-03-02T00:30:00Z"), times[0]);
      assertEquals(Instant.parse("2021-03-02T23:30:00Z"), times[23]);
      assertArrayEquals(lat, src.lat(), 1e-12);
      assertArrayEquals(lon, src.lon(), 1e-12);
      GridSlice g = src.read("PRECCU", 5);
      assertEquals(1, g.levels());
      for (int[] c : new int[][] {{0, 0}, {6, 8}, {12, 15}, {3, 11}}) {
        // PRECCU: b = 3e-5, a = 2e-5
        double want = formula(3e-5, 2e-5, 0, times[5], lat[c[0]], lon[c[1]], 0);
        assertEquals((float) want, g.values()[c[0] * 16 + c[1]], 1e-12);
        assertTrue(g.values()[c[0] * 16 + c[1]] > 0);
      }
    }

    // instantaneous T2M stamped hh:00
    Path inst = dir.resolve("M2I1NXASM/MERRA2_400.inst1_2d_asm_Nx.20210301.nc4");
    try (GriddedSource src = GriddedSources.open(inst.toString(), null)) {
      Instant[] times = src.times();
      assertEquals(Instant.parse("2021-03-01T07:00:00Z"), times[7]);
      GridSlice g = src.read("T2M", 7);
      // T2M: b = 250, a = 30; at lat 0, lon -180 + 22.5 * 4 = -90
      assertEquals((float) formula(250, 30, 0, times[7], 0, -90, 0), g.values()[6 * 16 + 4], 0);
    }

    // OMEGA: 8 three-hourly steps on 2 of the levels 850, 700, ...
    Path omega = dir.resolve("M2I3NPASM/MERRA2_400.inst3_3d_asm_Np.20210302.nc4");
    try (GriddedSource src = GriddedSources.open(omega.toString(), null)) {
      Instant[] times = src.times();
      assertEquals(8, times.length);
      assertEquals(Instant.parse("2021-03-02T21:00:00Z"), times[7]);
      assertArrayEquals(new double[] {850, 700}, src.levels(), 0);
      GridSlice g = src.read("OMEGA", 3);
      assertEquals(2, g.levels());
      // OMEGA: b = 0, a = 0.5, level step -0.1; level 1, lat -45, lon 157.5
      double want = formula(0, 0.5, -0.1, times[3], -45, 157.5, 1);
      assertEquals((float) want, g.values()[13 * 16 + 3 * 16 + 15], 1e-7);
    }

    assertTrue(SampleFields.generate(dir, SPEC).reused());
  }

  @Test
  void staticDataLoadsAsTheConfigNamesIt() throws Exception {
    SampleFields.generate(dir, SPEC);
    TemporalConfig config = ConfigLoader.loadTemporal("merra2_storm", null);
    TemporalConfig.StaticDataConfig sd = config.staticData();
    StaticDataSpec spec =
        new StaticDataSpec(sd.regions(), sd.cellAreas(), sd.climatology())
            .resolvedAgainst(dir.resolve("static").toString());
    StaticData data = StaticData.load(spec, null);

    // lat <= -65: the rows at -90 and -75
    boolean[] ais = data.region("ais");
    for (int c = 0; c < ais.length; c++) {
      assertEquals(c < 2 * 16, ais[c], "cell " + c);
    }
    // spherical areas in m2 sum to 4 pi R^2, R = 6371.0088 km
    double sum = 0;
    for (double a : data.cellAreas()) {
      sum += a;
    }
    double r = 6371008.8;
    assertEquals(4 * Math.PI * r * r, sum, 1e-6 * sum);
    // climatology of TQV (b = 10, a = 8) for May at lat 30: b + a cos(30) + 0.01 a (5 - 1)
    double want = 10 + 8 * Math.cos(Math.toRadians(30)) + 0.01 * 8 * 4;
    assertEquals((float) want, data.climatology("TQV", 5)[8 * 16 + 3], 0);
  }

  @Test
  void eventsFitTheFieldsAndBadSpecsAreRefused() {
    // 3 days: the latest first mask is at 24 * 3 - 72 = 0 h, so every event starts at 00:00
    SampleFields.Spec three = new SampleFields.Spec(LocalDate.of(2021, 1, 1), 3, 13, 16, 1, 0);
    List<org.magg.io.temporal.Event> events = SampleFields.events(three, 20, 1).generate();
    assertEquals(20, events.size());
    for (org.magg.io.temporal.Event e : events) {
      assertEquals(Instant.parse("2021-01-01T00:00:00Z"), e.start());
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SampleFields.events(
                new SampleFields.Spec(LocalDate.of(2021, 1, 1), 2, 13, 16, 1, 0), 5, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SampleFields.Spec(LocalDate.of(2021, 1, 1), 2, 13, 16, 5, 0));
  }
}
