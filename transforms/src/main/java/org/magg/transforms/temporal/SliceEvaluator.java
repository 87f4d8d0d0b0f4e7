package org.magg.transforms.temporal;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.magg.io.gridded.GridSlice;

/**
 * Turns one timestep of one collection into the {@link EventStep} of each event it reaches: the
 * field of each metric is prepared once per timestep (derived variable, precipitation rate times
 * 3600, anomaly against the month's climatology, negation) and shared by every event, then each
 * event's mask is combined with the region ({@code ais}: inside, {@code ocean}: outside, {@code
 * full}: the event alone) and reduced by the metric's spatial function.
 *
 * <p>Rules, as in the original's storm worker:
 *
 * <ul>
 *   <li>A timestep reaches an event's non-precipitation metrics when the event has a mask at
 *       exactly that time (fields are hourly, masks 3-hourly: the hours between masks are not
 *       used).
 *   <li>The event makes landfall at a mask time when its mask touches the landfall region; {@code
 *       first_landfall} metrics get a value only at landfall times, and the earliest wins.
 *   <li>Precipitation metrics take every hourly amount (rate x 3600 s) and sum them in blocks of
 *       {@code precipBlock} (3 h) starting at the block's time {@code b}; the block's mask is the
 *       union of the event's masks in {@code [b - precipExtension + precipBlock, b]} (the
 *       original's rolling 24 h maximum), for blocks from the event's start to {@code end +
 *       precipExtension}. So precipitation that falls on a cell up to 24 h after the event covered
 *       it is attributed to the event.
 * </ul>
 */
