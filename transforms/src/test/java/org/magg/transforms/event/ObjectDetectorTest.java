package org.magg.transforms.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;
import org.magg.io.temporal.FieldGrid;

/** Connected objects of one timestep: labels, order, wrap, connectivity, sizes and measures. */
class ObjectDetectorTest {
  private static final DetectionRules ANY8 = new DetectionRules(8, 1, 0);
  private static final DetectionRules ANY4 = new DetectionRules(4, 1, 0);

  private static List<DetectedObject> detect(
      DetectionGrid grid, DetectionRules rules, Blobs.Mask m) {
    return ObjectDetector.of(grid, rules).detect(Blobs.T0, m.mask, m.values).objects();
  }

  @Test
  void oneBlobHasItsCellsAreaCentroidAndMaximum() {
    FieldGrid g = Blobs.REGIONAL;
    Blobs.Mask m = Blobs.on(g).rect(3, 5, 10, 13, 2.0).cell(4, 12, 7.5).cell(5, 11, 7.5);
    m.values[Blobs.rect(g, 3, 3, 10, 10)[0]] = Double.NaN;
    List<DetectedObject> objects = detect(DetectionGrid.of(g), ANY8, m);
    assertEquals(1, objects.size());
    DetectedObject o = objects.get(0);
    int[] cells = Blobs.rect(g, 3, 5, 10, 13);
    assertEquals(1, o.number());
    assertArrayEquals(cells, o.cells());
    assertEquals(12, o.cellCount());
    assertEquals(Blobs.area(g, cells), o.areaKm2(), 1e-6);
    double[] c = Blobs.centroid(g, cells);
    assertEquals(c[0], o.centroidLat(), 1e-9);
    assertEquals(c[1], o.centroidLon(), 1e-9);
    // the NaN is ignored; 7.5 first appears (row-major) at row 4, column 12
    assertEquals(7.5, o.maxValue());
    assertEquals(4 * 20 + 12, o.maxCell());
    assertFalse(o.landfall());
  }

  @Test
  void objectsAreNumberedByTheirFirstCellInRowMajorOrder() {
    FieldGrid g = Blobs.REGIONAL;
    // a large object whose first cell is at row 5, a small one starting at row 2 further east,
    // and a U shape whose arms meet only at the bottom (labelled apart, then united)
    Blobs.Mask m =
        Blobs.on(g).rect(5, 9, 0, 4).rect(2, 2, 15, 16).rect(12, 15, 10, 10).rect(12, 15, 13, 13);
    m.rect(15, 15, 10, 13);
    List<DetectedObject> objects = detect(DetectionGrid.of(g), ANY4, m);
    assertEquals(3, objects.size());
    assertArrayEquals(Blobs.rect(g, 2, 2, 15, 16), objects.get(0).cells());
    assertArrayEquals(Blobs.rect(g, 5, 9, 0, 4), objects.get(1).cells());
    assertEquals(4 + 4 + 2, objects.get(2).cellCount());
    assertEquals(12 * 20 + 10, objects.get(2).cells()[0]);
    assertEquals(List.of(1, 2, 3), objects.stream().map(DetectedObject::number).toList());
  }

  @Test
  void diagonalCellsAreOneObjectWith8ConnectivityAndSeparateWith4() {
    FieldGrid g = Blobs.REGIONAL;
    Blobs.Mask m = Blobs.on(g);
    for (int k = 0; k < 5; k++) {
      m.cell(2 + k, 2 + k, 1); // a diagonal going down-right
      m.cell(10 + k, 12 - k, 1); // and one going down-left
    }
    DetectionGrid grid = DetectionGrid.of(g);
    assertEquals(2, detect(grid, ANY8, m).size());
    assertEquals(10, detect(grid, ANY4, m).size());
  }

