package org.magg.transforms.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.magg.io.gridded.GridSlice;

/**
 * Per-timestep evaluation on a 3 x 3 grid with values 1..9 (row-major), unit cell areas, the region
 * {@code ais} = cells {0, 1, 3} and an event whose mask is the top-left 2 x 2 block {0, 1, 3, 4}.
 * Every expected value below is worked out by hand in the comments.
 */
class SliceEvaluatorTest {
  private static final long T0 = Instant.parse("2021-01-10T00:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;
  private static final double[] LAT = {-80, -75, -70};
  private static final double[] LON = {0, 0.625, 1.25};

  private static final List<MetricSpec> METRICS =
      List.of(
          new MetricSpec("max_ais", "V", "C", "max", "max", "ais", false, false, false),
          new MetricSpec(
              "min_ocean", "V", "C", "min", "first_landfall", "ocean", false, false, false),
          new MetricSpec("rain", "V", "C", "weighted_sum", "sum", "ais", false, false, true),
          new MetricSpec(
              "neg_mean", "V", "C", "weighted_mean", "weighted_mean", "ais", false, true, false),
          new MetricSpec("anom", "V", "C", "max", "max", "full", true, false, false),
          new MetricSpec("derived", "S", "C", "max", "max", "full", false, false, false),
          new MetricSpec("other", "X", "D", "max", "max", "full", false, false, false));

  private static final SliceEvaluator EVALUATOR =
      new SliceEvaluator(
          METRICS,
          Map.of(
              "S",
              new DerivedVariable(
                  "S",
                  "V + W",
                  List.of(new DerivedVariable.Term("V", 1), new DerivedVariable.Term("W", 1)))),
          "ais",
          Duration.ofHours(24),
          Duration.ofHours(3));

  private static final StaticFields STATICS =
      new StaticFields() {
        @Override
        public double[] cellAreas() {
          double[] a = new double[9];
          Arrays.fill(a, 1);
          return a;
        }

        @Override
        public boolean[] region(String name) {
          return name.equals("ais")
              ? new boolean[] {true, true, false, true, false, false, false, false, false}
              : null;
        }

        @Override
        public double[] climatology(String variable, int month) {
          double[] c = new double[9];
          Arrays.fill(c, month == 1 ? 0.5 : 100);
          return c;
        }
      };

  private static Map<String, GridSlice> fields() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] w = new double[9];
    for (int c = 0; c < 9; c++) {
      w[c] = 10 * v[c];
    }
    return Map.of("V", GridSlice.of(LAT, LON, v), "W", GridSlice.of(LAT, LON, w));
  }

  /** An event from T0 to T0 + 6 h with masks {0,1,3,4} at T0, then {8} at T0 + 3 h and T0 + 6 h. */
  private static final EventFootprint EVENT =
      new EventFootprint() {
        private final Map<Long, CellMask> masks =
            Map.of(
                T0,
                CellMask.of(new int[] {0, 1, 3, 4}),
                T0 + 3 * HOUR,
                CellMask.of(new int[] {8}),
                T0 + 6 * HOUR,
                CellMask.of(new int[] {8}));

        @Override
        public String id() {
          return "E1";
        }

        @Override
        public long startMillis() {
          return T0;
        }

        @Override
        public long endMillis() {
          return T0 + 6 * HOUR;
        }

        @Override
        public CellMask maskAt(long t) {
          return masks.get(t);
        }

        @Override
        public CellMask unionOf(long from, long to) {
          return CellMask.union(
              masks.entrySet().stream()
                  .filter(e -> e.getKey() >= from && e.getKey() <= to)
                  .map(Map.Entry::getValue)
                  .toList());
        }
      };

  private static EventStep at(long t) {
    return EVALUATOR.prepare("C", t, fields(), 1000, "test#" + t, STATICS).evaluate(EVENT);
  }

  @Test
  void landfallTimestepHasEveryMetricOfTheCollection() {
    EventStep s = at(T0);
    // ais = {0,1,3}: values 1, 2, 4 -> max 4
    assertEquals(4.0, s.value(0).value());
    // ocean = {4}: value 5; the event touches ais, so first_landfall gets it
    assertEquals(5.0, s.value(1).value());
    // precip: block T0, union of masks in [T0 - 21 h, T0] = {0,1,3,4}: (1 + 2 + 4) * 3600 * area 1
    assertEquals(7 * 3600.0, s.value(2).value());
    // negated weighted mean over ais: (-(1 + 2 + 4), 3)
    assertEquals(-7.0, s.value(3).value());
    assertEquals(3.0, s.value(3).weight());
    // anomaly in January: climatology 0.5, max over the full mask {0,1,3,4} of v - 0.5 = 4.5
    assertEquals(4.5, s.value(4).value());
    // S = V + 10 V: max over {0,1,3,4} = 5 + 50
    assertEquals(55.0, s.value(5).value());
    // another collection's metric is absent
    assertFalse(s.has(6));
    assertEquals(1000, s.bytesRead());
  }

  @Test
  void hoursBetweenMasksReachOnlyPrecipitation() {
    EventStep s = at(T0 + HOUR);
    for (int m = 0; m < METRICS.size(); m++) {
      assertEquals(m == 2, s.has(m), "metric " + m);
    }
    // block T0: the union of masks in [T0 - 21 h, T0] is {0,1,3,4}; ais part {0,1,3}
    assertEquals(7 * 3600.0, s.value(2).value());
  }

  @Test
  void noLandfallNoFirstLandfallValue() {
    EventStep s = at(T0 + 3 * HOUR); // mask {8}: outside ais
    assertFalse(s.has(1));
    assertTrue(s.has(0));
    assertTrue(Double.isNaN(s.value(0).value())); // ais part empty
    assertEquals(99.0, s.value(5).value()); // S at cell 8 = 9 + 90
    // precipitation keeps the cells of the last 24 h: {0,1,3,4} u {8}; ais part {0,1,3}
    assertEquals(7 * 3600.0, s.value(2).value());
  }

  @Test
  void afterTheEndOnlyPrecipitationUnderTheRollingMask() {
    EventStep s = at(T0 + 11 * HOUR); // block T0 + 9 h: masks in [T0 - 12 h, T0 + 9 h]: all
    for (int m = 0; m < METRICS.size(); m++) {
      assertEquals(m == 2, s.has(m), "metric " + m);
    }
    assertEquals(7 * 3600.0, s.value(2).value());
    // block T0 + 27 h: masks in [T0 + 6 h, T0 + 27 h] = {8}, outside ais
    assertEquals(0.0, at(T0 + 28 * HOUR).value(2).value());
    // block T0 + 30 h = end + 24 h is the last: no mask left in its window, sum 0
    assertEquals(0.0, at(T0 + 32 * HOUR).value(2).value());
    assertNull(at(T0 + 33 * HOUR)); // block T0 + 33 h is past end + 24 h
    assertNull(at(T0 - HOUR)); // before the start
    assertEquals(T0 + 33 * HOUR - 1, EVALUATOR.reachEnd("C", T0 + 6 * HOUR));
    assertEquals(T0 + 6 * HOUR, EVALUATOR.reachEnd("D", T0 + 6 * HOUR));
  }

  @Test
  void missingVariableIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EVALUATOR
                    .prepare("C", T0, Map.of("V", fields().get("V")), 0, "f.nc4#time=0", STATICS)
                    .evaluate(EVENT));
    assertTrue(e.getMessage().contains("f.nc4#time=0"), e.getMessage());
    assertTrue(e.getMessage().contains("variable W is missing"), e.getMessage());
  }
}
