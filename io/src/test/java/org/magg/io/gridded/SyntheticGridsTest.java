package org.magg.io.gridded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.zarr.ZarrFormat;

/**
 * Full-size (361 x 576) hourly fields written by jhdf and by our Zarr writer read back as the
 * formula says; the DimensionNames fallback is used for the HDF5 file (no dimension scales).
 */
class SyntheticGridsTest {

  private static void check(GriddedSource src, Instant day) throws IOException {
    Instant[] times = src.times();
    assertEquals(3, times.length);
    assertEquals(day.plusSeconds(1800 + 2 * 3600), times[2]);
    for (int t = 0; t < 3; t++) {
      GridSlice g = src.read("T", t);
      assertEquals(SyntheticGrids.NLAT, g.nLat());
      assertEquals(SyntheticGrids.NLON, g.nLon());
      for (int[] c : new int[][] {{0, 0}, {180, 288}, {360, 575}, {77, 401}}) {
        assertEquals(
            SyntheticGrids.value(t, c[0], c[1]),
            g.values()[c[0] * SyntheticGrids.NLON + c[1]],
            0.0);
      }
    }
  }

  @Test
  void hdf5AndZarrSyntheticFilesReadAsWritten(@TempDir Path dir) throws IOException {
    Instant day = Instant.parse("2021-01-10T00:00:00Z");
    Path h5 = dir.resolve("synthetic.nc4");
    SyntheticGrids.writeHdf5(h5, day, 3);
    try (GriddedSource src = GriddedSources.open(h5.toString(), null)) {
      check(src, day);
    }
    Path zarr = dir.resolve("synthetic.zarr");
    SyntheticGrids.writeZarr(zarr, ZarrFormat.V3, day, 3);
    try (GriddedSource src = GriddedSources.open(zarr.toString(), null)) {
      check(src, day);
    }
  }
}
