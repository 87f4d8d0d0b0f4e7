package org.magg.transforms.spatial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.magg.transforms.spatial.ExpressionNodes.BinaryOp;
import org.magg.transforms.spatial.ExpressionNodes.Const;
import org.magg.transforms.spatial.ExpressionNodes.Node;
import org.magg.transforms.spatial.ExpressionNodes.ReduceOp;
import org.magg.transforms.spatial.ExpressionNodes.UnaryOp;

/**
 * Recursive-descent parser for the Python/numpy expression subset, producing a typed,
 * constant-folded tree with scalar sub-expressions hoisted out of per-point contexts.
 *
 * <p>Grammar (Python precedence; {@code **} is right-associative and binds tighter than a unary
 * sign on its left but not on its right, so {@code -x**2 == -(x**2)} and {@code 2**-1 == 0.5}):
 *
 * <pre>
 * expr    := term (('+' | '-') term)*
 * term    := factor (('*' | '/') factor)*
 * factor  := ('+' | '-') factor | power
 * power   := primary ('**' factor)?
 * primary := NUMBER | name | name '(' expr ')' | '(' expr ')'
 * name    := IDENT ('.' IDENT)*
 * </pre>
 */
final class ExpressionParser {

  /** Element-wise functions and reductions, by the spelling accepted without a prefix. */
  private static final Map<String, Object> BARE = new LinkedHashMap<>();

  /** Functions and constants accepted after {@code np.} or {@code numpy.}. */
  private static final Map<String, Object> NUMPY = new LinkedHashMap<>();

  static {
    BARE.put("sqrt", UnaryOp.SQRT);
    BARE.put("log", UnaryOp.LOG);
    BARE.put("exp", UnaryOp.EXP);
    BARE.put("abs", UnaryOp.ABS);
    BARE.put("sum", ReduceOp.SUM);
    BARE.put("mean", ReduceOp.MEAN);
    BARE.put("min", ReduceOp.MIN);
    BARE.put("max", ReduceOp.MAX);
    BARE.put("len", ReduceOp.LEN);

    NUMPY.put("sqrt", UnaryOp.SQRT);
    NUMPY.put("log", UnaryOp.LOG);
    NUMPY.put("exp", UnaryOp.EXP);
    NUMPY.put("abs", UnaryOp.ABS);
    NUMPY.put("absolute", UnaryOp.ABS);
    NUMPY.put("sum", ReduceOp.SUM);
    NUMPY.put("mean", ReduceOp.MEAN);
    NUMPY.put("min", ReduceOp.MIN);
    NUMPY.put("amin", ReduceOp.MIN);
    NUMPY.put("max", ReduceOp.MAX);
    NUMPY.put("amax", ReduceOp.MAX);
    NUMPY.put("pi", Math.PI);
    NUMPY.put("e", Math.E);
    NUMPY.put("inf", Double.POSITIVE_INFINITY);
    NUMPY.put("nan", Double.NaN);
  }

  static final String SUPPORTED =
      "supported: sqrt, log, exp, abs (element-wise); sum, mean, min, max, len (reductions);"
          + " optionally spelled np.<name> or numpy.<name>";

  /** The result of a parse. */
  static final class Result {
    final Node root;
    final Node[] hoisted;
    final List<String> variables;
    final String canonical;

    Result(Node root, Node[] hoisted, List<String> variables, String canonical) {
      this.root = root;
      this.hoisted = hoisted;
      this.variables = variables;
      this.canonical = canonical;
    }
  }

  private enum Tok {
    NUM,
    NAME,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    POW,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    END
  }

  private final String src;
  private final Set<String> known; // null: any identifier is a variable
  private final List<String> variables = new ArrayList<>();
  private final List<Node> hoisted = new ArrayList<>();

  // current token
  private Tok tok;
  private int tokStart;
  private int tokEnd;
  private double numValue;

  private ExpressionParser(String src, Set<String> known) {
    this.src = src;
    this.known = known;
  }

  static Result parse(String expression, Set<String> knownVariables) {
    if (expression == null) {
      throw new NullPointerException("expression");
    }
    ExpressionParser p = new ExpressionParser(expression, knownVariables);
    p.advance(0);
    if (p.tok == Tok.END) {
      throw p.error("empty expression; expected a number, a variable, a function call or '('", 0);
    }
    Parsed e = p.expr();
    if (p.tok != Tok.END) {
      throw p.error(
          "unexpected " + p.describe() + "; expected an operator or the end of the expression",
          p.tokStart);
    }
    return new Result(e.node, p.hoisted.toArray(new Node[0]), List.copyOf(p.variables), e.text);
  }

  // ---------------------------------------------------------------- lexer

