package org.magg.pipelines.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.magg.core.grid.CellBoundary;
import org.magg.core.grid.Healpix;
import org.magg.io.storage.Storage;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.NdBuffer;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;

/**
 * A spatial cell store (xdggs layout: a group with a {@code dggs} attribute naming HEALPix, its
 * refinement level and the coordinate of cell ids) as a map: every cell of the written chunks drawn
 * as its boundary polygon, filled with its value's colour (grey without a value), a colour bar with
 * the variable's units, a graticule and a title. Polar stereographic when every cell centre is
 * poleward of 60 degrees (south or north), equirectangular otherwise.
 */
final class CellMapPlot {
  static final int WIDTH = 1000;
  static final int HEIGHT = 800;
  static final double POLAR_LATITUDE = 60;

  /** What was drawn, and where, for the caller and the tests. */
  record Drawn(
      Canvas canvas,
      Projection projection,
      Frame frame,
      ColourScale scale,
      Rectangle2D bar,
      int cells,
      int withValue,
      String description) {

    /** The pixel of a point. */
    int[] pixel(double lon, double lat) {
      double[] p = projection.project(lon, lat);
      return new int[] {(int) Math.floor(frame.px(p[0])), (int) Math.floor(frame.py(p[1]))};
    }

    /** The pixel in the middle of the colour bar whose colour is that of {@code v}. */
    int[] barPixel(double v) {
      double f = (v - scale.min()) / (scale.max() - scale.min());
      return new int[] {
        (int) (bar.getX() + bar.getWidth() / 2), ColourScale.row(bar, Math.max(0, Math.min(1, f)))
      };
    }
  }

  private CellMapPlot() {}

