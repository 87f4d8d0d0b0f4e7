package org.magg.transforms.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares every aggregator against values computed independently by numpy (float64) for a few
 * hundred cells; see {@code generate_numpy_reference.py} next to the JSON for how they were made.
 */
class NumpyReferenceTest {
  private static final double REL_TOL = 1e-9;

  private static List<String> columns;
  private static List<CellAggregator> aggregators;
  private static List<Map<String, double[]>> cells;
  private static List<double[]> expected; // per cell, per aggregator

  @BeforeAll
  static void load() throws IOException {
    JsonMapper mapper =
        JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    JsonNode doc;
    try (InputStream in = NumpyReferenceTest.class.getResourceAsStream("numpy_reference.json")) {
      assertTrue(in != null, "numpy_reference.json missing from test resources");
      doc = mapper.readTree(in);
    }
    columns = new ArrayList<>();
    doc.get("columns").forEach(n -> columns.add(n.asText()));
    Set<String> known = new LinkedHashSet<>(columns);

    aggregators = new ArrayList<>();
    for (JsonNode v : doc.get("variables")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> params =
          v.has("params") ? mapper.convertValue(v.get("params"), Map.class) : null;
      aggregators.add(
          CellAggregators.compile(
              v.get("name").asText(),
              text(v, "function"),
              text(v, "source"),
              params,
              text(v, "expression"),
              known));
    }

    cells = new ArrayList<>();
    expected = new ArrayList<>();
    for (JsonNode c : doc.get("cells")) {
      Map<String, double[]> cols = new LinkedHashMap<>();
      for (String name : columns) {
        JsonNode arr = c.get("columns").get(name);
        double[] values = new double[arr.size()];
        for (int i = 0; i < values.length; i++) {
          // float32 data widened as a float32 reader would
          values[i] = (double) (float) arr.get(i).asDouble();
        }
        cols.put(name, values);
      }
      cells.add(cols);
      double[] e = new double[aggregators.size()];
      for (int k = 0; k < e.length; k++) {
        e[k] = c.get("expected").get(aggregators.get(k).outputName()).asDouble();
      }
      expected.add(e);
    }
  }

  private static String text(JsonNode v, String field) {
    return v.has(field) ? v.get(field).asText() : null;
  }

  static void assertClose(double want, double got, Supplier<String> what) {
    if (Double.isNaN(want) || Double.isNaN(got)) {
      if (!(Double.isNaN(want) && Double.isNaN(got))) {
        fail(what.get() + ": expected " + want + " but got " + got);
      }
      return;
    }
    if (want == got) {
      return;
    }
    double scale = Math.max(Math.abs(want), Math.abs(got));
    if (!(Math.abs(want - got) <= REL_TOL * scale)) {
      fail(
          what.get()
              + ": expected "
              + want
              + " but got "
              + got
              + " (relative difference "
              + Math.abs(want - got) / scale
              + ")");
    }
  }

  @Test
  void referenceCoversEnough() {
    assertTrue(cells.size() >= 300, "cells: " + cells.size());
    assertTrue(aggregators.size() >= 60, "variables: " + aggregators.size());
    int maxSize = cells.stream().mapToInt(c -> c.get("h_li").length).max().orElse(0);
    assertEquals(50, maxSize);
  }

  @Test
  void eachCellOnItsOwnArrays() {
    for (int c = 0; c < cells.size(); c++) {
      CellColumns cols = CellColumns.of(cells.get(c));
      for (int k = 0; k < aggregators.size(); k++) {
        int cell = c;
        CellAggregator a = aggregators.get(k);
        assertClose(
            expected.get(c)[k], a.apply(cols), () -> "cell " + cell + " " + a + " on " + cols);
      }
    }
  }

  /** All cells packed into shared arrays and visited by moving the range, cell-major. */
  @Test
  void cellsAsSlicesOfSharedArrays() {
    Packed p = pack();
    for (int c = 0; c < cells.size(); c++) {
      p.cols.range(p.start[c], p.start[c + 1]);
      for (int k = 0; k < aggregators.size(); k++) {
        int cell = c;
        CellAggregator a = aggregators.get(k);
        assertClose(expected.get(c)[k], a.apply(p.cols), () -> "cell " + cell + " " + a);
      }
    }
  }

  /** Variable-major order: cached sorted copies must be refreshed on every range change. */
  @Test
  void variableMajorOverSlices() {
    Packed p = pack();
    for (int k = aggregators.size() - 1; k >= 0; k--) {
      for (int c = 0; c < cells.size(); c++) {
        p.cols.range(p.start[c], p.start[c + 1]);
        int cell = c;
        CellAggregator a = aggregators.get(k);
        assertClose(expected.get(c)[k], a.apply(p.cols), () -> "cell " + cell + " " + a);
      }
    }
  }

  private static final class Packed {
    CellColumns cols;
    int[] start;
  }

  private static Packed pack() {
    Packed p = new Packed();
    p.start = new int[cells.size() + 1];
    for (int c = 0; c < cells.size(); c++) {
      p.start[c + 1] = p.start[c] + cells.get(c).get(columns.get(0)).length;
    }
    // leave some slack at both ends so ranges never touch the array bounds
    int pad = 7;
    double[][] arrays = new double[columns.size()][p.start[cells.size()] + 2 * pad];
    for (double[] a : arrays) {
      java.util.Arrays.fill(a, Double.NaN);
    }
    for (int c = 0; c < cells.size(); c++) {
      for (int j = 0; j < columns.size(); j++) {
        double[] src = cells.get(c).get(columns.get(j));
        System.arraycopy(src, 0, arrays[j], pad + p.start[c], src.length);
      }
    }
    for (int c = 0; c <= cells.size(); c++) {
      p.start[c] += pad;
    }
    // reversed column order: bindings are by name, not position
    List<String> names = new ArrayList<>(columns);
    java.util.Collections.reverse(names);
    double[][] reversed = new double[arrays.length][];
    for (int j = 0; j < arrays.length; j++) {
      reversed[j] = arrays[arrays.length - 1 - j];
    }
    p.cols = CellColumns.over(names, reversed);
    return p;
  }
}
