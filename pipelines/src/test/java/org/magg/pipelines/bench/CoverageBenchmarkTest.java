package org.magg.pipelines.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.grid.GroundTracks;
import org.magg.testing.SharedData;

/**
 * The coverage benchmark's workload and arithmetic, on one round; no timing is checked. Its
 * footprints are the ones the grid tests check {@code CellCoverage} on.
 */
class CoverageBenchmarkTest {

  @Test
  void footprintsAreTheGridTestsFootprints() {
    List<double[][]> footprints = CoverageBenchmark.footprints();
    assertEquals(700, footprints.size());
    int k = 0;
    for (int orbit = 0; orbit < 50; orbit++) {
      for (int region = 0; region < 14; region++) {
        double[][] expected = GroundTracks.granule(orbit * 7, region, 30, 7.0);
        assertArrayEquals(expected[0], footprints.get(k)[0], "lon, orbit " + orbit * 7);
        assertArrayEquals(expected[1], footprints.get(k)[1], "lat, orbit " + orbit * 7);
        k++;
      }
    }
  }

  @Test
  void againstTheReferenceEveryCellIsInItsCoverage() throws Exception {
    Path jar = CoverageBenchmark.DEFAULT_REFERENCE_JAR;
    SharedData.requireOrSkip(
        Files.isRegularFile(jar),
        "the CDS HEALPix jar " + jar + ": install the Debian package libcds-healpix-java");
    CoverageBenchmark.Figures f = CoverageBenchmark.run(1, jar);
    assertEquals(700, f.footprints());
    assertEquals(60, f.vertices());
    assertEquals(1, f.coverage().rounds().size());
    assertEquals(1, f.reference().rounds().size());
    assertEquals(0, f.missedByReference());
    assertEquals(0, f.exitCode());
    // the grid tests find the reference's coverage identical for more than 95% of footprints
    assertTrue(f.identical() > 0.95 * 700, "identical: " + f.identical());
    assertTrue(f.reference().cells() >= f.coverage().cells(), f.toText());
    String text = f.toText();
    assertThat(text, containsString("700 ICESat-2-like granules, 60 vertices, 7 km wide"));
    assertThat(text, containsString("CDS HEALPix"));
    assertThat(text, containsString("every CellCoverage cell is in the reference's coverage"));
    assertThat(text, containsString("ratio:"));
  }

  @Test
  void withoutTheReferenceOnlyCellCoverageIsMeasured(@TempDir Path dir) throws Exception {
    Path none = dir.resolve("cdshealpix.jar");
    CoverageBenchmark.Figures f = CoverageBenchmark.run(2, none);
    assertNull(f.reference());
    assertEquals(2, f.coverage().rounds().size());
    assertEquals(
        f.coverage().granulesPerSecond(), java.util.Collections.max(f.coverage().rounds()));
    assertThat(f.toText(), containsString("reference:        not measured: no jar at " + none));
    assertEquals(0, f.exitCode());
  }
}
