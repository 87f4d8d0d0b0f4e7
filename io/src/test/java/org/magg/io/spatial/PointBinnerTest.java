package org.magg.io.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magg.core.grid.Morton;

/** Classification and child indices of the binner, checked against Morton arithmetic. */
class PointBinnerTest {

  @Test
  void classifiesEachPointOnceAndIndexesChildren() {
    double fill = 3.4028235e38;
    double[] lat = {-75.0, -75.001, 95.0, fill, -75.002, -75.003, 10.0, -75.004};
    double[] lon = {100.1, 100.1, 100.1, 100.1, Double.NaN, 100.1, 10.0, 100.1};
    double[] q = {0, 0, 0, 0, 0, 1, 0, 0};
    double[] h = {1, 2, 3, 4, 5, 6, 7, fill};
    PointColumns c =
        new PointColumns("gt1l", lat, fill, lon, fill, q, new double[][] {h}, new double[] {fill});
    long parent = Morton.encode(-75.0, 100.1, 6);
    PointBinner binner = new PointBinner(6, 12, null, 0.0);
    PointBinner.Granule g = binner.start(List.of(parent), 1);
    g.add(c);
    assertEquals(8, g.read);
    assertEquals(2, g.kept);
    assertEquals(2, g.filtered[FilterReason.FILL_VALUE.ordinal()]); // fill latitude, fill h
    assertEquals(2, g.filtered[FilterReason.INVALID_COORDINATE.ordinal()]); // lat 95, NaN lon
    assertEquals(1, g.filtered[FilterReason.QUALITY.ordinal()]);
    assertEquals(1, g.filtered[FilterReason.OUTSIDE_SELECTION.ordinal()]); // (10, 10)
    Map<Long, List<PointBatch>> batches = g.batches();
    assertEquals(1, batches.get(parent).size());
    PointBatch b = batches.get(parent).get(0);
    assertEquals(2, b.size());
    assertEquals(Morton.childIndex(Morton.encode(-75.0, 100.1, 12), 6), b.childIndex(0));
    assertEquals(Morton.childIndex(Morton.encode(-75.001, 100.1, 12), 6), b.childIndex(1));
    assertEquals(1.0, b.value(0, 0));
    assertEquals(2.0, b.value(0, 1));
  }

  @Test
  void outOfRangeCoordinatesAndInfinitiesAreFilteredNotWrapped() {
    double inf = Double.POSITIVE_INFINITY;
    // kept: (-75, 100.1) and the same point as lon 100.1 - 360 = -259.9 would be if wrapped
    double[] lat = {-75.0, -75.0, -75.0, -75.0, -75.0, 90.5, -inf, inf, -75.0, -75.0, -75.0};
    double[] lon = {100.1, -259.9, 460.1, 360.0, -180.0, 100.1, 100.1, 100.1, inf, 100.1, 100.1};
    double[] h = {1, 2, 3, 4, 5, 6, 7, 8, 9, inf, Double.NaN};
    PointColumns c =
        new PointColumns(
            "table",
            lat,
            Double.NaN,
            lon,
            Double.NaN,
            null,
            new double[][] {h},
            new double[] {Double.NaN});
    long parent = Morton.encode(-75.0, 100.1, 6);
    PointBinner.Granule g = new PointBinner(6, 12, null, null).start(List.of(parent), 1);
    g.add(c);
    g.malformedRow();
    g.malformedRow();
    assertEquals(13, g.read); // 11 points + 2 malformed rows
    // -259.9, 460.1 (lon); 90.5, -inf, +inf (lat); inf (lon)
    assertEquals(6, g.filtered[FilterReason.INVALID_COORDINATE.ordinal()]);
    // lon 360 and -180 are in range but in other cells than the selected one
    assertEquals(2, g.filtered[FilterReason.OUTSIDE_SELECTION.ordinal()]);
    assertEquals(1, g.filtered[FilterReason.INVALID_VALUE.ordinal()]); // h = inf
    assertEquals(1, g.filtered[FilterReason.FILL_VALUE.ordinal()]); // h = NaN
    assertEquals(2, g.filtered[FilterReason.MALFORMED_ROW.ordinal()]);
    assertEquals(1, g.kept);
    long filtered = 0;
    for (long f : g.filtered) {
      filtered += f;
    }
    assertEquals(g.read, g.kept + filtered);
    assertEquals(1.0, g.batches().get(parent).get(0).value(0, 0));
  }

  @Test
  void aCellsPointsGoInBatchesOfAtMostTheCapInOrder() {
    int n = 2 * PointBinner.MAX_BATCH_POINTS + 5;
    double[] lat = new double[n];
    double[] lon = new double[n];
    float[] h = new float[n];
    for (int i = 0; i < n; i++) {
      lat[i] = -75.0 - i * 1e-6;
      lon[i] = 100.1;
      h[i] = i;
    }
    PointColumns c =
        new PointColumns(
            "gt1l", lat, Double.NaN, lon, Double.NaN, null, new Object[] {h}, new double[] {-1});
    long parent = Morton.encode(-75.0, 100.1, 6);
    PointBinner.Granule g = new PointBinner(6, 12, null, null).start(List.of(parent), 1);
    g.add(c);
    assertEquals(n, g.kept);
    List<PointBatch> batches = g.batches().get(parent);
    assertEquals(3, batches.size());
    assertEquals(PointBinner.MAX_BATCH_POINTS, batches.get(0).size());
    assertEquals(PointBinner.MAX_BATCH_POINTS, batches.get(1).size());
    assertEquals(5, batches.get(2).size());
    int i = 0;
    for (PointBatch b : batches) {
      for (int k = 0; k < b.size(); k++, i++) {
        assertEquals(i, b.value(0, k), "point " + i + " in order");
        assertEquals(
            Morton.childIndex(Morton.encode(lat[i], lon[i], 12), 6), b.childIndex(k), "point " + i);
      }
    }
  }
}
