package org.magg.transforms.spatial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellAggregatorsTest {
  private static final Set<String> KNOWN = Set.of("h_li", "s_li");

  /** The ATL06 configuration's nine variables. */
  static List<CellAggregator> atl06() {
    List<CellAggregator> a = new ArrayList<>();
    a.add(CellAggregators.compile("count", "len", "h_li", null, null, KNOWN));
    a.add(CellAggregators.compile("h_min", "min", "h_li", null, null, KNOWN));
    a.add(CellAggregators.compile("h_max", "max", "h_li", null, null, KNOWN));
    a.add(
        CellAggregators.compile(
            "h_mean", "average", "h_li", Map.of("weights", "1.0 / s_li**2"), null, KNOWN));
    a.add(
        CellAggregators.compile(
            "h_sigma", null, null, null, "1.0 / np.sqrt(np.sum(1.0 / s_li**2))", KNOWN));
    a.add(CellAggregators.compile("h_variance", "var", "h_li", null, null, KNOWN));
    a.add(CellAggregators.compile("h_q25", "quantile", "h_li", Map.of("q", 0.25), null, KNOWN));
    a.add(CellAggregators.compile("h_q50", "quantile", "h_li", Map.of("q", 0.50), null, KNOWN));
    a.add(CellAggregators.compile("h_q75", "quantile", "h_li", Map.of("q", 0.75), null, KNOWN));
    return a;
  }

  private static double[] f32(double... v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (double) (float) v[i];
    }
    return out;
  }

  private static CellColumns example() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("h_li", f32(120.5, 118.3, 122.1, 119.7, 121.0));
    m.put("s_li", f32(0.05, 0.10, 0.03, 0.08, 0.06));
    return CellColumns.of(m);
  }

  private static Map<String, Double> evaluate(List<CellAggregator> aggs, CellColumns cells) {
    Map<String, Double> r = new LinkedHashMap<>();
    for (CellAggregator a : aggs) {
      r.put(a.outputName(), a.apply(cells));
    }
    return r;
  }

  @Test
  void atl06WorkedExample() {
    Map<String, Double> r = evaluate(atl06(), example());
    assertEquals(5.0, r.get("count"));
    assertEquals(118.3f, (float) (double) r.get("h_min"));
    assertEquals(122.1f, (float) (double) r.get("h_max"));
    // numpy in float64 gives 121.26848807342263; magg's float32 arithmetic gives 121.26848f,
    // one float32 ulp below the float64 result rounded to float32 (121.268486f).
    assertEquals(121.26848807342263, r.get("h_mean"), 121.26848807342263 * 1e-12);
    assertEquals(121.26848f, (float) (double) r.get("h_mean"), Math.ulp(121.26848f));
    assertEquals(0.0221125, r.get("h_sigma"), 0.5e-7);
    assertEquals(0.022112537f, (float) (double) r.get("h_sigma"));
    assertEquals(1.6255972f, (float) (double) r.get("h_variance"));
    assertEquals(119.7f, (float) (double) r.get("h_q25"));
    assertEquals(120.5f, (float) (double) r.get("h_q50"));
    assertEquals(121.0f, (float) (double) r.get("h_q75"));
  }

  @Test
  void emptyCellGivesZeroCountAndNaNOtherwise() {
    CellColumns empty = CellColumns.of(Map.of("h_li", new double[0], "s_li", new double[0]));
    Map<String, Double> r = evaluate(atl06(), empty);
    assertEquals(0.0, r.get("count"));
    r.forEach(
        (k, v) -> {
          if (!k.equals("count")) {
            assertTrue(Double.isNaN(v), k + " = " + v);
          }
        });
    // also an empty slice of larger arrays, and functions that numpy would answer for []
    CellColumns slice = example().range(3, 3);
    assertEquals(0.0, CellAggregators.compile("n", "count", null, null, null, KNOWN).apply(slice));
    for (String f : List.of("nansum", "sum", "median", "std", "nanmax")) {
      assertTrue(
          Double.isNaN(CellAggregators.compile("x", f, "h_li", null, null, KNOWN).apply(slice)), f);
    }
    assertTrue(
        Double.isNaN(
            CellAggregators.compile("e", null, null, null, "len(h_li)", KNOWN).apply(slice)));
  }

  @Test
  void slicesSelectTheirPointsOnly() {
    double[] h = {1, 2, 3, 100, 200, 300, 400, -5};
    double[] s = {1, 1, 1, 1, 1, 1, 1, 1};
    CellColumns cells = CellColumns.over(List.of("s_li", "h_li"), s, h);
    List<CellAggregator> a = atl06();
    cells.range(3, 7);
    Map<String, Double> r = evaluate(a, cells);
    assertEquals(4.0, r.get("count"));
    assertEquals(100.0, r.get("h_min"));
    assertEquals(400.0, r.get("h_max"));
    assertEquals(250.0, r.get("h_mean"));
    assertEquals(0.5, r.get("h_sigma"));
    assertEquals(12500.0, r.get("h_variance"));
    assertEquals(175.0, r.get("h_q25"));
    assertEquals(250.0, r.get("h_q50"));
    assertEquals(325.0, r.get("h_q75"));
    cells.range(0, 3);
    assertEquals(2.0, a.get(7).apply(cells)); // cached sort of the previous range not reused
    cells.data(new double[] {9, 9}, new double[] {5, 6});
    assertEquals(5.5, a.get(7).apply(cells));
  }

  @Test
  void nanPropagatesLikeNumpy() {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("h_li", new double[] {1.0, Double.NaN, 3.0});
    m.put("s_li", new double[] {1.0, 1.0, 1.0});
    Map<String, Double> r = evaluate(atl06(), CellColumns.of(m));
    assertEquals(3.0, r.get("count")); // len counts NaN points
    for (String k : List.of("h_min", "h_max", "h_mean", "h_variance", "h_q25", "h_q50", "h_q75")) {
      assertTrue(Double.isNaN(r.get(k)), k);
    }
    assertEquals(1.0 / Math.sqrt(3.0), r.get("h_sigma"), 1e-15); // s_li has no NaN
    CellColumns cells = CellColumns.of(m);
    assertEquals(
        2.0, CellAggregators.compile("a", "nanmean", "h_li", null, null, KNOWN).apply(cells));
    assertEquals(
        1.0, CellAggregators.compile("a", "np.nanmin", "h_li", null, null, KNOWN).apply(cells));
    assertEquals(
        2.0, CellAggregators.compile("a", "nanmedian", "h_li", null, null, KNOWN).apply(cells));
  }

  @Test
  void weightsSummingToZeroRaiseLikeNumpy() {
    CellAggregator a =
        CellAggregators.compile(
            "h_mean", "average", "h_li", Map.of("weights", "s_li - s_li"), null, KNOWN);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.apply(example()));
    assertTrue(e.getMessage().contains("h_mean"), e.getMessage());
    assertTrue(e.getMessage().contains("sum to zero"), e.getMessage());
  }

  @Test
  void requiredVariablesAndCanonicalNames() {
    List<CellAggregator> a = atl06();
    assertEquals(Set.of("h_li"), a.get(0).requiredVariables());
    assertEquals(List.of("h_li", "s_li"), new ArrayList<>(a.get(3).requiredVariables()));
    assertEquals(Set.of("s_li"), a.get(4).requiredVariables());
    assertEquals("expression", a.get(4).function());
    assertEquals("len", CellAggregators.compile("n", "count", null, null, null, KNOWN).function());
    assertEquals(
        Set.of(),
        CellAggregators.compile("n", "count", null, null, null, KNOWN).requiredVariables());
    assertEquals(
        "max", CellAggregators.compile("m", "np.amax", "h_li", null, null, KNOWN).function());
    assertEquals(
        "quantile",
        CellAggregators.compile("q", "numpy.quantile", "h_li", Map.of("q", 1), null, KNOWN)
            .function());
    // an expression may carry a (validated, unused) source, as magg configs do
    CellAggregator e = CellAggregators.compile("e", null, "h_li", null, "np.max(s_li)", KNOWN);
    assertEquals(Set.of("s_li"), e.requiredVariables());
  }

  @Test
  void missingColumnIsReportedAtEvaluation() {
    CellColumns only = CellColumns.of(Map.of("s_li", new double[] {1.0}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> atl06().get(1).apply(only));
    assertTrue(
        e.getMessage().contains("'h_li'") && e.getMessage().contains("h_min"), e.getMessage());
  }

  @Test
  void percentileAndDdof() {
    CellColumns c = example();
    double p90 =
        CellAggregators.compile("p", "percentile", "h_li", Map.of("q", 90), null, KNOWN).apply(c);
    double q90 =
        CellAggregators.compile("q", "quantile", "h_li", Map.of("q", 0.9), null, KNOWN).apply(c);
    assertEquals(q90, p90);
    double var1 =
        CellAggregators.compile("v", "var", "h_li", Map.of("ddof", 1), null, KNOWN).apply(c);
    double var0 = CellAggregators.compile("v", "var", "h_li", null, null, KNOWN).apply(c);
    assertEquals(var0 * 5 / 4, var1, 1e-12);
    double std =
        CellAggregators.compile("s", "std", "h_li", Map.of("ddof", 0), null, KNOWN).apply(c);
    assertEquals(Math.sqrt(var0), std);
  }

  // ------------------------------------------------------------------ validation

  private static AggregationConfigException invalid(
      String name, String function, String source, Map<String, Object> params, String expr) {
    return assertThrows(
        AggregationConfigException.class,
        () -> CellAggregators.compile(name, function, source, params, expr, KNOWN));
  }

  @Test
  void unknownSourceNamesFieldAndKnownVariables() {
    AggregationConfigException e = invalid("h_mean", "average", "h", null, null);
    assertEquals("aggregation.variables.h_mean.source", e.path());
    assertEquals(
        "aggregation.variables.h_mean.source: 'h' is not a data_source variable"
            + " (known: h_li, s_li)",
        e.getMessage());
  }

  @Test
  void unknownFunctionListsAllowed() {
    AggregationConfigException e = invalid("x", "mode", "h_li", null, null);
    assertEquals("aggregation.variables.x.function", e.path());
    assertTrue(e.getMessage().contains("unknown function 'mode'"), e.getMessage());
    assertTrue(
        e.getMessage().contains("average, count, len, max, mean, median, min"), e.getMessage());
    assertEquals(
        "aggregation.variables.x.function", invalid("x", "np.len", "h_li", null, null).path());
  }

  @Test
  void quantileParameterChecks() {
    AggregationConfigException missing = invalid("h_q", "quantile", "h_li", null, null);
    assertEquals("aggregation.variables.h_q.params.q", missing.path());
    assertTrue(missing.getMessage().contains("required"), missing.getMessage());
    AggregationConfigException high = invalid("h_q", "quantile", "h_li", Map.of("q", 1.5), null);
    assertEquals("aggregation.variables.h_q.params.q: 1.5 is outside [0, 1]", high.getMessage());
    invalid("h_q", "quantile", "h_li", Map.of("q", -0.01), null);
    invalid("h_q", "quantile", "h_li", Map.of("q", Double.NaN), null);
    invalid("h_q", "quantile", "h_li", Map.of("q", "0.5"), null);
    invalid("h_q", "quantile", "h_li", Map.of("q", List.of(0.25, 0.75)), null);
    invalid("h_q", "percentile", "h_li", Map.of("q", 101), null);
    // boundaries are fine
    CellAggregators.compile("a", "quantile", "h_li", Map.of("q", 0), null, KNOWN);
    CellAggregators.compile("a", "quantile", "h_li", Map.of("q", 1.0), null, KNOWN);
  }

  @Test
  void functionAndExpressionRules() {
    AggregationConfigException both = invalid("v", "min", "h_li", null, "np.min(h_li)");
    assertEquals("aggregation.variables.v", both.path());
    assertTrue(both.getMessage().contains("mutually exclusive"), both.getMessage());
    AggregationConfigException neither = invalid("v", null, "h_li", null, null);
    assertEquals(
        "aggregation.variables.v: must specify 'function' or 'expression'", neither.getMessage());
    AggregationConfigException noSource = invalid("v", "min", null, null, null);
    assertEquals("aggregation.variables.v.source", noSource.path());
    AggregationConfigException column = invalid("v", null, null, null, "s_li * 2");
    assertEquals("aggregation.variables.v.expression", column.path());
    assertTrue(column.getMessage().contains("one value per point"), column.getMessage());
    AggregationConfigException bad = invalid("v", null, null, null, "np.sum(h)");
    assertEquals(
        "aggregation.variables.v.expression: unknown variable 'h' at position 7 in"
            + " expression 'np.sum(h)' (known: h_li, s_li)",
        bad.getMessage());
    assertInstanceOf(ExpressionException.class, bad.getCause());
    assertEquals(
        "aggregation.variables.v.params",
        invalid("v", null, null, Map.of("q", 0.5), "np.sum(h_li)").path());
  }

  @Test
  void paramChecks() {
    assertEquals(
        "aggregation.variables.v.params.q: not a parameter of function 'min'" + " (allowed: none)",
        invalid("v", "min", "h_li", Map.of("q", 0.5), null).getMessage());
    assertEquals(
        "aggregation.variables.v.params.weights",
        invalid("v", "average", "h_li", Map.of("weights", 2.0), null).path());
    AggregationConfigException scalarWeights =
        invalid("v", "average", "h_li", Map.of("weights", "np.sum(s_li)"), null);
    assertTrue(scalarWeights.getMessage().contains("single value"), scalarWeights.getMessage());
    AggregationConfigException badWeights =
        invalid("v", "average", "h_li", Map.of("weights", "1.0 / s**2"), null);
    assertEquals("aggregation.variables.v.params.weights", badWeights.path());
    assertTrue(badWeights.getMessage().contains("unknown variable 's'"), badWeights.getMessage());
    invalid("v", "var", "h_li", Map.of("ddof", -1), null);
    invalid("v", "var", "h_li", Map.of("ddof", 0.5), null);
    // a bare column name is a valid weights expression
    CellAggregators.compile("v", "average", "h_li", Map.of("weights", "s_li"), null, KNOWN);
  }

  @Test
  void aggregatorsSerialize() throws Exception {
    List<CellAggregator> a = atl06();
    CellColumns cells = example();
    Map<String, Double> before = evaluate(a, cells); // populate binding caches
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new ArrayList<>(a));
    }
    List<CellAggregator> back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      @SuppressWarnings("unchecked")
      List<CellAggregator> read = (List<CellAggregator>) in.readObject();
      back = read;
    }
    assertEquals(before, evaluate(back, cells));
    assertEquals(a.get(3).requiredVariables(), back.get(3).requiredVariables());
    assertFalse(back.get(3).toString().isEmpty());
  }
}
