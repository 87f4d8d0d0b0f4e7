package org.magg.transforms.spatial;

import java.io.Serializable;

/**
 * The evaluable tree of a {@link CompiledExpression}. Every node is statically typed as a single
 * value ({@link Node#column} false) or a per-point column; column nodes are evaluated one point at
 * a time through {@link Node#at}, so element-wise arithmetic needs no intermediate arrays. Scalar
 * sub-trees below a column node are either folded constants or {@link Hoisted} references computed
 * once per evaluation.
 */
final class ExpressionNodes {
  private ExpressionNodes() {}

  abstract static class Node implements Serializable {
    private static final long serialVersionUID = 1L;

    /** True when this node yields one value per point, false for a single value. */
    final boolean column;

    Node(boolean column) {
      this.column = column;
    }

    /** Value at absolute index {@code i} of the bound arrays; a scalar node returns its value. */
    abstract double at(EvalContext c, int i);

    /** Value of a scalar node. */
    abstract double scalar(EvalContext c);
  }

  static final class Const extends Node {
    private static final long serialVersionUID = 1L;
    final double value;

    Const(double value) {
      super(false);
      this.value = value;
    }

    @Override
    double at(EvalContext c, int i) {
      return value;
    }

    @Override
    double scalar(EvalContext c) {
      return value;
    }
  }

  static final class Var extends Node {
    private static final long serialVersionUID = 1L;
    final int index;

    Var(int index) {
      super(true);
      this.index = index;
    }

    @Override
    double at(EvalContext c, int i) {
      return c.vars[index][i];
    }

    @Override
    double scalar(EvalContext c) {
      throw new IllegalStateException("a column has no single value");
    }
  }

  /** A scalar sub-expression evaluated once per evaluation, before the per-point loops. */
  static final class Hoisted extends Node {
    private static final long serialVersionUID = 1L;
    final int slot;

    Hoisted(int slot) {
      super(false);
      this.slot = slot;
    }

    @Override
    double at(EvalContext c, int i) {
      return c.hoisted[slot];
    }

    @Override
    double scalar(EvalContext c) {
      return c.hoisted[slot];
    }
  }

  enum UnaryOp {
    NEG,
    SQRT,
    LOG,
    EXP,
    ABS;

    double apply(double x) {
      switch (this) {
        case NEG:
          return -x;
        case SQRT:
          return Math.sqrt(x);
        case LOG:
          return Math.log(x);
        case EXP:
          return Math.exp(x);
        case ABS:
          return Math.abs(x);
        default:
          throw new AssertionError(this);
      }
    }
  }

  static final class Unary extends Node {
    private static final long serialVersionUID = 1L;
    final UnaryOp op;
    final Node arg;

    Unary(UnaryOp op, Node arg) {
      super(arg.column);
      this.op = op;
      this.arg = arg;
    }

    @Override
    double at(EvalContext c, int i) {
      return op.apply(arg.at(c, i));
    }

    @Override
    double scalar(EvalContext c) {
      return op.apply(arg.scalar(c));
    }
  }

  enum BinaryOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    POW("**");

    final String symbol;

    BinaryOp(String symbol) {
      this.symbol = symbol;
    }

