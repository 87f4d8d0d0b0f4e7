package org.magg.pipelines.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.gridded.GridSlice;
import org.magg.io.gridded.GriddedSource;
import org.magg.io.gridded.GriddedSources;

/**
 * The blob formula of {@link BlobFields} at cells and times worked out by hand from its
 * documentation, and the files written on the MERRA-2 grid read back through the project's gridded
 * reader.
 */
class BlobFieldsTest {
  @TempDir Path dir;

  /**
   * Worked out by hand:
   *
   * <ul>
   *   <li>t = 0 h at (0, 0): B = 60 + 100 cos^2(0) (1 + 0.5 sin 0) = 160; the nearest blobs (bands
   *       -10 and 10) are 10 degrees of latitude away, where 1 - d^2 <= 0: IVT = 160.
   *   <li>At the poles cos(phi) = 0: B = 60, and no blob reaches beyond 60 degrees: IVT = 60.
   *   <li>t = 60 h at (-50, -150): blob 0 (band -50, s = 0) is at lambda = -180 + 0.5 * 60 = -150
   *       with a = sin^2(180 * 60 / 120) = sin^2(90) = 1 and d = 0: +400. Blob 6 is at -180 + 120 +
   *       0.15 * 60 = -51 and blob 12 at wrap(-180 + 240 - 0.25 * 60) = 45, more than 25 degrees
   *       away; the other bands are 20 degrees of latitude away. B = 60 + 100 cos^2(50) (1 + 0.5
   *       sin(-300 + 900)) = 60 + 41.317591 (1 + 0.5 sin 240) = 60 + 41.317591 * 0.566987 =
   *       83.426549: IVT = 483.426549.
   *   <li>t = 60 h at (-50, -137.5): blob 0 at dx = 12.5 / 25 = 0.5, 1 - d^2 = 0.75, bump 0.5625:
   *       +225. B = 60 + 41.317591 (1 + 0.5 sin(-275 + 900)) = 60 + 41.317591 (1 + 0.5 sin 265) =
   *       60 + 41.317591 * 0.501905 = 80.737409: IVT = 305.737409.
   * </ul>
   */
  @Test
  void formulaGivesTheValuesWorkedOutByHand() {
    assertEquals(160.0, BlobFields.value(0, 0, 0), 1e-9);
    assertEquals(60.0, BlobFields.value(0, -90, 0), 1e-9);
    assertEquals(60.0, BlobFields.value(33, 90, 179.375), 1e-9);
    assertEquals(483.426549, BlobFields.value(60, -50, -150), 1e-5);
    assertEquals(305.737409, BlobFields.value(60, -50, -137.5), 1e-5);
    // a blob at zero amplitude adds nothing: blob 0 at t = 0 has sin^2(0) = 0, at its centre
    // (-50, -180) only the background is left: 60 + 41.317591 (1 + 0.5 sin(-360)) = 101.317591
    assertEquals(101.317591, BlobFields.value(0, -50, -180), 1e-5);
  }

  @Test
  void filesHoldTheFormulaOnTheMerra2GridOneChunkPerStep() throws Exception {
    BlobFields.Spec spec = BlobFields.Spec.merra2(LocalDate.of(2021, 1, 1), 3);
    BlobFields.Result r = BlobFields.generate(dir, spec);
    assertFalse(r.reused());
    assertEquals(3, r.files().size());
    assertEquals(dir.resolve("ivt_20210103.nc4"), r.files().get(2));
    assertEquals(r.files(), BlobFields.files(dir));
    assertEquals(24, spec.steps());
    assertEquals(24L * 361 * 576, spec.cells());

    // t = 60 h is day 3 (48 h), step (60 - 48) / 3 = 4; (-50, -150) is row 80, column 48
    try (GriddedSource src = GriddedSources.open(r.files().get(2).toString(), null)) {
      Instant[] times = src.times();
      assertEquals(8, times.length);
      assertEquals(Instant.parse("2021-01-03T00:00:00Z"), times[0]);
      assertEquals(Instant.parse("2021-01-03T12:00:00Z"), times[4]);
      assertEquals(Instant.parse("2021-01-03T21:00:00Z"), times[7]);
      assertEquals(361, src.lat().length);
      assertEquals(-50.0, src.lat()[80], 1e-12);
      assertEquals(-150.0, src.lon()[48], 1e-12);
      GridSlice g = src.read("IVT", 4);
      assertEquals((float) 483.426549, (float) g.values()[80 * 576 + 48], 1e-4);
      assertEquals((float) 305.737409, (float) g.values()[80 * 576 + 68], 1e-4);
      // every cell is the documented formula, stored as float32
      for (int c = 0; c < g.values().length; c += 997) {
        double lat = -90 + 0.5 * (c / 576);
        double lon = -180 + 0.625 * (c % 576);
        assertEquals((float) BlobFields.value(60, lat, lon), g.values()[c], 0.0, "cell " + c);
      }
    }
    // one chunk per timestep, deflated
    try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(r.files().get(0))) {
      io.jhdf.api.dataset.ChunkedDataset ds =
          (io.jhdf.api.dataset.ChunkedDataset) f.getDatasetByPath("IVT");
      assertArrayEquals(new int[] {1, 361, 576}, ds.getChunkDimensions());
      assertEquals(List.of("deflate"), ds.getFilters().stream().map(x -> x.getName()).toList());
    }
    // the same spec is reused; a shorter one removes the days it does not have
    assertTrue(BlobFields.generate(dir, spec).reused());
    BlobFields.Result one =
        BlobFields.generate(dir, BlobFields.Spec.merra2(LocalDate.of(2021, 1, 1), 1));
    assertFalse(one.reused());
    assertEquals(List.of(dir.resolve("ivt_20210101.nc4")), BlobFields.files(dir));
    assertTrue(Files.size(one.files().get(0)) < 8L * 361 * 576 * 4, "deflated");
  }
}
