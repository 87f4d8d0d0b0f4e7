package org.magg.pipelines.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.magg.core.engine.Axis;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.Field;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.Region;
import org.magg.core.engine.RetryPolicy;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.transforms.engine.Producer;
import org.magg.transforms.engine.ProducerRequest;

/**
 * A registry of toy producers, given to the engine as Java objects, on a 6 x 8 grid in 4 x 4 tiles
 * with 2 timesteps:
 *
 * <ul>
 *   <li>{@code ramp}: static {@code ramp = 10 i + j};
 *   <li>{@code clock}: time {@code clock = 100 t + i + j};
 *   <li>{@code smooth}: tile-parallel, boundary-coupled with a halo of 1: the sum of {@code ramp}
 *       over the 3 x 3 cells around each cell (cells off the grid left out);
 *   <li>{@code flaky}: fails its first two attempts, then {@code flaky = clock + 1} (3 attempts
 *       allowed);
 *   <li>{@code broken}: always fails (2 attempts), {@code after_broken} needs its output;
 *   <li>{@code total}: {@code ramp + clock}, independent of the broken branch.
 * </ul>
 */
final class ToyProducers {
  static final CubeGrid GRID =
      new CubeGrid(
          new Axis(10.0, 0.5, 6),
          new Axis(20.0, 0.5, 8),
          new TimeAxis(java.time.Instant.parse("2022-01-01T00:00:00Z"), Duration.ofHours(6), 2),
          4,
          4);

  /** Attempts per producer name, across the calls of a test (one JVM on Direct and Flink local). */
  static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

  private ToyProducers() {}

  /** The work of a toy: inputs by name and the request to outputs by name. */
  @FunctionalInterface
  interface Work extends Serializable {
    Map<String, Field> apply(Map<String, Field> in, ProducerRequest r) throws Exception;
  }

  /** A toy producer: the declarations as given, its work a function. */
  record Toy(
      String name,
      DataAdapter needs,
      List<VarSpec> produces,
      ProducerCapabilities capabilities,
      int maxAttempts,
      Work work)
      implements Producer, Serializable {
    @Override
    public RetryPolicy retryPolicy() {
      return RetryPolicy.of(maxAttempts, Duration.ZERO);
    }

    @Override
    public Map<String, Object> configuration() {
      return Map.of("toy", name);
    }

    @Override
    public Map<String, Field> compute(Map<String, Field> inputs, ProducerRequest request)
        throws Exception {
      ATTEMPTS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      return work.apply(inputs, request);
    }
  }

  static VarSpec var(String name, VarKind kind) {
    return VarSpec.of(name, kind, VarDtype.FLOAT64, "1");
  }

  static double ramp(int i, int j) {
    return 10 * i + j;
  }

  static double clock(int t, int i, int j) {
    return 100 * t + i + j;
  }

  static List<Producer> all() {
    return List.of(
        source("ramp", VarKind.STATIC),
        source("clock", VarKind.TIME),
        smooth(),
        flaky(),
        broken(),
        cellwise("after_broken", "broken_out", VarKind.TIME, 1.0),
        total());
  }

  static Toy source(String name, VarKind kind) {
    return new Toy(
        name,
        DataAdapter.none(),
        List.of(var(name, kind)),
        ProducerCapabilities.defaults(),
        1,
        (in, r) -> {
          Region g = r.region();
          double[] v = new double[g.size(kind)];
          int k = 0;
          int nt = kind == VarKind.TIME ? g.nt() : 1;
          for (int t = 0; t < nt; t++) {
            for (int i = g.lat0(); i < g.lat1(); i++) {
              for (int j = g.lon0(); j < g.lon1(); j++) {
                v[k++] = kind == VarKind.TIME ? clock(g.t0() + t, i, j) : ramp(i, j);
              }
            }
          }
          return Map.of(name, new Field(name, kind, g, v, Double.NaN));
        });
  }

  /** The 3 x 3 sum of ramp, one call per tile, reading a halo of one cell. */
  static Toy smooth() {
    return new Toy(
        "smooth",
        DataAdapter.of(DataNeed.of("ramp", VarKind.STATIC)),
        List.of(var("smooth", VarKind.STATIC)),
        ProducerCapabilities.defaults().withTileParallel(true).withBoundaryCoupling(1),
        1,
        (in, r) -> {
          Field ramp = in.get("ramp");
          Region read = ramp.region();
          Region g = r.region();
          double[] v = new double[g.cellsPerStep()];
          int k = 0;
          for (int i = g.lat0(); i < g.lat1(); i++) {
            for (int j = g.lon0(); j < g.lon1(); j++) {
              double sum = 0;
              for (int di = -1; di <= 1; di++) {
                for (int dj = -1; dj <= 1; dj++) {
                  int a = i + di;
                  int b = j + dj;
                  if (a >= read.lat0() && a < read.lat1() && b >= read.lon0() && b < read.lon1()) {
                    sum += ramp.at(0, a - read.lat0(), b - read.lon0());
                  }
                }
              }
              v[k++] = sum;
            }
          }
          return Map.of("smooth", new Field("smooth", VarKind.STATIC, g, v, Double.NaN));
        });
  }

  static Toy flaky() {
    Toy plusOne = cellwise("flaky", "clock", VarKind.TIME, 1.0);
    return new Toy(
        "flaky",
        plusOne.needs(),
        plusOne.produces(),
        plusOne.capabilities(),
        3,
        (in, r) -> {
          if (ATTEMPTS.get("flaky").get() <= 2) {
            throw new java.io.IOException("flaky: the service is busy");
          }
          return plusOne.work().apply(in, r);
        });
  }

  static Toy broken() {
    return new Toy(
        "broken",
        DataAdapter.of(DataNeed.of("clock", VarKind.TIME)),
        List.of(var("broken_out", VarKind.TIME)),
        ProducerCapabilities.defaults(),
        2,
        (in, r) -> {
          throw new IllegalStateException("broken: model diverged");
        });
  }

  /** {@code out = need + add}, cell by cell; the output is named after the producer. */
  static Toy cellwise(String name, String need, VarKind kind, double add) {
    return new Toy(
        name,
        DataAdapter.of(DataNeed.of(need, kind)),
        List.of(var(name, kind)),
        ProducerCapabilities.defaults(),
        1,
        (in, r) -> {
          Field f = in.get(need).sub(r.region());
          double[] v = f.values().clone();
          for (int k = 0; k < v.length; k++) {
            v[k] += add;
          }
          return Map.of(name, new Field(name, kind, r.region(), v, Double.NaN));
        });
  }

  static Toy total() {
    return new Toy(
        "total",
        DataAdapter.of(DataNeed.of("ramp", VarKind.STATIC), DataNeed.of("clock", VarKind.TIME)),
        List.of(var("total", VarKind.TIME)),
        ProducerCapabilities.defaults(),
        1,
        (in, r) -> {
          Field ramp = in.get("ramp");
          Field clock = in.get("clock");
          Region g = r.region();
          double[] v = new double[g.size(VarKind.TIME)];
          int k = 0;
          for (int t = 0; t < g.nt(); t++) {
            for (int i = 0; i < g.nLat(); i++) {
              for (int j = 0; j < g.nLon(); j++) {
                v[k++] = ramp.at(0, i, j) + clock.at(t, i, j);
              }
            }
          }
          return Map.of("total", new Field("total", VarKind.TIME, g, v, Double.NaN));
        });
  }
}
