package org.magg.pipelines.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventCatalog;
import org.magg.io.temporal.EventCatalogJson;
import org.magg.io.temporal.EventMask;
import org.magg.io.temporal.FieldGrid;

/**
 * Deterministic synthetic events for tests and benchmarks: ellipses that move across a {@link
 * FieldGrid}, one mask per cadence step (3 hours by default). The same settings and seed give the
 * same events on any JVM ({@link Random} and {@link StrictMath} are specified to the bit).
 *
 * <p>Each event starts at a whole cadence step within {@code span} after {@code start}, lasts 4 to
 * 16 mask times, and has an ellipse with semi-axes of 3-10 degrees of longitude and 2-6 degrees of
 * latitude (at least 1.5 grid steps), rotated by up to 90 degrees, whose centre moves 0.5-2 degrees
 * a step. With a region, a share of the events ({@code crossingFraction}) are aimed at a random
 * region cell, which their centre reaches at the last mask time, so they cross the region; the
 * others start anywhere between 70 S and 70 N. An event ends at its last mask time plus the cadence
 * less one hour, so the hourly field steps of the last block are inside it.
 *
 * <pre>{@code
 * FieldGrid grid = FieldGrid.regular(-90, 0.5, 361, -180, 0.625, 576);
 * List<Event> events = SyntheticEvents.builder(grid).withEvents(100).withSeed(42)
 *     .withRegion(SyntheticEvents.latitudeBand(grid, -90, -65), 0.5).generate();
 * SyntheticEvents.writeJson(Path.of("events.json"), grid, events);
 * }</pre>
 */
public final class SyntheticEvents {
  private final FieldGrid grid;
  private final int events;
  private final Duration cadence;
  private final long seed;
  private final Instant start;
  private final Duration span;
  private final boolean[] region;
  private final double crossingFraction;

  private SyntheticEvents(
      FieldGrid grid,
      int events,
      Duration cadence,
      long seed,
      Instant start,
      Duration span,
      boolean[] region,
      double crossingFraction) {
    this.grid = grid;
    this.events = events;
    this.cadence = cadence;
    this.seed = seed;
    this.start = start;
    this.span = span;
    this.region = region;
    this.crossingFraction = crossingFraction;
  }

  /** Ten events, 3-hourly masks, seed 1, starting within 30 days from 2021-01-01T00:00:00Z. */
  public static SyntheticEvents builder(FieldGrid grid) {
    Objects.requireNonNull(grid, "Grid cannot be null.");
    return new SyntheticEvents(
        grid,
        10,
        Duration.ofHours(3),
        1L,
        Instant.parse("2021-01-01T00:00:00Z"),
        Duration.ofDays(30),
        null,
        0);
  }

