package org.magg.transforms.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The detection predicate: comparisons, boolean operators, threshold fields and errors. */
class DetectionExpressionTest {
  private static final Set<String> KNOWN = Set.of("V", "W");
  private static final Map<String, double[]> VALUES =
      Map.of(
          "V", new double[] {0, 100, 250, 300, Double.NaN},
          "W", new double[] {-1, 5, 5, -2, 7});

  private static boolean[] eval(String expr) {
    return DetectionExpression.parse(expr, KNOWN)
        .evaluate(
            VALUES,
            1,
            (ref, month) -> {
              throw new AssertionError("no field");
            });
  }

  @Test
  void comparesCellByCellWithIeeeNaN() {
    assertArrayEquals(new boolean[] {false, false, false, true, false}, eval("V > 250"));
    assertArrayEquals(new boolean[] {false, false, true, true, false}, eval("V >= 250"));
    assertArrayEquals(new boolean[] {true, true, false, false, false}, eval("V < 250"));
    assertArrayEquals(new boolean[] {false, false, true, false, false}, eval("V == 250"));
    // NaN compares false, except with !=
    assertArrayEquals(new boolean[] {true, true, false, true, true}, eval("V != 250"));
    // arithmetic on both sides
    assertArrayEquals(
        new boolean[] {false, false, false, true, false}, eval("V / 2 > W * 20 + 100"));
  }

  @Test
  void andBindsTighterThanOrAndNotTighterThanAnd() {
    // (V > 250) or ((W < 0) and (V < 50))
    assertArrayEquals(
        new boolean[] {true, false, false, true, false}, eval("V > 250 or W < 0 and V < 50"));
    assertArrayEquals(
        new boolean[] {true, false, false, true, false}, eval("V > 250 | W < 0 & V < 50"));
    assertArrayEquals(
        new boolean[] {false, false, false, true, false}, eval("(V > 250 | W < 0) & not V < 50"));
    assertArrayEquals(new boolean[] {false, true, true, false, true}, eval("~(W < 0)"));
    assertEquals(
        List.of("V", "W"), DetectionExpression.parse("V > 1 and W < 2", KNOWN).variables());
  }

  @Test
  void thresholdFieldsAreReadForTheTimestepsMonth() {
    DetectionExpression e =
        DetectionExpression.parse("V > monthly('p85.nc#V') and V > static(\"floor.nc#F\")", KNOWN);
    assertEquals(
        List.of(
            new DetectionExpression.FieldRef(true, "p85.nc#V"),
            new DetectionExpression.FieldRef(false, "floor.nc#F")),
        e.fields());
    assertEquals(List.of("V"), e.variables());
    boolean[] m =
        e.evaluate(
            VALUES,
            7,
            (ref, month) ->
                ref.monthly()
                    ? new double[] {month * 10, month * 10, month * 10, month * 10, 0}
                    : new double[] {0, 0, 260, 260, 0});
    // July: V > 70 and V > floor
    assertArrayEquals(new boolean[] {false, true, false, true, false}, m);
  }

  @Test
  void errorsNameTheProblem() {
    String unknown = assertThrows(IllegalArgumentException.class, () -> eval("X > 1")).getMessage();
    assertTrue(unknown.contains("unknown variable 'X'"), unknown);
    String notBoolean =
        assertThrows(IllegalArgumentException.class, () -> eval("V * 2")).getMessage();
    assertTrue(notBoolean.contains("'V * 2' is not boolean"), notBoolean);
    String chained =
        assertThrows(IllegalArgumentException.class, () -> eval("1 < V < 5")).getMessage();
    assertTrue(chained.contains("chains comparisons"), chained);
    String ref =
        assertThrows(IllegalArgumentException.class, () -> eval("V > monthly('p85.nc')"))
            .getMessage();
    assertTrue(ref.contains("expected 'file#variable'"), ref);
    String open = assertThrows(IllegalArgumentException.class, () -> eval("(V > 1")).getMessage();
    assertTrue(open.contains("'(' is not closed"), open);
    String side = assertThrows(IllegalArgumentException.class, () -> eval("V > ")).getMessage();
    assertTrue(side.contains("missing a side"), side);
  }
}
