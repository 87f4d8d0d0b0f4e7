package org.magg.transforms.temporal;

import java.io.Serializable;
import java.util.List;

/**
 * A derived variable, {@code name = a + b - c ...}, over variables of one collection.
 *
 * @param name the derived name (magg's {@code _rainfall})
 * @param expression the expression as written
 * @param terms the variables with their signs (+1 or -1), in order
 */
public record DerivedVariable(String name, String expression, List<Term> terms)
    implements Serializable {
  public DerivedVariable {
    terms = List.copyOf(terms);
  }

  /** The variables the expression reads. */
  public List<String> inputs() {
    return terms.stream().map(Term::variable).toList();
  }

  /** A signed variable of a derived expression. */
  public record Term(String variable, int sign) implements Serializable {}
}