  /** How many events. */
  public SyntheticEvents withEvents(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of events must be >= 0, got " + n);
    }
    return new SyntheticEvents(grid, n, cadence, seed, start, span, region, crossingFraction);
  }

  /** Time between mask times (positive, a whole number of seconds). */
  public SyntheticEvents withCadence(Duration cadence) {
    if (cadence.isNegative() || cadence.isZero() || cadence.getNano() != 0) {
      throw new IllegalArgumentException(
          "cadence must be a positive whole number of seconds, got " + cadence);
    }
    return new SyntheticEvents(grid, events, cadence, seed, start, span, region, crossingFraction);
  }

  public SyntheticEvents withSeed(long seed) {
    return new SyntheticEvents(grid, events, cadence, seed, start, span, region, crossingFraction);
  }

  /** Events start at whole cadence steps in {@code [start, start + span)}. */
  public SyntheticEvents withStart(Instant start, Duration span) {
    if (span.isNegative()) {
      throw new IllegalArgumentException("span must not be negative, got " + span);
    }
    return new SyntheticEvents(
        grid, events, cadence, seed, Objects.requireNonNull(start), span, region, crossingFraction);
  }

  /** A region (one flag per grid cell) that {@code crossingFraction} (0..1) of the events cross. */
  public SyntheticEvents withRegion(boolean[] region, double crossingFraction) {
    if (region.length != grid.cells()) {
      throw new IllegalArgumentException(
          "region has " + region.length + " cells, the grid " + grid.cells());
    }
    if (!(crossingFraction >= 0 && crossingFraction <= 1)) {
      throw new IllegalArgumentException(
          "crossing fraction must be within [0, 1], got " + crossingFraction);
    }
    boolean any = false;
    for (boolean b : region) {
      any |= b;
    }
    if (!any && crossingFraction > 0) {
      throw new IllegalArgumentException("region has no cell for events to cross");
    }
    return new SyntheticEvents(
        grid, events, cadence, seed, start, span, region.clone(), crossingFraction);
  }

  /** The cells with {@code latMin <= lat <= latMax}, say a polar cap as a stand-in ice sheet. */
  public static boolean[] latitudeBand(FieldGrid grid, double latMin, double latMax) {
    boolean[] r = new boolean[grid.cells()];
    double[] lat = grid.lat();
    int nLon = grid.nLon();
    for (int i = 0; i < lat.length; i++) {
      if (lat[i] >= latMin && lat[i] <= latMax) {
        java.util.Arrays.fill(r, i * nLon, (i + 1) * nLon, true);
      }
    }
    return r;
  }

  /** The events, ids {@code syn-0000}, {@code syn-0001}, ... */
  public List<Event> generate() {
    Random rnd = new Random(seed);
    double[] lat = grid.lat();
    double[] lon = grid.lon();
    double dLat = maxStep(lat);
    double dLon = maxStep(lon);
    int[] regionCells = regionCells();
    long steps = Math.max(1, span.getSeconds() / cadence.getSeconds());
    List<Event> out = new ArrayList<>(events);
    for (int e = 0; e < events; e++) {
      Instant first = start.plus(cadence.multipliedBy((long) (rnd.nextDouble() * steps)));
      int n = 4 + rnd.nextInt(13);
      double a = Math.max(3 + 7 * rnd.nextDouble(), 1.5 * dLon);
      double b = Math.max(2 + 4 * rnd.nextDouble(), 1.5 * dLat);
      double theta = StrictMath.toRadians(90 * rnd.nextDouble());
      double speed = 0.5 + 1.5 * rnd.nextDouble();
      double heading = 2 * Math.PI * rnd.nextDouble();
      double vLat = speed * StrictMath.sin(heading);
      double vLon = speed * StrictMath.cos(heading);
      boolean crossing = regionCells.length > 0 && rnd.nextDouble() < crossingFraction;
      double lat0;
      double lon0;
      if (crossing) {
        int target = regionCells[rnd.nextInt(regionCells.length)];
        lat0 = grid.latOf(target) - vLat * (n - 1);
        lon0 = grid.lonOf(target) - vLon * (n - 1);
      } else {
        lat0 = -70 + 140 * rnd.nextDouble();
        lon0 = lon[0] + 360 * rnd.nextDouble();
      }
      EventMask.Builder mb = EventMask.builder();
      Instant t = first;
      for (int k = 0; k < n; k++) {
        double cLat = Math.max(-89.9, Math.min(89.9, lat0 + vLat * k));
        double cLon = lon0 + vLon * k;
        mb.add(t, ellipse(lat, lon, cLat, cLon, a, b, theta));
        if (k < n - 1) {
          t = t.plus(cadence);
        }
      }
      Duration tail =
          cadence.compareTo(Duration.ofHours(1)) > 0 ? cadence.minusHours(1) : Duration.ZERO;
      Instant end = t.plus(tail);
      out.add(Event.of(String.format("syn-%04d", e), first, end, mb.build(end)));
    }
    return out;
  }

  /** The events as a catalog. */
  public EventCatalog catalog() {
    return EventCatalog.of(grid, generate());
  }

  /** The generator's settings, as written into a catalog's {@code metadata}. */
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", "SyntheticEvents");
    m.put("events", events);
    m.put("cadence", cadence.toString());
    m.put("seed", seed);
    m.put("start", start.toString());
    m.put("span", span.toString());
    m.put("crossing_fraction", region == null ? 0 : crossingFraction);
    return m;
  }

  /** Writes the events as a JSON catalog (the format {@link EventCatalog#load} reads). */
  public static void writeJson(Path file, FieldGrid grid, List<Event> events) throws IOException {
    Files.writeString(file, EventCatalogJson.write(grid, events, Map.of()), StandardCharsets.UTF_8);
  }

  /** Generates and writes a JSON catalog with the settings in its {@code metadata}. */
  public void writeJson(Path file) throws IOException {
    Files.writeString(
        file, EventCatalogJson.write(grid, generate(), settings()), StandardCharsets.UTF_8);
  }

  private int[] regionCells() {
    if (region == null) {
      return new int[0];
    }
    int count = 0;
    for (boolean r : region) {
      count += r ? 1 : 0;
    }
    int[] c = new int[count];
    int k = 0;
    for (int i = 0; i < region.length; i++) {
      if (region[i]) {
        c[k++] = i;
      }
    }
    return c;
  }

  private static double maxStep(double[] axis) {
    double m = 0;
    for (int i = 1; i < axis.length; i++) {
      m = Math.max(m, Math.abs(axis[i] - axis[i - 1]));
    }
    return m;
  }

  /**
   * Cells inside the ellipse centred at (cLat, cLon) with semi-axes a (along the rotated lon axis)
   * and b, rotated by theta; longitude differences wrap to [-180, 180).
   */
  static int[] ellipse(
      double[] lat, double[] lon, double cLat, double cLon, double a, double b, double theta) {
    double cos = StrictMath.cos(theta);
    double sin = StrictMath.sin(theta);
    double reach = Math.max(a, b);
    int nLon = lon.length;
    int[] cells = new int[64];
    int n = 0;
    for (int i = 0; i < lat.length; i++) {
      double dy = lat[i] - cLat;
      if (Math.abs(dy) > reach) {
        continue;
      }
      for (int j = 0; j < nLon; j++) {
        double dx = lon[j] - cLon;
        if (dx >= 180 || dx < -180) {
          dx = dx - 360 * StrictMath.floor((dx + 180) / 360);
        }
        if (Math.abs(dx) > reach) {
          continue;
        }
        double u = (dx * cos + dy * sin) / a;
        double v = (-dx * sin + dy * cos) / b;
        if (u * u + v * v <= 1) {
          if (n == cells.length) {
            cells = java.util.Arrays.copyOf(cells, 2 * n);
          }
          cells[n++] = i * nLon + j;
        }
      }
    }
    return java.util.Arrays.copyOf(cells, n);
  }
}