  @Test
  void longitudeWrapsOnAGlobalGridOnly() {
    FieldGrid g = Blobs.GLOBAL;
    assertTrue(DetectionGrid.isGlobal(g));
    assertFalse(DetectionGrid.isGlobal(Blobs.REGIONAL));
    // columns 35 (170°) and 0 (-180°) of rows 9..10: across the antimeridian
    Blobs.Mask m = Blobs.on(g).rect(9, 10, 35, 35).rect(9, 10, 0, 0);
    DetectionGrid wrapping = DetectionGrid.of(g);
    List<DetectedObject> one = detect(wrapping, ANY4, m);
    assertEquals(1, one.size());
    assertEquals(4, one.get(0).cellCount());
    // centroid half-way between 170° and 180°; the latitude by formula
    assertEquals(175, one.get(0).centroidLon(), 1e-9);
    assertEquals(Blobs.centroid(g, one.get(0).cells())[0], one.get(0).centroidLat(), 1e-9);
    assertEquals(2, detect(wrapping.withWrap(false), ANY4, m).size());
    // diagonal across the antimeridian: row 9 column 35 and row 10 column 0
    Blobs.Mask d = Blobs.on(g).cell(9, 35, 1).cell(10, 0, 1).cell(3, 0, 1).cell(4, 35, 1);
    assertEquals(2, detect(wrapping, ANY8, d).size());
    assertEquals(4, detect(wrapping, ANY4, d).size());
  }

  @Test
  void longitudeOnTheAntimeridianIsMinus180() {
    // longitudes 0..350: the cell at 180° gives a unit vector with y = +1.2e-16, whose atan2 is
    // +180; the centroid longitude is in [-180, 180), so -180
    FieldGrid g = FieldGrid.regular(-90, 10, 19, 0, 10, 36);
    Blobs.Mask m = Blobs.on(g).rect(12, 12, 18, 18);
    DetectedObject o = detect(DetectionGrid.of(g), ANY4, m).get(0);
    assertEquals(-180.0, o.centroidLon());
  }

  @Test
  void centroidOfAPolarCapIsThePole() {
    FieldGrid g = Blobs.GLOBAL;
    // the two northernmost rows (lat 80 and the pole row 90) all round: a naive mean of
    // latitudes would give about 84°, the mean unit vector points at the pole
    Blobs.Mask cap = Blobs.on(g).rect(17, 18, 0, 35);
    DetectedObject o = detect(DetectionGrid.of(g), ANY8, cap).get(0);
    assertEquals(72, o.cellCount());
    assertEquals(90, o.centroidLat(), 1e-6);
    // half the cap (longitudes -180..-10 at lat 80, plus the whole pole row): by formula
    Blobs.Mask half = Blobs.on(g).rect(18, 18, 0, 35).rect(17, 17, 0, 17);
    DetectedObject h = detect(DetectionGrid.of(g), ANY8, half).get(0);
    double[] c = Blobs.centroid(g, h.cells());
    assertEquals(c[0], h.centroidLat(), 1e-9);
    assertEquals(c[1], h.centroidLon(), 1e-9);
    assertEquals(-95, h.centroidLon(), 1e-9); // the middle of -180..-10
    assertTrue(h.centroidLat() > 80 && h.centroidLat() < 90);
  }

  @Test
  void smallObjectsAreDroppedByCellsOrArea() {
    FieldGrid g = Blobs.REGIONAL;
    Blobs.Mask m = Blobs.on(g).rect(1, 1, 1, 3).rect(5, 6, 5, 6).rect(10, 12, 10, 12);
    DetectionGrid grid = DetectionGrid.of(g);
    assertEquals(3, detect(grid, ANY8, m).size());
    List<DetectedObject> atLeast4 = detect(grid, new DetectionRules(8, 4, 0), m);
    assertEquals(2, atLeast4.size());
    // renumbered densely among the kept objects
    assertEquals(1, atLeast4.get(0).number());
    assertArrayEquals(Blobs.rect(g, 5, 6, 5, 6), atLeast4.get(0).cells());
    double fourCells = Blobs.area(g, Blobs.rect(g, 5, 6, 5, 6));
    List<DetectedObject> byArea = detect(grid, new DetectionRules(8, 1, fourCells + 1), m);
    assertEquals(1, byArea.size());
    assertArrayEquals(Blobs.rect(g, 10, 12, 10, 12), byArea.get(0).cells());
  }