  private void advance(int pos) {
    int n = src.length();
    while (pos < n && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
    tokStart = pos;
    if (pos >= n) {
      tok = Tok.END;
      tokEnd = pos;
      return;
    }
    char ch = src.charAt(pos);
    if (isDigit(ch) || (ch == '.' && pos + 1 < n && isDigit(src.charAt(pos + 1)))) {
      lexNumber(pos);
      return;
    }
    if (Character.isJavaIdentifierStart(ch) && ch != '$') {
      int end = pos + 1;
      while (end < n && Character.isJavaIdentifierPart(src.charAt(end)) && src.charAt(end) != '$') {
        end++;
      }
      tok = Tok.NAME;
      tokEnd = end;
      return;
    }
    tokEnd = pos + 1;
    switch (ch) {
      case '+':
        tok = Tok.PLUS;
        return;
      case '-':
        tok = Tok.MINUS;
        return;
      case '*':
        if (pos + 1 < n && src.charAt(pos + 1) == '*') {
          tok = Tok.POW;
          tokEnd = pos + 2;
        } else {
          tok = Tok.STAR;
        }
        return;
      case '/':
        if (pos + 1 < n && src.charAt(pos + 1) == '/') {
          throw error("operator '//' (floor division) is not supported", pos);
        }
        tok = Tok.SLASH;
        return;
      case '(':
        tok = Tok.LPAREN;
        return;
      case ')':
        tok = Tok.RPAREN;
        return;
      case ',':
        tok = Tok.COMMA;
        return;
      case '.':
        tok = Tok.DOT;
        return;
      default:
        throw error(
            "unexpected character '" + ch + "' (supported operators: + - * / ** and parentheses)",
            pos);
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void lexNumber(int pos) {
    int n = src.length();
    int i = pos;
    while (i < n && isDigit(src.charAt(i))) {
      i++;
    }
    if (i < n && src.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(src.charAt(i))) {
        i++;
      }
    }
    if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
        j++;
      }
      if (j < n && isDigit(src.charAt(j))) {
        while (j < n && isDigit(src.charAt(j))) {
          j++;
        }
        i = j;
      } else {
        throw error("malformed number '" + src.substring(pos, j) + "': exponent needs digits", pos);
      }
    }
    if (i < n && (Character.isJavaIdentifierPart(src.charAt(i)) || src.charAt(i) == '.')) {
      throw error("malformed number '" + src.substring(pos, i + 1) + "'", pos);
    }
    tok = Tok.NUM;
    tokEnd = i;
    numValue = Double.parseDouble(src.substring(pos, i));
  }

  private String text() {
    return src.substring(tokStart, tokEnd);
  }

  private String describe() {
    return tok == Tok.END ? "end of expression" : "'" + text() + "'";
  }

  private ExpressionException error(String problem, int pos) {
    return new ExpressionException(problem, src, pos);
  }

  private void expect(Tok t, String what) {
    if (tok != t) {
      throw error("expected " + what + " but found " + describe(), tokStart);
    }
    advance(tokEnd);
  }

  // ---------------------------------------------------------------- parser

  /** A parsed sub-expression: its node and its fully parenthesised text. */
  private static final class Parsed {
    final Node node;
    final String text;

    Parsed(Node node, String text) {
      this.node = node;
      this.text = text;
    }
  }

  private Parsed expr() {
    Parsed left = term();
    while (tok == Tok.PLUS || tok == Tok.MINUS) {
      BinaryOp op = tok == Tok.PLUS ? BinaryOp.ADD : BinaryOp.SUB;
      advance(tokEnd);
      left = binary(op, left, term());
    }
    return left;
  }

  private Parsed term() {
    Parsed left = factor();
    while (tok == Tok.STAR || tok == Tok.SLASH) {
      BinaryOp op = tok == Tok.STAR ? BinaryOp.MUL : BinaryOp.DIV;
      advance(tokEnd);
      left = binary(op, left, factor());
    }
    return left;
  }

  private Parsed factor() {
    if (tok == Tok.MINUS) {
      advance(tokEnd);
      Parsed arg = factor();
      return new Parsed(unary(UnaryOp.NEG, arg.node), "(-" + arg.text + ")");
    }
    if (tok == Tok.PLUS) {
      advance(tokEnd);
      Parsed arg = factor();
      return new Parsed(arg.node, "(+" + arg.text + ")");
    }
    return power();
  }

  private Parsed power() {
    Parsed base = primary();
    if (tok == Tok.POW) {
      advance(tokEnd);
      Parsed exponent = factor(); // right-associative; allows 2**-1
      return binary(BinaryOp.POW, base, exponent);
    }
    return base;
  }

  private Parsed primary() {
    switch (tok) {
      case NUM:
        {
          Parsed p = new Parsed(new Const(numValue), text());
          advance(tokEnd);
          return p;
        }
      case LPAREN:
        {
          advance(tokEnd);
          Parsed inner = expr();
          expect(Tok.RPAREN, "')'");
          return inner;
        }
      case NAME:
        return named();
      default:
        throw error(
            "expected a number, a variable, a function call or '(' but found " + describe(),
            tokStart);
    }
  }

