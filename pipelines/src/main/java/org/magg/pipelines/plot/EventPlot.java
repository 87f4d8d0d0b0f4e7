package org.magg.pipelines.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.magg.io.storage.Storage;
import org.magg.io.temporal.Event;
import org.magg.io.temporal.EventCatalog;
import org.magg.io.temporal.FieldGrid;
import org.magg.pipelines.inspect.CsvTable;

/**
 * An event output directory as a map over a bar chart. The map (equirectangular, over the events'
 * extent) shows each event's footprint, the grid cells of all its masks (from {@code
 * catalog.json}), translucent in the event's colour, and its track, the centroids of {@code
 * tracks.csv} joined in time (a jump across the antimeridian breaks the line), from a ring at
 * genesis to a dot per step. The bars give one metric per event: {@code --var} or the first column
 * of {@code metrics/events.csv}, else {@code max_area_km2} of {@code lifecycle.csv}.
 */
final class EventPlot {
  static final int WIDTH = 1100;
  static final int MAP_HEIGHT = 600;

  /** A genesis label's box, for keeping labels apart (two digits in 11-point bold). */
  static final int LABEL_WIDTH = 16;

  static final int LABEL_HEIGHT = 12;
  static final int HEIGHT = 1000;

  /** Ten distinguishable colours (the Tableau 10 palette). */
  private static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
    new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
    new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
    new Color(23, 190, 207)
  };

  /** What was drawn, and where. */
  record Drawn(
      Canvas canvas,
      Projection.Equirectangular projection,
      Frame frame,
      List<String> events,
      List<int[]> labels,
      String metric,
      String description) {
    int[] pixel(double lon, double lat) {
      return new int[] {
        (int) Math.floor(frame.px(projection.x(lon))), (int) Math.floor(frame.py(lat))
      };
    }
  }

  private EventPlot() {}

  static Color colour(int event) {
    return PALETTE[event % PALETTE.length];
  }

  static Drawn draw(String dir, Storage storage, String metric) throws IOException {
    CsvTable life = CsvTable.read(Storage.join(dir, "lifecycle.csv"), storage);
    List<String> ids = new ArrayList<>();
    for (int r = 0; r < life.size(); r++) {
      ids.add(life.get(r, "event_id"));
    }
    String catalogFile = Storage.join(dir, "catalog.json");
    EventCatalog catalog =
        storage.exists(catalogFile) ? EventCatalog.load(catalogFile, storage.s3Settings()) : null;
    FieldGrid grid = catalog == null ? null : catalog.grid();
    String tracksFile = Storage.join(dir, "tracks.csv");
    CsvTable tracks = storage.exists(tracksFile) ? CsvTable.read(tracksFile, storage) : null;
    Map<String, List<double[]>> track = new LinkedHashMap<>();
    if (tracks != null) {
      for (int r = 0; r < tracks.size(); r++) {
        track
            .computeIfAbsent(tracks.get(r, "event_id"), k -> new ArrayList<>())
            .add(
                new double[] {
                  CsvTable.number(tracks.get(r, "centroid_lon")),
                  CsvTable.number(tracks.get(r, "centroid_lat"))
                });
      }
    }
    Map<String, int[]> footprints = new LinkedHashMap<>();
    if (catalog != null) {
      for (Event e : catalog.events()) {
        footprints.put(e.id(), e.mask().unionCells());
      }
    }
    if (footprints.isEmpty() && track.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + ": no event to draw (lifecycle.csv lists "
              + ids.size()
              + " events, and there is"
              + " no catalog.json footprint or tracks.csv row)");
    }
    double dLat = grid == null ? 0 : step(grid.lat());
    double dLon = grid == null ? 0 : step(grid.lon());
    // centred on 180 degrees when the events keep together there (around the antimeridian)
    List<Double> lons = new ArrayList<>();
    for (int[] cells : footprints.values()) {
      for (int c : cells) {
        lons.add(grid.lonOf(c));
      }
    }
    for (List<double[]> points : track.values()) {
      for (double[] p : points) {
        lons.add(p[0]);
      }
    }
    Projection.Equirectangular projection =
        new Projection.Equirectangular(
            Projection.Equirectangular.centreFor(
                lons.stream().mapToDouble(Double::doubleValue).toArray()));
    double west = projection.centre() - 180;
    double east = projection.centre() + 180;

    // the extent: footprint cells (with their half widths) and track points
    double[] box = {
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    for (int[] cells : footprints.values()) {
      for (int c : cells) {
        double x = projection.x(grid.lonOf(c));
        extend(box, x - dLon / 2, grid.latOf(c) - dLat / 2);
        extend(box, x + dLon / 2, grid.latOf(c) + dLat / 2);
      }
    }
    for (List<double[]> points : track.values()) {
      for (double[] p : points) {
        extend(box, projection.x(p[0]), p[1]);
      }
    }
    double mx = Math.max((box[1] - box[0]) * 0.05, 1);
    double my = Math.max((box[3] - box[2]) * 0.05, 1);
    box =
        new double[] {
          Math.max(west, box[0] - mx), Math.min(east, box[1] + mx),
          Math.max(-90, box[2] - my), Math.min(90, box[3] + my)
        };

    Canvas canvas = new Canvas(WIDTH, HEIGHT);
    Graphics2D g = canvas.g;
    Rectangle2D mapArea = new Rectangle2D.Double(70, 60, WIDTH - 70 - 30, MAP_HEIGHT - 60 - 40);
    Frame frame = new Frame(box[0], box[1], box[2], box[3], mapArea);
    Rectangle2D mapBox = frame.box(box[0], box[1], box[2], box[3]);
    g.setClip(mapBox);
    Graticule.draw(g, projection, frame, box);
    for (int i = 0; i < ids.size(); i++) {
      int[] cells = footprints.get(ids.get(i));
      if (cells == null) {
        continue;
      }
      Color c = colour(i);
      g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
      for (int cell : cells) {
        double lon = projection.x(grid.lonOf(cell));
        double lat = grid.latOf(cell);
        Rectangle2D r = frame.box(lon - dLon / 2, lon + dLon / 2, lat - dLat / 2, lat + dLat / 2);
        // whole pixels, so that neighbouring cells neither overlap nor leave gaps
        int x0 = (int) Math.round(r.getX());
        int y0 = (int) Math.round(r.getY());
        int x1 = (int) Math.round(r.getMaxX());
        int y1 = (int) Math.round(r.getMaxY());
        g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
      }
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    List<int[]> labels = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      List<double[]> points = track.get(ids.get(i));
      if (points == null || points.isEmpty()) {
        continue;
      }
      Color c = colour(i).darker();
      g.setColor(c);
      g.setStroke(new BasicStroke(2f));
      Path2D.Double line = new Path2D.Double();
      double[] prev = null;
      List<double[]> xy = new ArrayList<>();
      for (double[] p : points) {
        xy.add(new double[] {projection.x(p[0]), p[1]});
      }
      for (double[] p : xy) {
        if (prev == null || Math.abs(p[0] - prev[0]) > 180) {
          line.moveTo(frame.px(p[0]), frame.py(p[1]));
        } else {
          line.lineTo(frame.px(p[0]), frame.py(p[1]));
        }
        prev = p;
      }
      g.draw(line);
      for (double[] p : xy) {
        g.fill(new Ellipse2D.Double(frame.px(p[0]) - 2.5, frame.py(p[1]) - 2.5, 5, 5));
      }
      double[] first = xy.get(0);
      g.draw(new Ellipse2D.Double(frame.px(first[0]) - 6, frame.py(first[1]) - 6, 12, 12));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
      int[] at = freePlace(labels, (int) frame.px(first[0]) + 7, (int) frame.py(first[1]) - 7);
      labels.add(at);
      g.drawString(Integer.toString(i + 1), at[0], at[1]);
    }
    g.setClip(null);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.DARK_GRAY);
    g.draw(mapBox);
    Graticule.label(g, projection, frame, box);

    Bars bars = bars(dir, storage, life, ids, metric);
    JFreeChart chart = chart(ids, bars);
    chart.draw(
        g, new Rectangle2D.Double(10, MAP_HEIGHT + 10, WIDTH - 20, HEIGHT - MAP_HEIGHT - 20));

    String description =
        String.format(
            Locale.ROOT,
            "%d events of %s: footprints of %d, tracks of %d; bars of %s",
            ids.size(),
            dir,
            footprints.size(),
            track.size(),
            bars.name());
    canvas.title(
        "Events — " + Storage.name(dir),
        ids.size()
            + " events; footprints (all mask cells) and centroid tracks, ring at genesis;"
            + " numbers as in the bars below",
        20,
        24);
    return new Drawn(canvas, projection, frame, ids, labels, bars.name(), description);
  }

  /** One value per event, in the order of {@code ids} (NaN: none). */
  private record Bars(String name, String source, double[] values) {}

  private static Bars bars(
      String dir, Storage storage, CsvTable life, List<String> ids, String metric)
      throws IOException {
    String metricsFile = Storage.join(Storage.join(dir, "metrics"), "events.csv");
    CsvTable table = life;
    String source = "lifecycle.csv";
    if (storage.exists(metricsFile)) {
      CsvTable m = CsvTable.read(metricsFile, storage);
      if (metric == null || m.has(metric)) {
        table = m;
        source = "metrics/events.csv";
      }
    }
    String name = metric;
    if (name == null) {
      name = "max_area_km2";
      if (table != life) {
        for (String col : table.header()) {
          if (!CsvTable.isEventTableColumn(col)) {
            name = col;
            break;
          }
        }
      }
    }
    if (!table.has(name)) {
      throw new IllegalArgumentException(
          dir
              + ": no metric '"
              + name
              + "' in "
              + source
              + " or lifecycle.csv (columns: "
              + String.join(", ", table.header())
              + ")");
    }
    double[] values = new double[ids.size()];
    java.util.Arrays.fill(values, Double.NaN);
    for (int r = 0; r < table.size(); r++) {
      int i = ids.indexOf(table.get(r, "event_id"));
      if (i >= 0) {
        values[i] = CsvTable.number(table.get(r, name));
      }
    }
    return new Bars(name, source, values);
  }

  private static JFreeChart chart(List<String> ids, Bars bars) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int i = 0; i < ids.size(); i++) {
      if (!Double.isNaN(bars.values()[i])) {
        data.addValue(bars.values()[i], bars.name(), (i + 1) + " " + ids.get(i));
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            bars.name() + " per event (" + bars.source() + ")",
            null,
            bars.name(),
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    if (ids.size() > 6) {
      plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.9f);
    BarRenderer renderer =
        new BarRenderer() {
          private static final long serialVersionUID = 1L;

          @Override
          public Paint getItemPaint(int row, int column) {
            String key = (String) data.getColumnKey(column);
            int number = Integer.parseInt(key.substring(0, key.indexOf(' ')));
            return colour(number - 1);
          }
        };
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setMaximumBarWidth(0.08);
    plot.setRenderer(renderer);
    return chart;
  }

  /**
   * Where a genesis label goes: at {@code (x, y)}, or moved down a line at a time until it is clear
   * of the labels drawn before (events that start at one centroid would print their numbers over
   * each other).
   */
  static int[] freePlace(List<int[]> taken, int x, int y) {
    int at = y;
    boolean moved = true;
    while (moved) {
      moved = false;
      for (int[] t : taken) {
        if (Math.abs(t[0] - x) < LABEL_WIDTH && Math.abs(t[1] - at) < LABEL_HEIGHT) {
          at = t[1] + LABEL_HEIGHT;
          moved = true;
        }
      }
    }
    return new int[] {x, at};
  }

  private static void extend(double[] box, double lon, double lat) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.max(box[1], lon);
    box[2] = Math.min(box[2], lat);
    box[3] = Math.max(box[3], lat);
  }

  private static double step(double[] axis) {
    return axis.length < 2 ? 1 : Math.abs(axis[1] - axis[0]);
  }
}
