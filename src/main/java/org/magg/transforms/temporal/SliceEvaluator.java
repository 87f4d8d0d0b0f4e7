package org.magg.transforms.temporal;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.magg.config.MetricSpec;
import org.magg.config.TemporalConfig;
import org.magg.config.TemporalConfig.DerivedVariable;
import org.magg.io.gridded.GridSlice;

/**
 * Turns one timestep of one collection into the {@link EventStep} of each event it reaches: the
 * field of each metric is prepared once per timestep (derived variable, precipitation rate times
 * 3600, anomaly against the month's climatology, negation) and shared by every event, then each
 * event's mask is combined with the region ({@code ais}: inside, {@code ocean}: outside, {@code
 * full}: the event alone) and reduced by the metric's spatial function.
 *
 * <p>Rules: a timestep reaches an event when {@code start <= t <= end}; precipitation metrics also
 * accumulate for {@code end < t <= end + precipExtension} under the event's last mask. The event
 * makes landfall at {@code t <= end} when its mask touches the landfall region; {@code
 * first_landfall} metrics get a value only at landfall timesteps.
 */
public final class SliceEvaluator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<MetricSpec> metrics;
  private final Map<String, DerivedVariable> derived;
  private final String landfallRegion;
  private final long precipExtensionMillis;

  public SliceEvaluator(
      List<MetricSpec> metrics,
      Map<String, DerivedVariable> derived,
      String landfallRegion,
      Duration precipExtension) {
    this.metrics = List.copyOf(metrics);
    this.derived = Map.copyOf(derived);
    this.landfallRegion = landfallRegion;
    this.precipExtensionMillis = precipExtension.toMillis();
    metrics.forEach(m -> SpatialFunctions.forName(m.spatialFunction()));
  }

  /** The evaluator of a config's metrics. */
  public static SliceEvaluator of(TemporalConfig config) {
    return new SliceEvaluator(
        config.metrics(), config.derived(), config.landfallRegion(), config.precipExtension());
  }

  public List<MetricSpec> metrics() {
    return metrics;
  }

  /** The last time a timestep of {@code collection} can reach an event ending at {@code end}. */
  public long reachEnd(String collection, long endMillis) {
    boolean precip =
        metrics.stream().anyMatch(m -> m.precip() && m.collection().equals(collection));
    return precip ? endMillis + precipExtensionMillis : endMillis;
  }

  /** The last time any timestep can reach an event ending at {@code end}. */
  public long windowEnd(long endMillis) {
    return metrics.stream().anyMatch(MetricSpec::precip)
        ? endMillis + precipExtensionMillis
        : endMillis;
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
    private final Map<String, CellMask> masks = new HashMap<>();

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
      boolean during = t <= event.endMillis();
      CellMask mask = event.maskAt(during ? t : event.endMillis());
      if (mask == null) {
        mask = CellMask.empty();
      }
      masks.clear();
      boolean landfall = during && mask.touches(region(landfallRegion));
      double[] areas = statics.cellAreas();
      EventStep.Builder step =
          new EventStep.Builder(event.id(), collection, t, metrics.size(), bytesRead);
      for (int m = 0; m < metrics.size(); m++) {
        MetricSpec spec = metrics.get(m);
        if (!spec.collection().equals(collection)
            || (!during && !spec.precip())
            || (spec.temporalReducer().equals("first_landfall") && !landfall)) {
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
        CellMask eventMask = mask;
        CellMask combined = masks.computeIfAbsent(spec.mask(), k -> combine(k, eventMask));
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
