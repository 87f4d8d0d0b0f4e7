package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class FieldGridTest {
  private static final double R = 6371.0088;
  static final FieldGrid MERRA2 = FieldGrid.regular(-90, 0.5, 361, -180, 0.625, 576);

  @Test
  void regularAxesAndCellIndex() {
    assertThat(MERRA2.cells(), is(361 * 576));
    assertThat(MERRA2.lat()[360], is(90.0));
    assertThat(MERRA2.lon()[575], is(179.375));
    // cell index = iLat * nLon + iLon
    assertThat(MERRA2.index(2, 3), is(2 * 576 + 3));
    assertThat(MERRA2.latOf(2 * 576 + 3), is(-89.0));
    assertThat(MERRA2.lonOf(2 * 576 + 3), is(-180 + 3 * 0.625));
    assertThrows(IndexOutOfBoundsException.class, () -> MERRA2.index(361, 0));
  }

  @Test
  void equalityIsOnValues() {
    FieldGrid a = new FieldGrid(new double[] {-1, 0, 1}, new double[] {10, 20});
    FieldGrid b = new FieldGrid(new double[] {-1, 0, 1}, new double[] {10, 20});
    assertThat(a, is(b));
    assertThat(a.hashCode(), is(b.hashCode()));
    assertThat(a, not(new FieldGrid(new double[] {-1, 0, 1}, new double[] {10, 21})));
    // the axes are copied in and out
    double[] lat = a.lat();
    lat[0] = 5;
    assertThat(a, is(b));
  }

  @Test
  void mismatchNamesTheAxisAndValue() {
    FieldGrid a = new FieldGrid(new double[] {-1, 0, 1}, new double[] {10, 20});
    assertThat(
        a.mismatch(new FieldGrid(new double[] {-1, 0, 1}, new double[] {10, 20.00001})),
        nullValue());
    assertThat(
        a.mismatch(new FieldGrid(new double[] {-1, 0}, new double[] {10, 20})),
        is("lat has 2 values, expected 3"));
    assertThat(
        a.mismatch(new FieldGrid(new double[] {-1, 0, 1}, new double[] {10, 20.5})),
        is("lon[1] = 20.5, expected 20.0"));
  }

  @Test
  void refusesBadAxes() {
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> new FieldGrid(new double[] {0, 1, 1}, new double[] {0}))
            .getMessage(),
        containsString("lat axis is not strictly monotonic: lat[1] = 1.0, lat[2] = 1.0"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> new FieldGrid(new double[] {0, 91}, new double[] {0}))
            .getMessage(),
        containsString("lat[1] = 91.0 is outside [-90, 90]"));
    assertThrows(
        IllegalArgumentException.class, () -> new FieldGrid(new double[] {}, new double[] {0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FieldGrid(new double[] {0}, new double[] {Double.NaN}));
    // decreasing axes are fine
    new FieldGrid(new double[] {90, 0, -90}, new double[] {0, 1});
  }

  @Test
  void computedAreasSumToTheSphere() {
    double[] a = MERRA2.sphericalCellAreasKm2();
    double sum = 0;
    for (double v : a) {
      sum += v;
    }
    assertThat(sum, closeTo(4 * Math.PI * R * R, 1e-9 * 4 * Math.PI * R * R));
  }

  @Test
  void computedAreasOfTwoByTwoAreQuarterSpheres() {
    // lat bounds -90 | 0 | 90 (clamped), lon bounds -90 | 90 | 270: each cell is a quarter sphere
    FieldGrid g = new FieldGrid(new double[] {-45, 45}, new double[] {0, 180});
    for (double v : g.sphericalCellAreasKm2()) {
      assertThat(v, closeTo(Math.PI * R * R, 1e-6));
    }
  }

  @Test
  void computedAreasOfAPolarCapMatchTheCapFormula() {
    // rows 0..59 are lat -90..-60.5; their upper bound is -60.25. A spherical cap of polar angle
    // theta has area 2 pi R^2 (1 - cos theta), theta = 90 - 60.25 degrees.
    double[] a = MERRA2.sphericalCellAreasKm2();
    double sum = 0;
    for (int c = 0; c < 60 * 576; c++) {
      sum += a[c];
    }
    double cap = 2 * Math.PI * R * R * (1 - Math.cos(Math.toRadians(90 - 60.25)));
    assertThat(sum, closeTo(cap, 1e-9 * cap));
    // the pole row is half as tall as the next: 0.25 degrees against 0.5
    assertThat(
        a[0] / a[576],
        closeTo(
            (Math.sin(Math.toRadians(-89.75)) + 1)
                / (Math.sin(Math.toRadians(-89.25)) - Math.sin(Math.toRadians(-89.75))),
            1e-12));
  }

  @Test
  void coderRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(FieldGrid.coder(), MERRA2);
    CoderProperties.coderDecodeEncodeEqual(
        FieldGrid.coder(), new FieldGrid(new double[] {1.5}, new double[] {-3.25, 7}));
    CoderProperties.coderDeterministic(FieldGrid.coder(), MERRA2, MERRA2);
  }
}
