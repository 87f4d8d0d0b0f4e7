package org.magg.transforms.spatial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompiledExpressionTest {
  private static final Set<String> XY = Set.of("x", "y");

  private static final CellColumns CELL = cell(new double[] {1, 2, 4}, new double[] {3, 5, 7});

  private static CellColumns cell(double[] x, double[] y) {
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("x", x);
    m.put("y", y);
    return CellColumns.of(m);
  }

  private static double scalar(String expr) {
    return CompiledExpression.compile(expr, XY).evaluateScalar(CELL);
  }

  private static double[] column(String expr) {
    return CompiledExpression.compile(expr, XY).evaluateColumn(CELL);
  }

  // ------------------------------------------------------------- precedence

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1 + 2 * 3          | (1 + (2 * 3))",
        "(1 + 2) * 3        | ((1 + 2) * 3)",
        "a - b - c          | ((a - b) - c)",
        "a / b * c          | ((a / b) * c)",
        "a / b / c          | ((a / b) / c)",
        "-x**2              | (-(x ** 2))",
        "2**3**2            | (2 ** (3 ** 2))",
        "2**-1              | (2 ** (-1))",
        "a ** -b ** c       | (a ** (-(b ** c)))",
        "-a * b             | ((-a) * b)",
        "a * -b + c         | ((a * (-b)) + c)",
        "- - a              | (-(-a))",
        "+a                 | (+a)",
        "a**b*c             | ((a ** b) * c)",
        "np.sqrt(a) ** 2    | (sqrt(a) ** 2)",
        "1.0 / np.sqrt(np.sum(1.0 / s_li**2)) | (1.0 / sqrt(sum((1.0 / (s_li ** 2)))))",
        "numpy.abs(a) + np.absolute(b) + abs(c) | ((abs(a) + abs(b)) + abs(c))",
        "np.amin(a) - np.amax(a) | (min(a) - max(a))",
      })
  void parsesWithPythonPrecedence(String expr, String canonical) {
    assertEquals(canonical, CompiledExpression.compile(expr).canonical());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-2**2          | -4",
        "(-2)**2        | 4",
        "2**-1          | 0.5",
        "2**3**2        | 512",
        "10 - 2 - 3     | 5",
        "8 / 4 / 2      | 1",
        "2 * 3 ** 2     | 18",
        "-3 ** 2 + 10   | 1",
        "1e-3 * 1E+3    | 1",
        ".5 + 1.        | 1.5",
        "2.5e2          | 250",
        "np.sqrt(16)    | 4",
        "numpy.exp(0)   | 1",
        "np.log(np.e)   | 1",
        "abs(-2.5)      | 2.5",
        "np.sum(3.0)    | 3",
        "np.mean(-2)    | -2",
      })
  void evaluatesConstants(String expr, double value) {
    CompiledExpression e = CompiledExpression.compile(expr, XY);
    assertTrue(e.isScalar());
    assertTrue(e.variables().isEmpty());
    assertEquals(value, e.evaluateScalar(CELL), 1e-15);
  }

  @Test
  void reductionsAndBroadcasting() {
    // x = [1, 2, 4], y = [3, 5, 7]
    assertEquals(7.0, scalar("np.sum(x)"));
    assertEquals(7.0, scalar("sum(x)"));
    assertEquals(7.0 / 3.0, scalar("numpy.mean(x)"));
    assertEquals(1.0, scalar("min(x)"));
    assertEquals(7.0, scalar("np.max(y)"));
    assertEquals(3.0, scalar("len(x)"));
    assertEquals(Math.PI * 3, scalar("np.pi * len(y)"));
    assertArrayEquals(new double[] {4, 7, 11}, column("x + y"));
    assertArrayEquals(new double[] {2, 4, 8}, column("2 * x"));
    assertArrayEquals(new double[] {-1, -4, -16}, column("-x**2"));
    assertArrayEquals(
        new double[] {1 - 7.0 / 3, 2 - 7.0 / 3, 4 - 7.0 / 3}, column("x - np.mean(x)"));
    // hoisted scalar inside a reduction inside per-point arithmetic
    double m = 7.0 / 3;
    double inner = ((1 - m) + (2 - m) + (4 - m)) / 3;
    assertArrayEquals(
        new double[] {1 - inner, 2 - inner, 4 - inner},
        column("x - np.mean(x - np.mean(x))"),
        1e-15);
    assertEquals(
        Math.sqrt(((1 - m) * (1 - m) + (2 - m) * (2 - m) + (4 - m) * (4 - m)) / 3),
        scalar("np.sqrt(np.mean((x - np.mean(x))**2))"),
        1e-15);
    assertArrayEquals(new double[] {9, 9, 9}, column("np.sum(x) + 2"));
    assertEquals(List.of("x"), List.copyOf(CompiledExpression.compile("x + 1").variables()));
  }

  @Test
  void staticTypes() {
    assertTrue(CompiledExpression.compile("np.sum(x * y)", XY).isScalar());
    assertFalse(CompiledExpression.compile("x * np.sum(y)", XY).isScalar());
    assertFalse(CompiledExpression.compile("np.sqrt(x)", XY).isScalar());
    assertTrue(CompiledExpression.compile("1 + 2", XY).isScalar());
    assertTrue(CompiledExpression.compile("len(x) / 2", XY).isScalar());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> scalar("x * 2"));
    assertTrue(e.getMessage().contains("one value per point"), e.getMessage());
  }

  @Test
  void variablesInOrderOfFirstUse() {
    CompiledExpression e = CompiledExpression.compile("y + np.sqrt(x) * y - np.pi", XY);
    assertEquals(List.of("y", "x"), List.copyOf(e.variables()));
    assertEquals(
        Set.of("s_li"),
        CompiledExpression.compile("1.0 / np.sqrt(np.sum(1.0 / s_li**2))").variables());
  }

  @Test
  void ieeeSemanticsLikeNumpyArrays() {
    assertEquals(Double.POSITIVE_INFINITY, scalar("1.0 / 0.0"));
    assertTrue(Double.isNaN(scalar("0.0 / 0.0")));
    assertEquals(Double.NEGATIVE_INFINITY, scalar("np.min(np.log(x - 1))"));
    assertTrue(Double.isNaN(scalar("np.sum(np.sqrt(x - 2))")));
    assertTrue(Double.isNaN(scalar("np.max(x) + np.nan")));
    assertEquals(Double.POSITIVE_INFINITY, scalar("np.inf"));
    // numpy array ** 0.5 is sqrt (NaN at -inf); a scalar power is C pow (+inf at -inf)
    CellColumns negInf = cell(new double[] {Double.NEGATIVE_INFINITY}, new double[] {1});
    assertTrue(Double.isNaN(CompiledExpression.compile("np.max(x ** 0.5)").evaluateScalar(negInf)));
    assertEquals(
        Double.POSITIVE_INFINITY,
        CompiledExpression.compile("np.max(x) ** 0.5").evaluateScalar(negInf));
    // C pow: 1 ** nan == 1 and (-1) ** inf == 1
    assertEquals(1.0, scalar("1 ** np.nan"));
    assertEquals(1.0, scalar("(-1) ** np.inf"));
    assertEquals(1.0, scalar("np.max(x ** 0)")); // x ** 0 is one, even for NaN
  }

  @Test
  void evaluatesOnSlices() {
    double[] x = {100, 1, 2, 4, 100};
    double[] y = {0, 3, 5, 7, 0};
    CellColumns c = CellColumns.over(List.of("y", "x"), y, x).range(1, 4);
    CompiledExpression e = CompiledExpression.compile("x * y - np.mean(x)", XY);
    assertArrayEquals(
        new double[] {3 - 7.0 / 3, 10 - 7.0 / 3, 28 - 7.0 / 3}, e.evaluateColumn(c), 1e-15);
    double[] out = new double[5];
    e.evaluateInto(c, out, 2);
    assertEquals(0.0, out[1]);
    assertEquals(28 - 7.0 / 3, out[4], 1e-15);
    assertThrows(IndexOutOfBoundsException.class, () -> e.evaluateInto(c, out, 3));
    assertEquals(3.0, CompiledExpression.compile("len(x)").evaluateScalar(c));
  }

  @Test
  void missingColumnAtEvaluation() {
    CompiledExpression e = CompiledExpression.compile("np.sum(z)");
    IllegalArgumentException ex =
        assertThrows(IllegalArgumentException.class, () -> e.evaluateScalar(CELL));
    assertTrue(ex.getMessage().contains("'z'"), ex.getMessage());
  }

  @Test
  void serializes() throws Exception {
    CompiledExpression e = CompiledExpression.compile("np.sqrt(np.mean((x - np.mean(x))**2))", XY);
    double before = e.evaluateScalar(CELL);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    CompiledExpression back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (CompiledExpression) in.readObject();
    }
    assertEquals(before, back.evaluateScalar(CELL));
    assertEquals(e.variables(), back.variables());
    assertEquals(e.canonical(), back.canonical());
  }

  // ------------------------------------------------------------- errors

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "np.sqrt(x          | 9  | expected ')' to close 'np.sqrt(' but found end of expression",
        "1 +                | 3  | expected a number, a variable, a function call or '(' but found end of expression",
        "x * * 2            | 4  | expected a number, a variable, a function call or '(' but found '*'",
        "x // 2             | 2  | operator '//' (floor division) is not supported",
        "x % 2              | 2  | unexpected character '%' (supported operators: + - * / ** and parentheses)",
        "x[0]               | 1  | unexpected character '[' (supported operators: + - * / ** and parentheses)",
        "x y                | 2  | unexpected 'y'; expected an operator or the end of the expression",
        "(x + 1             | 6  | expected ')' but found end of expression",
        ")                  | 0  | expected a number, a variable, a function call or '(' but found ')'",
        "np.sum(x, axis=0)  | 8  | function 'np.sum' takes exactly one argument (no axis or keyword arguments)",
        "np.sum()           | 7  | function 'np.sum' takes exactly one argument, got none",
        "1.5.2              | 0  | malformed number '1.5.'",
        "2x                 | 0  | malformed number '2x'",
        "1e                 | 0  | malformed number '1e': exponent needs digits",
        "len(3)             | 4  | 'len' needs a per-point column but its argument is a single value",
        "np.len(x)          | 0  | unknown function 'np.len' (" + ExpressionParser.SUPPORTED + ")",
        "np.                | 3  | expected a name after '.' but found end of expression",
      })
  void syntaxErrorsNamePositionAndExpectation(String expr, int position, String problem) {
    ExpressionException e =
        assertThrows(ExpressionException.class, () -> CompiledExpression.compile(expr, XY));
    assertEquals(problem, e.problem());
    assertEquals(position, e.position());
    assertEquals(expr, e.expression());
    assertEquals(
        problem + " at position " + position + " in expression '" + expr + "'", e.getMessage());
  }

  @Test
  void unknownFunctionsAndNames() {
    ExpressionException f =
        assertThrows(ExpressionException.class, () -> CompiledExpression.compile("2 * np.foo(x)"));
    assertEquals(4, f.position());
    assertTrue(
        f.getMessage().startsWith("unknown function 'np.foo' (supported: sqrt, log, exp,"),
        f.getMessage());
    ExpressionException m =
        assertThrows(ExpressionException.class, () -> CompiledExpression.compile("math.sqrt(x)"));
    assertTrue(m.problem().startsWith("unknown function 'math.sqrt' ("), m.problem());
    ExpressionException b =
        assertThrows(ExpressionException.class, () -> CompiledExpression.compile("median(x)"));
    assertTrue(b.problem().startsWith("unknown function 'median'"), b.problem());
    ExpressionException c =
        assertThrows(ExpressionException.class, () -> CompiledExpression.compile("x + np.foo"));
    assertEquals(4, c.position());
    assertTrue(c.problem().startsWith("unknown name 'np.foo'"), c.problem());
    ExpressionException uncalled =
        assertThrows(ExpressionException.class, () -> CompiledExpression.compile("np.sqrt"));
    assertEquals("'np.sqrt' is a function; call it, e.g. np.sqrt(x)", uncalled.problem());
    ExpressionException empty =
        assertThrows(ExpressionException.class, () -> CompiledExpression.compile("  "));
    assertEquals(0, empty.position());
  }

  @Test
  void unknownVariablesListKnownOnes() {
    ExpressionException e =
        assertThrows(
            ExpressionException.class,
            () ->
                CompiledExpression.compile(
                    "1.0 / np.sqrt(np.sum(1.0 / h**2))", Set.of("s_li", "h_li")));
    assertEquals(
        "unknown variable 'h' at position 27 in expression"
            + " '1.0 / np.sqrt(np.sum(1.0 / h**2))' (known: h_li, s_li)",
        e.getMessage());
    assertEquals(27, e.position());
    // a variable may share a function's name when it is not called
    assertEquals(Set.of("sum"), CompiledExpression.compile("sum * 2", Set.of("sum")).variables());
  }
}
