package org.magg.transforms.event;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.magg.transforms.spatial.CellColumns;
import org.magg.transforms.spatial.CompiledExpression;
import org.magg.transforms.spatial.ExpressionException;

/**
 * The boolean detection predicate of an event config, evaluated on every cell of a timestep's
 * fields.
 *
 * <p><b>Language.</b> Comparisons of two arithmetic expressions of the project's expression
 * language ({@link CompiledExpression}: numbers, variables, {@code + - * / **}, {@code sqrt, log,
 * exp, abs}, reductions {@code sum, mean, min, max} over the whole grid), with {@code > >= < <= ==
 * !=}, joined by {@code and} / {@code &}, {@code or} / {@code |} and negated by {@code not} /
 * {@code ~}, with parentheses. Unlike numpy, {@code &} and {@code |} bind more loosely than the
 * comparisons ({@code IVT > 250 & TQV > 20} needs no parentheses); {@code not} binds tighter than
 * {@code and}, which binds tighter than {@code or}. Comparisons follow IEEE: a NaN value compares
 * false, except with {@code !=}.
 *
 * <p><b>Threshold fields.</b> An arithmetic side may use {@code static('file.nc#VAR')}, a {@code
 * (lat, lon)} field read from a static file, or {@code monthly('file.nc#VAR')}, the step of a
 * 12-step (one per calendar month) field for the timestep's month, such as a monthly 85th
 * percentile: {@code IVT > monthly('ivt_p85.nc#IVT')}. Files are resolved like the config's other
 * static data. Both take a quoted {@code file#variable}.
 */
