package org.magg.pipelines.engine;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.Staleness;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.engine.Satisfaction;
import org.magg.transforms.engine.Producer;

/**
 * The one rule for whether a producer must run: it may be skipped only when the cube holds each of
 * its outputs over the whole time axis at a fine enough resolution ({@link Cube#satisfaction}) and
 * nothing it depends on changed since its last successful run ({@link Staleness}: its
 * configuration, its needs' versions, its files' content).
 */
final class Freshness {
  private Freshness() {}

  /** Why {@code p} must run, each reason once; empty when it may be skipped. */
  static List<String> reasons(Producer p, Cube cube, CurrentInputs current) throws IOException {
    List<String> out =
        new ArrayList<>(
            Staleness.reasons(
                cube.catalog().fingerprint(p.name()).orElse(null), current.fingerprint()));
    for (VarSpec v : p.produces()) {
      Satisfaction s = satisfaction(cube, v);
      if (!s.satisfied()) {
        out.add(s.reason());
      }
    }
    return out;
  }

  /** Whether the cube holds {@code v} over the whole time axis. */
  static Satisfaction satisfaction(Cube cube, VarSpec v) throws IOException {
    CubeGrid g = cube.grid();
    TimeAxis t = g.time();
    Instant end = t.at(t.count() - 1).plus(t.step());
    return cube.satisfaction(v, t.start(), end);
  }
}