  static Drawn draw(String location, Storage storage, String variable) throws IOException {
    ZarrStore store = ZarrStores.open(location, storage.s3Settings());
    ZarrGroup group = dggsGroup(store, location);
    Map<String, Object> dggs = dggs(group.attributes());
    if (!"healpix".equalsIgnoreCase(String.valueOf(dggs.get("name")))) {
      throw new IllegalArgumentException(
          location
              + ": the dggs of group /"
              + group.path()
              + " is "
              + dggs.get("name")
              + "; only HEALPix cells can be drawn");
    }
    Object levelValue =
        dggs.containsKey("refinement_level") ? dggs.get("refinement_level") : dggs.get("level");
    int order = ((Number) levelValue).intValue();
    String coordinate = String.valueOf(dggs.getOrDefault("coordinate", "cell_ids"));
    String var = variable != null ? variable : defaultVariable(group, coordinate);
    if (!group.memberNames().contains(var) || !group.isArray(var)) {
      throw new IllegalArgumentException(
          location
              + ": no variable '"
              + var
              + "' in group /"
              + group.path()
              + " (variables: "
              + String.join(", ", variables(group, coordinate))
              + ")");
    }
    ZarrArray ids = group.openArray(coordinate);
    ZarrArray values = group.openArray(var);
    Cells cells = Cells.read(store, ids, values);
    if (cells.size() == 0) {
      throw new IllegalArgumentException(
          location + ": variable '" + var + "' has no written chunk; nothing to draw");
    }

    Projection projection = projection(order, cells);
    double[] box = bounds(projection, order, cells);
    Canvas canvas = new Canvas(WIDTH, HEIGHT);
    Rectangle2D mapArea = new Rectangle2D.Double(60, 70, WIDTH - 60 - 170, HEIGHT - 70 - 50);
    Frame frame = new Frame(box[0], box[1], box[2], box[3], mapArea);
    Graphics2D g = canvas.g;
    g.setClip(frame.box(box[0], box[1], box[2], box[3]));
    Graticule.draw(g, projection, frame, box);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int withValue = 0;
    for (int i = 0; i < cells.size(); i++) {
      double v = cells.value(i);
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        withValue++;
      }
    }
    ColourScale scale = new ColourScale(withValue == 0 ? 0 : min, withValue == 0 ? 1 : max);
    int step = pathStep(projection, frame, order, cells.id(0));
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setStroke(new BasicStroke(1f));
    for (int i = 0; i < cells.size(); i++) {
      g.setColor(scale.colour(cells.value(i)));
      double[][] boundary = CellBoundary.path(order, cells.id(i), step);
      for (double[][] ring : projection.rings(boundary)) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(frame.px(ring[0][0]), frame.py(ring[1][0]));
        for (int k = 1; k < ring[0].length; k++) {
          path.lineTo(frame.px(ring[0][k]), frame.py(ring[1][k]));
        }
        path.closePath();
        g.fill(path);
        // the outline in the same colour closes the hairline gaps between neighbouring cells
        g.draw(path);
      }
    }
    g.setClip(null);
    g.setColor(Color.DARK_GRAY);
    g.draw(frame.box(box[0], box[1], box[2], box[3]));
    Graticule.label(g, projection, frame, box);

    String units = unitsOf(values.metadata());
    Rectangle2D bar = new Rectangle2D.Double(WIDTH - 140, 110, 22, HEIGHT - 230);
    scale.draw(g, bar, var + (units.isEmpty() ? "" : " (" + units + ")"));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(Color.DARK_GRAY);
    int y = (int) (bar.getMaxY() + 30);
    if (units.isEmpty()) {
      g.drawString("units: not given", (int) bar.getX(), y);
      y += 15;
    }
    g.setColor(ColourScale.NO_VALUE);
    g.fillRect((int) bar.getX(), y, 12, 12);
    g.setColor(Color.DARK_GRAY);
    g.drawString("no value", (int) bar.getX() + 17, y + 10);

    String description =
        String.format(
            Locale.ROOT,
            "%s of %s /%s: HEALPix order %d, %,d cells (%,d with a value), %s",
            var,
            Storage.name(location),
            group.path(),
            order,
            cells.size(),
            withValue,
            projection.name());
    canvas.title(var + " — " + Storage.name(location) + " /" + group.path(), description, 20, 28);
    return new Drawn(canvas, projection, frame, scale, bar, cells.size(), withValue, description);
  }

  /** The first group, breadth first from the root, with a {@code dggs} attribute. */
  private static ZarrGroup dggsGroup(ZarrStore store, String location) throws IOException {
    Deque<ZarrGroup> queue = new ArrayDeque<>();
    queue.add(ZarrGroup.open(store, ""));
    while (!queue.isEmpty()) {
      ZarrGroup g = queue.poll();
      if (dggs(g.attributes()) != null) {
        return g;
      }
      for (String m : g.memberNames()) {
        if (!g.isArray(m)) {
          queue.add(g.openGroup(m));
        }
      }
    }
    throw new IllegalArgumentException(
        location
            + ": no group with a dggs attribute; expected a spatial cell store (xdggs layout, as"
            + " magg run writes)");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dggs(Map<String, Object> attrs) {
    Object d = attrs.get("dggs");
    return d instanceof Map<?, ?> ? (Map<String, Object>) d : null;
  }

  private static List<String> variables(ZarrGroup g, String coordinate) throws IOException {
    List<String> out = new ArrayList<>();
    for (String m : g.memberNames()) {
      if (g.isArray(m) && !m.equals(coordinate) && !m.equals("morton")) {
        out.add(m);
      }
    }
    return out;
  }

  /** {@code h_mean} when there is one, else the first variable. */
  private static String defaultVariable(ZarrGroup g, String coordinate) throws IOException {
    List<String> vars = variables(g, coordinate);
    if (vars.contains("h_mean")) {
      return "h_mean";
    }
    if (vars.isEmpty()) {
      throw new IllegalArgumentException("group /" + g.path() + " has no variable to draw");
    }
    return vars.get(0);
  }

  private static String unitsOf(ArrayMetadata m) {
    Object u = m.attributes().get("units");
    return u == null ? "" : u.toString();
  }

  /** Polar stereographic when every cell centre is poleward of 60 degrees. */
  static Projection projection(int order, Cells cells) {
    boolean south = true;
    boolean north = true;
    for (int i = 0; i < cells.size(); i++) {
      double lat = Healpix.center(order, cells.id(i))[1];
      south &= lat < -POLAR_LATITUDE;
      north &= lat > POLAR_LATITUDE;
    }
    if (south || north) {
      return new Projection.PolarStereographic(south);
    }
    double[] lons = new double[cells.size()];
    for (int i = 0; i < lons.length; i++) {
      lons[i] = Healpix.center(order, cells.id(i))[0];
    }
    return new Projection.Equirectangular(Projection.Equirectangular.centreFor(lons));
  }

  /** The plane box {@code {x0, x1, y0, y1}} of every cell's vertices, with a margin. */
  private static double[] bounds(Projection p, int order, Cells cells) {
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < cells.size(); i++) {
      for (double[][] ring : p.rings(CellBoundary.vertices(order, cells.id(i)))) {
        for (int k = 0; k < ring[0].length; k++) {
          x0 = Math.min(x0, ring[0][k]);
          x1 = Math.max(x1, ring[0][k]);
          y0 = Math.min(y0, ring[1][k]);
          y1 = Math.max(y1, ring[1][k]);
        }
      }
    }
    if (p instanceof Projection.Equirectangular e) {
      x0 = Math.max(x0, e.centre() - 180);
      x1 = Math.min(x1, e.centre() + 180);
    }
    double mx = Math.max((x1 - x0) * 0.04, 1e-9);
    double my = Math.max((y1 - y0) * 0.04, 1e-9);
    double[] box = {x0 - mx, x1 + mx, y0 - my, y1 + my};
    if (p instanceof Projection.Equirectangular e) {
      box[0] = Math.max(box[0], e.centre() - 180);
      box[1] = Math.min(box[1], e.centre() + 180);
      box[2] = Math.max(box[2], -90);
      box[3] = Math.min(box[3], 90);
    }
    return box;
  }

  /** Points per cell edge: one (the vertices) for cells a few pixels wide, more for large ones. */
  private static int pathStep(Projection p, Frame f, int order, long id) {
    double[][] v = CellBoundary.vertices(order, id);
    double[] a = p.project(v[0][0], v[0][1]);
    double[] b = p.project(v[2][0], v[2][1]);
    double pixels = Math.hypot(a[0] - b[0], a[1] - b[1]) * f.scale();
    return pixels < 12 ? 1 : (int) Math.min(16, Math.ceil(pixels / 12));
  }

  /** The cells of the written chunks: ids and values. */
  static final class Cells {
    private long[] ids = new long[1024];
    private double[] values = new double[1024];
    private int size;

    static Cells read(ZarrStore store, ZarrArray ids, ZarrArray values) throws IOException {
      ArrayMetadata m = values.metadata();
      if (m.rank() != 1 || ids.metadata().rank() != 1) {
        throw new IllegalArgumentException(
            "variable " + values.path() + " is not a 1-D array along the cells");
      }
      long length = m.shape()[0];
      int chunk = m.chunkShape()[0];
      long chunks = m.chunkGridShape()[0];
      String prefix = values.path().isEmpty() ? "" : values.path() + "/";
      Set<String> keys = new HashSet<>(store.list(prefix));
      Cells c = new Cells();
      for (long k = 0; k < chunks; k++) {
        if (!keys.contains(values.chunkKey(k))) {
          continue;
        }
        long offset = k * chunk;
        long n = Math.min(chunk, length - offset);
        NdBuffer idBuf = ids.read(new long[] {offset}, new long[] {n});
        NdBuffer vBuf = values.read(new long[] {offset}, new long[] {n});
        for (int i = 0; i < n; i++) {
          c.add(idBuf.getLong(i), vBuf.getDouble(i));
        }
      }
      return c;
    }

    private void add(long id, double v) {
      if (size == ids.length) {
        ids = java.util.Arrays.copyOf(ids, size * 2);
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      ids[size] = id;
      values[size] = v;
      size++;
    }

    int size() {
      return size;
    }

    long id(int i) {
      return ids[i];
    }

    double value(int i) {
      return values[i];
    }
  }
}
