package org.magg.pipelines.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.magg.core.Json;
import org.magg.io.storage.Storage;
import org.magg.pipelines.inspect.CsvTable;

/**
 * A DA run ({@code magg da lorenz96 --output}) as RMSE over model time: the analysis and the free
 * run from {@code rmse.csv}, the observation error standard deviation as a horizontal line and the
 * end of the burn-in as a vertical one (from {@code result.json}), on a logarithmic RMSE axis.
 */
final class RmsePlot {
  static final int WIDTH = 1000;
  static final int HEIGHT = 600;
  static final Color ANALYSIS = new Color(31, 119, 180);
  static final Color FREE = new Color(214, 39, 40);
  static final Color OBS_ERROR = new Color(44, 160, 44);

  record Drawn(Canvas canvas, XYPlot plot, Rectangle2D area, String description) {}

  private RmsePlot() {}

  static Drawn draw(String dir, Storage storage) throws IOException {
    CsvTable rmse = CsvTable.read(Storage.join(dir, "rmse.csv"), storage);
    double[] t = rmse.doubles("t");
    double[] analysis = rmse.doubles("analysis_rmse");
    double[] free = rmse.doubles("free_rmse");
    XYSeries a = new XYSeries("analysis");
    XYSeries f = new XYSeries("free run");
    for (int i = 0; i < t.length; i++) {
      if (analysis[i] > 0) {
        a.add(t[i], analysis[i]);
      }
      if (free[i] > 0) {
        f.add(t[i], free[i]);
      }
    }
    if (a.isEmpty()) {
      throw new IllegalArgumentException(dir + ": rmse.csv has no analysis RMSE to draw");
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(a);
    data.addSeries(f);
    String resultFile = Storage.join(dir, "result.json");
    JsonNode result =
        storage.exists(resultFile) ? Json.mapper().readTree(storage.read(resultFile)) : null;
    String setting =
        result == null
            ? ""
            : String.format(
                Locale.ROOT,
                "%s, %d members, inflation %s: time-mean analysis RMSE %.4f, free run %.4f",
                result.path("filter").asText(),
                result.path("members").asInt(),
                result.path("inflation").asText(),
                result.path("analysis_rmse").asDouble(),
                result.path("free_rmse").asDouble());
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            "RMSE over time — " + Storage.name(dir),
            "model time",
            "RMSE",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    if (!setting.isEmpty()) {
      chart.addSubtitle(new org.jfree.chart.title.TextTitle(setting));
    }
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    LogarithmicAxis y = new LogarithmicAxis("RMSE (log scale)");
    y.setStrictValuesFlag(false);
    plot.setRangeAxis(y);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, ANALYSIS);
    r.setSeriesPaint(1, FREE);
    r.setSeriesStroke(0, new BasicStroke(1.5f));
    r.setSeriesStroke(1, new BasicStroke(1.5f));
    plot.setRenderer(r);
    if (result != null && result.path("obs_error").asDouble() > 0) {
      double sd = result.path("obs_error").asDouble();
      ValueMarker m = new ValueMarker(sd, OBS_ERROR, dashed(2f));
      m.setLabel("observation error sd " + Labels.number(sd));
      m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
      m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      m.setLabelPaint(OBS_ERROR.darker());
      plot.addRangeMarker(m);
      double burnIn = result.path("burn_in").asDouble() * result.path("dt").asDouble();
      if (burnIn > 0) {
        ValueMarker b = new ValueMarker(burnIn, Color.GRAY, dashed(1f));
        b.setLabel("end of burn-in");
        b.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        b.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        b.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        plot.addDomainMarker(b);
      }
    }
    Canvas canvas = new Canvas(WIDTH, HEIGHT);
    Rectangle2D area = new Rectangle2D.Double(0, 0, WIDTH, HEIGHT);
    chart.draw(canvas.g, area);
    String description =
        String.format(
            Locale.ROOT,
            "RMSE of %s: %d analysis times%s",
            dir,
            a.getItemCount(),
            setting.isEmpty() ? "" : "; " + setting);
    return new Drawn(canvas, plot, area, description);
  }

  private static BasicStroke dashed(float width) {
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }
}