public final class DetectionExpression implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Functions that name a threshold field. */
  public static final List<String> FIELD_FUNCTIONS = List.of("static", "monthly");

  private static final Pattern FIELD =
      Pattern.compile("\\b(static|monthly)\\s*\\(\\s*(['\"])([^'\"]*)\\2\\s*\\)");
  private static final String[] COMPARISONS = {">=", "<=", "==", "!=", ">", "<"};
  private static final String FIELD_PREFIX = "__field";

  private final String text;
  private final Node root;
  private final List<String> variables;
  private final List<FieldRef> fields;

  private DetectionExpression(String text, Node root, List<String> variables, List<FieldRef> f) {
    this.text = text;
    this.root = root;
    this.variables = variables;
    this.fields = f;
  }

  /**
   * A threshold field the expression reads.
   *
   * @param monthly whether it has one step per calendar month ({@code monthly(...)}) or is a single
   *     field ({@code static(...)})
   * @param reference its {@code file#variable}, as written
   */
  public record FieldRef(boolean monthly, String reference) implements Serializable {
    /** As written in the expression, e.g. {@code monthly('p85.nc#IVT')}. */
    public String text() {
      return (monthly ? "monthly" : "static") + "('" + reference + "')";
    }
  }

  /** Where the threshold fields come from, on the workers. */
  @FunctionalInterface
  public interface FieldSource extends Serializable {
    /**
     * The field {@code ref} at a time whose calendar month is {@code month} (1..12), one value per
     * cell, row-major; not modified by the caller.
     */
    double[] field(FieldRef ref, int month);
  }

  /**
   * Parses {@code text}.
   *
   * @param known the variables the expression may read (those of its collection)
   * @throws IllegalArgumentException naming the problem: a syntax error, an unknown variable (with
   *     the known ones), an expression that is not a comparison, a threshold field that is not
   *     {@code file#variable}
   */
  public static DetectionExpression parse(String text, Set<String> known) {
    Objects.requireNonNull(text, "Detection expression cannot be null.");
    Objects.requireNonNull(known, "Known variables cannot be null.");
    List<FieldRef> fields = new ArrayList<>();
    Map<String, Integer> byRef = new LinkedHashMap<>();
    StringBuilder sb = new StringBuilder();
    Matcher m = FIELD.matcher(text);
    int last = 0;
    while (m.find()) {
      FieldRef ref = new FieldRef(m.group(1).equals("monthly"), m.group(3).trim());
      int hash = ref.reference().lastIndexOf('#');
      if (hash <= 0 || hash == ref.reference().length() - 1) {
        throw new IllegalArgumentException(
            ref.text() + " in '" + text + "': expected 'file#variable' (for example 'p85.nc#IVT')");
      }
      Integer k = byRef.get(ref.text());
      if (k == null) {
        k = fields.size();
        byRef.put(ref.text(), k);
        fields.add(ref);
      }
      sb.append(text, last, m.start()).append(FIELD_PREFIX).append(k);
      last = m.end();
    }
    sb.append(text.substring(last));
    String body = sb.toString();
    if (body.contains("'") || body.contains("\"")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': a quoted name is only allowed in static('file#variable') or"
              + " monthly('file#variable')");
    }
    Parser p = new Parser(text, known);
    Node root = p.or(body);
    return new DetectionExpression(text, root, List.copyOf(p.variables), List.copyOf(fields));
  }

  /** The source text. */
  public String text() {
    return text;
  }

  /** The collection variables it reads, in order of first appearance. */
  public List<String> variables() {
    return variables;
  }

  /** The threshold fields it reads, in order of first appearance. */
  public List<FieldRef> fields() {
    return fields;
  }

  /**
   * Evaluates the predicate on every cell.
   *
   * @param values each variable's values, one per cell (row-major)
   * @param month the timestep's calendar month (1..12), for {@code monthly} fields
   * @param source the threshold fields (unused when there are none)
   */
  public boolean[] evaluate(Map<String, double[]> values, int month, FieldSource source) {
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (String v : variables) {
      double[] a = values.get(v);
      if (a == null) {
        throw new IllegalArgumentException("variable '" + v + "' is missing");
      }
      columns.put(v, a);
    }
    for (int k = 0; k < fields.size(); k++) {
      columns.put(FIELD_PREFIX + k, source.field(fields.get(k), month));
    }
    if (columns.isEmpty()) {
      throw new IllegalStateException("expression '" + text + "' reads no variable");
    }
    CellColumns cells = CellColumns.of(columns);
    return root.eval(cells);
  }

  @Override
  public String toString() {
    return text;
  }

  /** A node of the boolean tree. */
  private interface Node extends Serializable {
    boolean[] eval(CellColumns cells);
  }

  private record Compare(CompiledExpression left, String op, CompiledExpression right)
      implements Node {
    @Override
    public boolean[] eval(CellColumns cells) {
      double[] a = left.evaluateColumn(cells);
      double[] b = right.evaluateColumn(cells);
      boolean[] out = new boolean[a.length];
      for (int i = 0; i < a.length; i++) {
        double x = a[i];
        double y = b[i];
        out[i] =
            switch (op) {
              case ">" -> x > y;
              case ">=" -> x >= y;
              case "<" -> x < y;
              case "<=" -> x <= y;
              case "==" -> x == y;
              default -> x != y;
            };
      }
      return out;
    }
  }

  private record Not(Node inner) implements Node {
    @Override
    public boolean[] eval(CellColumns cells) {
      boolean[] a = inner.eval(cells);
      for (int i = 0; i < a.length; i++) {
        a[i] = !a[i];
      }
      return a;
    }
  }

  private record Join(List<Node> parts, boolean and) implements Node {
    @Override
    public boolean[] eval(CellColumns cells) {
      boolean[] out = parts.get(0).eval(cells);
      for (int k = 1; k < parts.size(); k++) {
        boolean[] b = parts.get(k).eval(cells);
        for (int i = 0; i < out.length; i++) {
          out[i] = and ? out[i] && b[i] : out[i] || b[i];
        }
      }
      return out;
    }
  }

  /** Splits the text at its top-level operators; arithmetic goes to {@link CompiledExpression}. */
  private static final class Parser {
    private final String original;
    private final Set<String> known;
    private final Set<String> variables = new LinkedHashSet<>();

    Parser(String original, Set<String> known) {
      this.original = original;
      this.known = known;
    }

    Node or(String s) {
      List<String> parts = split(s, "|", "or");
      if (parts.size() == 1) {
        return and(s);
      }
      List<Node> nodes = new ArrayList<>();
      for (String p : parts) {
        nodes.add(and(p));
      }
      return new Join(nodes, false);
    }

    Node and(String s) {
      List<String> parts = split(s, "&", "and");
      if (parts.size() == 1) {
        return not(s);
      }
      List<Node> nodes = new ArrayList<>();
      for (String p : parts) {
        nodes.add(not(p));
      }
      return new Join(nodes, true);
    }

    Node not(String s) {
      String t = s.trim();
      if (t.startsWith("~")) {
        return new Not(not(t.substring(1)));
      }
      if (t.startsWith("not") && t.length() > 3 && !isWordChar(t.charAt(3))) {
        return new Not(not(t.substring(3)));
      }
      return compare(t);
    }

    Node compare(String t) {
      if (t.isEmpty()) {
        throw problem("an operand is missing");
      }
      int depth = 0;
      int at = -1;
      String op = null;
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (depth == 0) {
          for (String o : COMPARISONS) {
            if (t.startsWith(o, i)) {
              if (op != null) {
                throw problem(
                    "'" + t + "' chains comparisons; join them with and, e.g. a > 1 and a < 5");
              }
              op = o;
              at = i;
              i += o.length() - 1;
              break;
            }
          }
        }
      }
      if (op == null) {
        if (t.startsWith("(") && closes(t)) {
          return or(t.substring(1, t.length() - 1));
        }
        throw problem(
            "'"
                + t
                + "' is not boolean: compare values, e.g. IVT > 250 or IVT >"
                + " monthly('ivt_p85.nc#IVT')");
      }
      return new Compare(
          arithmetic(t.substring(0, at)), op, arithmetic(t.substring(at + op.length())));
    }

    private CompiledExpression arithmetic(String s) {
      if (s.isBlank()) {
        throw problem("a comparison is missing a side");
      }
      CompiledExpression e;
      try {
        e = CompiledExpression.compile(s.trim());
      } catch (ExpressionException ex) {
        throw problem("cannot parse '" + s.trim() + "': " + ex.problem());
      }
      for (String v : e.variables()) {
        if (v.startsWith(FIELD_PREFIX)) {
          continue;
        }
        if (!known.contains(v)) {
          throw problem(
              "unknown variable '"
                  + v
                  + "' (the collection's variables: "
                  + String.join(", ", known)
                  + ")");
        }
        variables.add(v);
      }
      return e;
    }

    /** Whether the '(' at 0 is closed by the last character. */
    private static boolean closes(String t) {
      int depth = 0;
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0) {
            return i == t.length() - 1;
          }
        }
      }
      return false;
    }

    /** The parts of {@code s} between top-level {@code symbol}s or {@code word}s. */
    private List<String> split(String s, String symbol, String word) {
      List<String> parts = new ArrayList<>();
      int depth = 0;
      int from = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth < 0) {
            throw problem("a ')' has no matching '('");
          }
        } else if (depth == 0) {
          if (s.startsWith(symbol, i)) {
            parts.add(s.substring(from, i));
            from = i + symbol.length();
          } else if (s.startsWith(word, i)
              && (i == 0 || !isWordChar(s.charAt(i - 1)))
              && (i + word.length() == s.length() || !isWordChar(s.charAt(i + word.length())))) {
            parts.add(s.substring(from, i));
            from = i + word.length();
            i += word.length() - 1;
          }
        }
      }
      if (depth != 0) {
        throw problem("a '(' is not closed");
      }
      parts.add(s.substring(from));
      if (parts.size() > 1) {
        for (String p : parts) {
          if (p.isBlank()) {
            throw problem("'" + symbol + "' or '" + word + "' needs an operand on both sides");
          }
        }
      }
      return parts;
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private IllegalArgumentException problem(String what) {
      return new IllegalArgumentException(what + " in '" + original + "'");
    }
  }
}