    double apply(double a, double b) {
      switch (this) {
        case ADD:
          return a + b;
        case SUB:
          return a - b;
        case MUL:
          return a * b;
        case DIV:
          return a / b;
        case POW:
          return cpow(a, b);
        default:
          throw new AssertionError(this);
      }
    }
  }

  static final class Binary extends Node {
    private static final long serialVersionUID = 1L;
    final BinaryOp op;
    final Node left;
    final Node right;

    Binary(BinaryOp op, Node left, Node right) {
      super(left.column || right.column);
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    double at(EvalContext c, int i) {
      double a = left.at(c, i);
      double b = right.at(c, i);
      switch (op) {
        case ADD:
          return a + b;
        case SUB:
          return a - b;
        case MUL:
          return a * b;
        case DIV:
          return a / b;
        default:
          // numpy: array ** scalar takes the fast paths, anything else is C pow
          return left.column && !right.column ? fastPow(a, b) : cpow(a, b);
      }
    }

    @Override
    double scalar(EvalContext c) {
      return op.apply(left.scalar(c), right.scalar(c));
    }
  }

  /**
   * C99 {@code pow}, which numpy uses for scalar powers and for arrays without a fast path. Differs
   * from {@link Math#pow} only in {@code pow(1, y) == 1} for every y (NaN included) and {@code
   * pow(-1, ±inf) == 1}, where Java gives NaN.
   */
  static double cpow(double a, double b) {
    if (a == 1.0) {
      return 1.0;
    }
    if (a == -1.0 && Double.isInfinite(b)) {
      return 1.0;
    }
    return Math.pow(a, b);
  }

  /**
   * numpy's {@code array ** scalar}: exponent 2 is a square, 0.5 a square root (so {@code -inf **
   * 0.5} is NaN, unlike C pow), -1 a reciprocal, 1 the identity and 0 one; other exponents use C
   * pow.
   */
  static double fastPow(double x, double e) {
    if (e == 2.0) {
      return x * x;
    } else if (e == 0.5) {
      return Math.sqrt(x);
    } else if (e == -1.0) {
      return 1.0 / x;
    } else if (e == 1.0) {
      return x;
    } else if (e == 0.0) {
      return 1.0;
    }
    return cpow(x, e);
  }

  /** {@code base ** k} for a constant exponent k. */
  static final class PowConst extends Node {
    private static final long serialVersionUID = 1L;
    final Node base;
    final double exponent;
    private final int kind;

    PowConst(Node base, double exponent) {
      super(base.column);
      this.base = base;
      this.exponent = exponent;
      if (exponent == 2.0) {
        kind = 1;
      } else if (exponent == 0.5) {
        kind = 2;
      } else if (exponent == -1.0) {
        kind = 3;
      } else if (exponent == 1.0) {
        kind = 4;
      } else if (exponent == 0.0) {
        kind = 5;
      } else {
        kind = 0;
      }
    }

    @Override
    double at(EvalContext c, int i) {
      if (!column) {
        return scalar(c);
      }
      double x = base.at(c, i);
      switch (kind) {
        case 1:
          return x * x;
        case 2:
          return Math.sqrt(x);
        case 3:
          return 1.0 / x;
        case 4:
          return x;
        case 5:
          return 1.0;
        default:
          return cpow(x, exponent);
      }
    }

    @Override
    double scalar(EvalContext c) {
      return cpow(base.scalar(c), exponent);
    }
  }

  enum ReduceOp {
    SUM,
    MEAN,
    MIN,
    MAX,
    LEN
  }

  /** A reduction of a column to one value. */
  static final class Reduce extends Node {
    private static final long serialVersionUID = 1L;
    final ReduceOp op;
    final Node arg;

    Reduce(ReduceOp op, Node arg) {
      super(false);
      if (!arg.column) {
        throw new IllegalArgumentException("reduction of a scalar must be folded");
      }
      this.op = op;
      this.arg = arg;
    }

    @Override
    double at(EvalContext c, int i) {
      return scalar(c);
    }

    @Override
    double scalar(EvalContext c) {
      final int from = c.from;
      final int to = c.to;
      switch (op) {
        case LEN:
          return to - from;
        case SUM:
          return sum(c, from, to);
        case MEAN:
          return sum(c, from, to) / (to - from);
        case MIN:
          {
            double m = Double.POSITIVE_INFINITY;
            for (int i = from; i < to; i++) {
              double x = arg.at(c, i);
              if (x < m) {
                m = x;
              } else if (x != x) {
                return Double.NaN;
              }
            }
            return to > from ? m : Double.NaN;
          }
        case MAX:
          {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
              double x = arg.at(c, i);
              if (x > m) {
                m = x;
              } else if (x != x) {
                return Double.NaN;
              }
            }
            return to > from ? m : Double.NaN;
          }
        default:
          throw new AssertionError(op);
      }
    }

    private double sum(EvalContext c, int from, int to) {
      double s = 0.0;
      double comp = 0.0;
      for (int i = from; i < to; i++) {
        double x = arg.at(c, i);
        double t = s + x;
        if (Math.abs(s) >= Math.abs(x)) {
          comp += (s - t) + x;
        } else {
          comp += (x - t) + s;
        }
        s = t;
      }
      return Double.isFinite(s) ? s + comp : s;
    }
  }
}
