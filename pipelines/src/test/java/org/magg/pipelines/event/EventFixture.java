package org.magg.pipelines.event;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.magg.io.netcdf.NetcdfClassicWriter;

/**
 * Synthetic fields with known blobs for the event pipeline's tests: variable {@code V} on a 10 x 12
 * grid of 1° cells (lat 0..9, lon 0..11, not global), 7 timesteps 3 h apart from 2021-01-10T00:00Z
 * in two files ({@code V/part1.nc}: t0..t3, {@code V/part2.nc}: t4..t6), background 0, the blobs'
 * cells at the values below; a landfall region (rows 8 and 9) in {@code static/land.nc}.
 *
 * <pre>
 *   A  rows 1-2, cols 1-2 (t0, 260), 2-3 (t1, 270), 3-4 (t2, 280): moves, then ends (lysis)
 *   B  row 4, col 10 (t0, t1, 500): one cell, smaller than min_cells 2
 *   D  rows 6-7, cols 1-2 (t2, 290; t3, 295): merges into E at t4
 *   E  rows 6-8, cols 5-6 (t2, 300; t3, 310); F rows 6-8, cols 1-6 (t4, 320);
 *      G rows 6-8, cols 1-2 (t5, 330; t6, 305): E continues through F into G
 *   H  rows 6-8, cols 5-6 (t5, 315; t6, 340): splits from E at t5
 *   C  rows 1-2, cols 8-9 (t4, 400): one timestep, fewer than min_steps 2
 * </pre>
 */
public final class EventFixture {
  static final int NLAT = 10;
  static final int NLON = 12;
  static final Instant T0 = Instant.parse("2021-01-10T00:00:00Z");
  static final int STEPS = 7;

  public static final String CONFIG =
      String.join(
          "\n",
          "pipeline: {type: event}",
          "data_source:",
          "  collections:",
          "    V: {files: 'V/*.nc', time_step: PT3H, variables: [V]}",
          "  static_data:",
          "    land_mask: 'static/land.nc#mask'",
          "detection:",
          "  collection: V",
          "  expression: 'V > 250'",
          "  connectivity: 8",
          "  min_cells: 2",
          "tracking:",
          "  min_overlap: 0.3",
          "  min_steps: 2",
          "");

  private EventFixture() {}

  static Instant t(int step) {
    return T0.plusSeconds(3L * 3600 * step);
  }

  /** The values of timestep {@code step} (row-major lat x lon). */
  static double[] values(int step) {
    double[] v = new double[NLAT * NLON];
    switch (step) {
      case 0 -> {
        rect(v, 1, 2, 1, 2, 260);
        rect(v, 4, 4, 10, 10, 500);
      }
      case 1 -> {
        rect(v, 1, 2, 2, 3, 270);
        rect(v, 4, 4, 10, 10, 500);
      }
      case 2 -> {
        rect(v, 1, 2, 3, 4, 280);
        rect(v, 6, 7, 1, 2, 290);
        rect(v, 6, 8, 5, 6, 300);
      }
      case 3 -> {
        rect(v, 6, 7, 1, 2, 295);
        rect(v, 6, 8, 5, 6, 310);
      }
      case 4 -> {
        rect(v, 6, 8, 1, 6, 320);
        rect(v, 1, 2, 8, 9, 400);
      }
      case 5 -> {
        rect(v, 6, 8, 1, 2, 330);
        rect(v, 6, 8, 5, 6, 315);
      }
      case 6 -> {
        rect(v, 6, 8, 1, 2, 305);
        rect(v, 6, 8, 5, 6, 340);
      }
      default -> throw new IllegalArgumentException("no step " + step);
    }
    return v;
  }

  /** The cells of rows r0..r1, columns c0..c1, sorted. */
  static int[] cells(int r0, int r1, int c0, int c1) {
    List<Integer> out = new ArrayList<>();
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        out.add(r * NLON + c);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void rect(double[] v, int r0, int r1, int c0, int c1, double value) {
    for (int c : cells(r0, r1, c0, c1)) {
      v[c] = value;
    }
  }

  /** Writes both field files and the static region under {@code root}; returns root. */
  public static Path write(Path root) throws IOException {
    writePart(root.resolve("V/part1.nc"), 0, 4);
    writePart(root.resolve("V/part2.nc"), 4, 3);
    writeStatic(root);
    return root;
  }

  /** A field file of {@code n} timesteps from {@code first}. */
  static void writePart(Path file, int first, int n) throws IOException {
    double[] time = new double[n];
    double[] v = new double[n * NLAT * NLON];
    for (int k = 0; k < n; k++) {
      time[k] = 3.0 * (first + k);
      System.arraycopy(values(first + k), 0, v, k * NLAT * NLON, NLAT * NLON);
    }
    NetcdfClassicWriter w = coordinates().dimension("time", n);
    w.doubleVariable("time", List.of("time"), time)
        .attribute("units", "hours since 2021-01-10 00:00:00");
    w.doubleVariable("V", List.of("time", "lat", "lon"), v).attribute("units", "kg m-1 s-1");
    write(w, file);
  }

  static NetcdfClassicWriter coordinates() {
    NetcdfClassicWriter w = new NetcdfClassicWriter().dimension("lat", NLAT).dimension("lon", NLON);
    w.doubleVariable("lat", List.of("lat"), lat()).attribute("units", "degrees_north");
    w.doubleVariable("lon", List.of("lon"), lon()).attribute("units", "degrees_east");
    return w;
  }

  static double[] lat() {
    double[] lat = new double[NLAT];
    for (int i = 0; i < NLAT; i++) {
      lat[i] = i;
    }
    return lat;
  }

  static double[] lon() {
    double[] lon = new double[NLON];
    for (int j = 0; j < NLON; j++) {
      lon[j] = j;
    }
    return lon;
  }

  /** The landfall region: rows 8 and 9. */
  static void writeStatic(Path root) throws IOException {
    NetcdfClassicWriter w = coordinates();
    double[] mask = new double[NLAT * NLON];
    for (int c = 8 * NLON; c < NLAT * NLON; c++) {
      mask[c] = 1;
    }
    w.doubleVariable("mask", List.of("lat", "lon"), mask);
    write(w, root.resolve("static/land.nc"));
  }

  static void write(NetcdfClassicWriter w, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      w.write(out);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Spherical area of a cell of this grid (R = 6371.0088 km): R² Δλ |sin φn − sin φs|. */
  static double area(int cell) {
    double r = 6371.0088;
    int i = cell / NLON;
    double north = Math.toRadians(Math.min(90, i + 0.5));
    double south = Math.toRadians(Math.max(-90, i - 0.5));
    return r * r * Math.toRadians(1) * Math.abs(Math.sin(north) - Math.sin(south));
  }

  /** Area-weighted centroid of cells by unit vectors: {lat, lon}. */
  static double[] centroid(int[] cells) {
    double x = 0;
    double y = 0;
    double z = 0;
    for (int c : cells) {
      double a = area(c);
      double la = Math.toRadians(c / NLON);
      double lo = Math.toRadians(c % NLON);
      x += a * Math.cos(la) * Math.cos(lo);
      y += a * Math.cos(la) * Math.sin(lo);
      z += a * Math.sin(la);
    }
    return new double[] {
      Math.toDegrees(Math.atan2(z, Math.hypot(x, y))), Math.toDegrees(Math.atan2(y, x))
    };
  }
}
