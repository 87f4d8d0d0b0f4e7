package org.magg.transforms.cycles;

import java.io.Serializable;

/** A step that maps the carrier only; {@link Sequential} passes the state by it. */
@FunctionalInterface
public interface StatelessOperator<C> extends Serializable {
  C apply(C carrier);
}