  @Test
  void givenCellAreasAreUsed() {
    FieldGrid g = Blobs.REGIONAL;
    double[] areas = new double[g.cells()];
    java.util.Arrays.fill(areas, 2.5);
    Blobs.Mask m = Blobs.on(g).rect(0, 1, 0, 2);
    DetectedObject o = detect(DetectionGrid.of(g, areas), ANY8, m).get(0);
    assertEquals(15.0, o.areaKm2());
    assertThrows(IllegalArgumentException.class, () -> DetectionGrid.of(g, new double[3]));
  }

  @Test
  void landfallMarksObjectsTouchingTheRegion() {
    FieldGrid g = Blobs.REGIONAL;
    boolean[] land = new boolean[g.cells()];
    land[6 * 20 + 6] = true;
    Blobs.Mask m = Blobs.on(g).rect(1, 2, 1, 2).rect(5, 6, 5, 6);
    List<DetectedObject> objects =
        ObjectDetector.of(DetectionGrid.of(g), ANY8)
            .withLandfall(land)
            .detect(Blobs.T0, m.mask, m.values)
            .objects();
    assertFalse(objects.get(0).landfall());
    assertTrue(objects.get(1).landfall());
  }

  @Test
  void theDetectorIsReusableAndRefusesWrongSizes() {
    FieldGrid g = Blobs.REGIONAL;
    ObjectDetector d = ObjectDetector.of(DetectionGrid.of(g), ANY8);
    Blobs.Mask big = Blobs.on(g);
    for (int r = 0; r < 20; r += 2) {
      big.rect(r, r, 0, 19);
    }
    assertEquals(10, d.detect(Blobs.T0, big.mask, big.values).objects().size());
    Blobs.Mask small = Blobs.on(g).rect(3, 4, 3, 4);
    List<DetectedObject> again = d.detect(Blobs.T0, small.mask, small.values).objects();
    assertEquals(1, again.size());
    assertArrayEquals(Blobs.rect(g, 3, 4, 3, 4), again.get(0).cells());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> d.detect(Blobs.T0, new boolean[10], new double[g.cells()]));
    assertTrue(e.getMessage().contains("mask has 10 cells"), e.getMessage());
  }

  @Test
  void rulesRefuseBadSettings() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new DetectionRules(6, 1, 0))
            .getMessage()
            .contains("connectivity is 6 (expected 4 or 8)"));
    assertThrows(IllegalArgumentException.class, () -> new DetectionRules(8, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new DetectionRules(8, 1, -1));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new TrackingRules(0, 1, 0))
            .getMessage()
            .contains("min_overlap is 0.0 (expected a number in (0, 1])"));
    assertThrows(IllegalArgumentException.class, () -> new TrackingRules(1.5, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new TrackingRules(0.5, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new TrackingRules(0.5, 1, -1));
  }

  @Test
  void stepObjectsRoundTripThroughTheirCoder() throws Exception {
    FieldGrid g = Blobs.REGIONAL;
    Blobs.Mask m = Blobs.on(g).rect(1, 2, 1, 2, 3).rect(5, 9, 5, 6, Double.NaN);
    StepObjects s =
        ObjectDetector.of(DetectionGrid.of(g), ANY8).detect(Blobs.t(3), m.mask, m.values);
    CoderProperties.coderDecodeEncodeEqual(StepObjects.coder(), s);
    CoderProperties.coderDeterministic(StepObjects.coder(), s, s);
    CoderProperties.coderDecodeEncodeEqual(
        StepObjects.coder(), new StepObjects(Blobs.t(1), g.cells(), List.of()));
  }
}