  private Parsed named() {
    int start = tokStart;
    StringBuilder name = new StringBuilder(text());
    int parts = 1;
    advance(tokEnd);
    while (tok == Tok.DOT) {
      advance(tokEnd);
      if (tok != Tok.NAME) {
        throw error("expected a name after '.' but found " + describe(), tokStart);
      }
      name.append('.').append(text());
      parts++;
      advance(tokEnd);
    }
    String full = name.toString();
    Object meaning = resolve(full, parts);
    if (tok == Tok.LPAREN) {
      if (!(meaning instanceof UnaryOp) && !(meaning instanceof ReduceOp)) {
        throw error("unknown function '" + full + "' (" + SUPPORTED + ")", start);
      }
      advance(tokEnd);
      if (tok == Tok.RPAREN) {
        throw error("function '" + full + "' takes exactly one argument, got none", tokStart);
      }
      int argPos = tokStart;
      Parsed arg = expr();
      if (tok == Tok.COMMA) {
        throw error(
            "function '" + full + "' takes exactly one argument (no axis or keyword arguments)",
            tokStart);
      }
      expect(Tok.RPAREN, "')' to close '" + full + "('");
      String canonicalName = meaning.toString().toLowerCase(java.util.Locale.ROOT);
      String text = canonicalName + "(" + arg.text + ")";
      if (meaning instanceof UnaryOp) {
        return new Parsed(unary((UnaryOp) meaning, arg.node), text);
      }
      return new Parsed(reduce((ReduceOp) meaning, arg.node, full, argPos), text);
    }
    if (meaning instanceof Double) {
      return new Parsed(new Const((Double) meaning), full);
    }
    if (parts > 1) {
      throw error(
          (meaning == null ? "unknown name '" : "'")
              + full
              + (meaning == null
                  ? "' (numpy constants: np.pi, np.e, np.inf, np.nan; " + SUPPORTED + ")"
                  : "' is a function; call it, e.g. " + full + "(x)"),
          start);
    }
    return new Parsed(variable(full, start), full);
  }

  /** What a (possibly dotted) name means as a function or constant, or null. */
  private static Object resolve(String full, int parts) {
    if (parts == 1) {
      return BARE.get(full);
    }
    if (parts == 2) {
      int dot = full.indexOf('.');
      String prefix = full.substring(0, dot);
      if (prefix.equals("np") || prefix.equals("numpy")) {
        return NUMPY.get(full.substring(dot + 1));
      }
    }
    return null;
  }

  private Node variable(String name, int pos) {
    if (known != null && !known.contains(name)) {
      throw new ExpressionException(
          "unknown variable '" + name + "'",
          src,
          pos,
          " (known: " + String.join(", ", new TreeSet<>(known)) + ")");
    }
    int idx = variables.indexOf(name);
    if (idx < 0) {
      idx = variables.size();
      variables.add(name);
    }
    return new ExpressionNodes.Var(idx);
  }

  // ------------------------------------------------------ typed construction

  /** Moves a non-constant scalar used inside a per-point computation to the hoisted list. */
  private Node hoist(Node child) {
    if (child.column || child instanceof Const || child instanceof ExpressionNodes.Hoisted) {
      return child;
    }
    hoisted.add(child);
    return new ExpressionNodes.Hoisted(hoisted.size() - 1);
  }

  private Node unary(UnaryOp op, Node arg) {
    if (arg instanceof Const) {
      return new Const(op.apply(((Const) arg).value));
    }
    return new ExpressionNodes.Unary(op, arg);
  }

  private Parsed binary(BinaryOp op, Parsed l, Parsed r) {
    String text = "(" + l.text + " " + op.symbol + " " + r.text + ")";
    Node a = l.node;
    Node b = r.node;
    if (a instanceof Const && b instanceof Const) {
      return new Parsed(new Const(powOrApply(op, ((Const) a).value, ((Const) b).value)), text);
    }
    if (a.column || b.column) {
      a = hoist(a);
      b = hoist(b);
    }
    if (op == BinaryOp.POW && b instanceof Const) {
      return new Parsed(new ExpressionNodes.PowConst(a, ((Const) b).value), text);
    }
    return new Parsed(new ExpressionNodes.Binary(op, a, b), text);
  }

  private static double powOrApply(BinaryOp op, double a, double b) {
    return op.apply(a, b);
  }

  private Node reduce(ReduceOp op, Node arg, String name, int argPos) {
    if (!arg.column) {
      if (op == ReduceOp.LEN) {
        throw error(
            "'" + name + "' needs a per-point column but its argument is a single value", argPos);
      }
      return arg; // sum/mean/min/max of one value is that value (as in numpy)
    }
    return new ExpressionNodes.Reduce(op, arg);
  }
}
