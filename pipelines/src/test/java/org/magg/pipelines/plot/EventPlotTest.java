package org.magg.pipelines.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.storage.Storage;
import org.magg.pipelines.cli.SampleOutputs;

/** The event plot of the event pipeline's fixture (events A, D, E, H on a 1-degree grid). */
class EventPlotTest {
  private static Path events;

  @BeforeAll
  static void run(@TempDir Path dir) throws IOException {
    events = SampleOutputs.eventOutput(dir);
  }

  @Test
  void footprintsTracksAndBars() throws IOException {
    EventPlot.Drawn d = EventPlot.draw(events.toString(), Storage.defaults(), null);
    BufferedImage image = d.canvas().image;
    assertEquals(EventPlot.WIDTH, image.getWidth());
    assertEquals(EventPlot.HEIGHT, image.getHeight());
    assertEquals(4, d.events().size());
    assertEquals("max_v", d.metric(), "the first metric of metrics/events.csv");
    String keep = System.getProperty("magg.plot.dir");
    if (keep != null) {
      Plotter.plot(events.toString(), null, keep + "/fixture-events.png", Storage.defaults());
    }

    // A's footprint (rows 1-2, columns 1-4 over its three steps: lat 1-2, lon 1-4) holds the
    // cell at lat 1, lon 1, away from its track (centroids at lat 1.5): A's colour, alpha 110 of
    // 255, over the white background
    Color a = EventPlot.colour(0);
    int[] p = d.pixel(1.0, 1.0);
    Color seen = new Color(image.getRGB(p[0], p[1]));
    assertTrue(close(seen, blend(a, 110)), "A's footprint at lat 1, lon 1 is " + seen);
    // no event covers lat 4, lon 8 (B, one cell at row 4 column 10, was too small)
    int[] q = d.pixel(8.0, 4.3);
    Color empty = new Color(image.getRGB(q[0], q[1]));
    assertTrue(
        empty.getRed() == empty.getGreen() && empty.getGreen() == empty.getBlue(), "" + empty);
    // each event's bar is drawn in its colour below the map
    for (int i = 0; i < 4; i++) {
      assertTrue(count(image, EventPlot.colour(i), EventPlot.MAP_HEIGHT) > 200, "bar " + i);
    }
  }

  @Test
  void eventsAcrossTheAntimeridianAreDrawnTogether(@TempDir Path dir) throws IOException {
    // one storm moving east across 180 degrees: 175 E, 178 E, 179 W, 176 W at 10 N
    EventPlot.Drawn d =
        tracksOnly(
            dir, "S1,1200\n", "S1,175.0,10.0\nS1,178.0,10.0\nS1,-179.0,10.0\nS1,-176.0,10.0\n");
    assertEquals(180.0, d.projection().centre());
    int[] west = d.pixel(175.0, 10.0);
    int[] east = d.pixel(-176.0, 10.0);
    // 9 degrees apart along the track, drawn in that order from west to east over most of the map
    // (the map spans the track plus 5% a side), not at the two ends of a world map
    assertTrue(east[0] > west[0], west[0] + " then " + east[0]);
    assertTrue(east[0] - west[0] > EventPlot.WIDTH / 2, west[0] + " to " + east[0]);
    // the line passes over 180 degrees: the track's colour at lon 180, lat 10
    int[] middle = d.pixel(180.0, 10.0);
    Color line = EventPlot.colour(0).darker();
    boolean found = false;
    for (int dy = -1; dy <= 1 && !found; dy++) {
      found = d.canvas().image.getRGB(middle[0], middle[1] + dy) == line.getRGB();
    }
    assertTrue(found, "the track's colour at 180 degrees");
  }

  @Test
  void eventsStartingAtOneCentroidGetLabelsApart(@TempDir Path dir) throws IOException {
    EventPlot.Drawn d =
        tracksOnly(
            dir,
            "A,10\nB,20\nC,30\n",
            "A,10.0,5.0\nA,12.0,6.0\nB,10.0,5.0\nB,12.0,3.0\nC,10.0,5.0\nC,8.0,5.0\n");
    assertEquals(3, d.labels().size());
    int[] a = d.labels().get(0);
    int[] b = d.labels().get(1);
    int[] c = d.labels().get(2);
    // the same x, one line apart each
    assertEquals(a[0], b[0]);
    assertEquals(a[0], c[0]);
    assertEquals(EventPlot.LABEL_HEIGHT, b[1] - a[1]);
    assertEquals(EventPlot.LABEL_HEIGHT, c[1] - b[1]);
    // a label clear of the others stays where it is
    assertEquals(
        List.of(200, 50),
        java.util.Arrays.stream(EventPlot.freePlace(d.labels(), 200, 50)).boxed().toList());
  }

  /**
   * The plot of an event output holding only {@code lifecycle.csv} ({@code event_id,max_area_km2}
   * rows) and {@code tracks.csv} ({@code event_id,centroid_lon,centroid_lat} rows).
   */
  private static EventPlot.Drawn tracksOnly(Path dir, String lifecycle, String tracks)
      throws IOException {
    java.nio.file.Files.writeString(
        dir.resolve("lifecycle.csv"), "event_id,max_area_km2\n" + lifecycle);
    java.nio.file.Files.writeString(
        dir.resolve("tracks.csv"), "event_id,centroid_lon,centroid_lat\n" + tracks);
    return EventPlot.draw(dir.toString(), Storage.defaults(), null);
  }

  private static Color blend(Color c, int alpha) {
    double a = alpha / 255.0;
    return new Color(
        (int) Math.round(255 + (c.getRed() - 255) * a),
        (int) Math.round(255 + (c.getGreen() - 255) * a),
        (int) Math.round(255 + (c.getBlue() - 255) * a));
  }

  private static boolean close(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed()) <= 2
        && Math.abs(a.getGreen() - b.getGreen()) <= 2
        && Math.abs(a.getBlue() - b.getBlue()) <= 2;
  }

  /** Pixels of exactly {@code c} below row {@code fromY}. */
  static int count(BufferedImage image, Color c, int fromY) {
    int n = 0;
    for (int y = fromY; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += image.getRGB(x, y) == c.getRGB() ? 1 : 0;
      }
    }
    return n;
  }
}