public final class SliceEvaluator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<MetricSpec> metrics;
  private final Map<String, DerivedVariable> derived;
  private final String landfallRegion;
  private final long precipExtensionMillis;
  private final long precipBlockMillis;

  public SliceEvaluator(
      List<MetricSpec> metrics,
      Map<String, DerivedVariable> derived,
      String landfallRegion,
      Duration precipExtension,
      Duration precipBlock) {
    this.metrics = List.copyOf(metrics);
    this.derived = Map.copyOf(derived);
    this.landfallRegion = landfallRegion;
    this.precipExtensionMillis = precipExtension.toMillis();
    this.precipBlockMillis = precipBlock.toMillis();
    if (precipBlockMillis <= 0 || precipExtensionMillis % precipBlockMillis != 0) {
      throw new IllegalArgumentException(
          "the precipitation extension ("
              + precipExtension
              + ") must be a whole number of precipitation blocks ("
              + precipBlock
              + ")");
    }
    metrics.forEach(m -> SpatialFunctions.forName(m.spatialFunction()));
  }

  public List<MetricSpec> metrics() {
    return metrics;
  }

  /** Whether some precipitation metric reads {@code collection}. */
  public boolean hasPrecip(String collection) {
    return metrics.stream().anyMatch(m -> m.precip() && m.collection().equals(collection));
  }

  /** Whether some {@code first_landfall} metric reads {@code collection}. */
  boolean needsLandfall(String collection) {
    return metrics.stream()
        .anyMatch(
            m ->
                !m.precip()
                    && m.collection().equals(collection)
                    && m.temporalReducer().equals("first_landfall"));
  }

  /** Whether some non-precipitation metric reads {@code collection}. */
  public boolean hasRegular(String collection) {
    return metrics.stream().anyMatch(m -> !m.precip() && m.collection().equals(collection));
  }

  /** The last time a timestep of {@code collection} can reach an event ending at {@code end}. */
  public long reachEnd(String collection, long endMillis) {
    return hasPrecip(collection) ? precipEnd(endMillis) : endMillis;
  }

  /** The last instant of the last precipitation block of an event ending at {@code end}. */
  public long precipEnd(long endMillis) {
    return blockOf(endMillis + precipExtensionMillis) + precipBlockMillis - 1;
  }

  /** The last time any timestep can reach an event ending at {@code end}: its window's end. */
  public long windowEnd(long endMillis) {
    return metrics.stream().anyMatch(MetricSpec::precip) ? precipEnd(endMillis) : endMillis;
  }

  /** The start of the precipitation block holding {@code t}. */
  public long blockOf(long timeMillis) {
    return Math.floorDiv(timeMillis, precipBlockMillis) * precipBlockMillis;
  }

  public long precipBlockMillis() {
    return precipBlockMillis;
  }

  /**
   * Prepares one timestep of a collection.
   *
   * @param source the file and time index, for messages
   * @throws IllegalArgumentException naming the variable and the source when a variable is missing
   *     or the grid does not match the static fields
   */
  public Prepared prepare(
      String collection,
      long timeMillis,
      Map<String, GridSlice> variables,
      long bytesRead,
      String source,
      StaticFields statics) {
    return new Prepared(collection, timeMillis, variables, bytesRead, source, statics);
  }

  /** One prepared timestep: the fields of its metrics, computed on first use. */
  public final class Prepared {
    private final String collection;
    private final long timeMillis;
    private final Map<String, GridSlice> variables;
    private final long bytesRead;
    private final String source;
    private final StaticFields statics;
    private final Map<String, GridSlice> fields = new HashMap<>();

    private Prepared(
        String collection,
        long timeMillis,
        Map<String, GridSlice> variables,
        long bytesRead,
        String source,
        StaticFields statics) {
      this.collection = collection;
      this.timeMillis = timeMillis;
      this.variables = variables;
      this.bytesRead = bytesRead;
      this.source = source;
      this.statics = statics;
    }

    public long timeMillis() {
      return timeMillis;
    }

    /** The step of {@code event} at this timestep, or null when the timestep does not reach it. */
    public EventStep evaluate(EventFootprint event) {
      long t = timeMillis;
      if (t < event.startMillis() || t > reachEnd(collection, event.endMillis())) {
        return null;
      }
      CellMask exact = t <= event.endMillis() ? event.maskAt(t) : null;
      CellMask precipMask = null;
      if (hasPrecip(collection)) {
        long block = blockOf(t);
        if (block >= event.startMillis() && block <= event.endMillis() + precipExtensionMillis) {
          precipMask = event.unionOf(block - precipExtensionMillis + precipBlockMillis, block);
        }
      }
      boolean regular = exact != null && hasRegular(collection);
      if (!regular && precipMask == null) {
        return null;
      }
      boolean landfall =
          exact != null && needsLandfall(collection) && exact.touches(region(landfallRegion));
      double[] areas = statics.cellAreas();
      EventStep.Builder step =
          new EventStep.Builder(event.id(), collection, t, metrics.size(), bytesRead);
      Map<String, CellMask> regularMasks = new HashMap<>();
      Map<String, CellMask> precipMasks = new HashMap<>();
      for (int m = 0; m < metrics.size(); m++) {
        MetricSpec spec = metrics.get(m);
        if (!spec.collection().equals(collection)) {
          continue;
        }
        CellMask base = spec.precip() ? precipMask : exact;
        if (base == null
            || (!spec.precip() && spec.temporalReducer().equals("first_landfall") && !landfall)) {
          continue;
        }
        GridSlice field = field(spec);
        if (field.cells() != areas.length) {
          throw new IllegalArgumentException(
              source
                  + ": "
                  + spec.variable()
                  + " is on a "
                  + field.nLat()
                  + " x "
                  + field.nLon()
                  + " grid but the static fields have "
                  + areas.length
                  + " cells");
        }
        Map<String, CellMask> cache = spec.precip() ? precipMasks : regularMasks;
        CellMask combined = cache.computeIfAbsent(spec.mask(), k -> combine(k, base));
        step.set(
            m, SpatialFunctions.forName(spec.spatialFunction()).apply(t, field, combined, areas));
      }
      return step.build();
    }

    /** {@code full}: the event; {@code ocean}: outside the landfall region; a region: inside it. */
    private CellMask combine(String maskName, CellMask eventMask) {
      if (maskName.equals(MetricSpec.FULL)) {
        return eventMask;
      }
      if (maskName.equals(MetricSpec.OCEAN)) {
        return eventMask.within(region(landfallRegion), false);
      }
      return eventMask.within(region(maskName), true);
    }

    private boolean[] region(String name) {
      boolean[] r = statics.region(name);
      if (r == null) {
        throw new IllegalArgumentException(
            "no region mask named '" + name + "' in the static data");
      }
      return r;
    }

    private GridSlice field(MetricSpec spec) {
      return fields.computeIfAbsent(spec.fieldKey(), k -> transformed(spec));
    }

    private GridSlice transformed(MetricSpec spec) {
      GridSlice base = base(spec.variable());
      if (!spec.precip() && !spec.anomaly() && !spec.negate()) {
        return base;
      }
      double[] v = base.values().clone();
      if (spec.precip()) {
        for (int c = 0; c < v.length; c++) {
          v[c] *= 3600;
        }
      }
      if (spec.anomaly()) {
        if (base.levels() != 1) {
          throw new IllegalArgumentException(
              source + ": anomalies of " + spec.variable() + " need a 2-D field, it has levels");
        }
        int month = Instant.ofEpochMilli(timeMillis).atZone(ZoneOffset.UTC).getMonthValue();
        double[] clim = statics.climatology(spec.variable(), month);
        for (int c = 0; c < v.length; c++) {
          v[c] -= clim[c];
        }
      }
      if (spec.negate()) {
        for (int c = 0; c < v.length; c++) {
          v[c] = -v[c];
        }
      }
      return new GridSlice(base.lat(), base.lon(), base.levels(), v);
    }

    private GridSlice base(String variable) {
      DerivedVariable d = derived.get(variable);
      if (d == null) {
        return variable(variable);
      }
      GridSlice first = variable(d.terms().get(0).variable());
      double[] sum = new double[first.values().length];
      for (DerivedVariable.Term term : d.terms()) {
        GridSlice g = variable(term.variable());
        if (g.values().length != sum.length) {
          throw new IllegalArgumentException(
              source
                  + ": "
                  + term.variable()
                  + " and "
                  + d.terms().get(0).variable()
                  + " differ in shape, so "
                  + d.name()
                  + " = "
                  + d.expression()
                  + " cannot be computed");
        }
        double[] x = g.values();
        for (int c = 0; c < sum.length; c++) {
          sum[c] += term.sign() * x[c];
        }
      }
      return new GridSlice(first.lat(), first.lon(), first.levels(), sum);
    }

    private GridSlice variable(String name) {
      GridSlice g = variables.get(name);
      if (g == null) {
        throw new IllegalArgumentException(
            source
                + ": variable "
                + name
                + " is missing (has: "
                + String.join(", ", variables.keySet())
                + ")");
      }
      return g;
    }
  }
}
