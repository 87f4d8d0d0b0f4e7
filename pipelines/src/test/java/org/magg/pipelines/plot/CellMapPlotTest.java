package org.magg.pipelines.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.grid.Healpix;
import org.magg.io.storage.Storage;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStores;

/**
 * Maps of known cells: each cell's centre, projected, has the colour the colour bar shows for the
 * cell's value; a cell across the antimeridian is drawn on both edges and nowhere between.
 */
class CellMapPlotTest {
  /** Per colour channel: the bar is drawn in rows, each the colour of its middle value. */
  private static final int TOLERANCE = 6;

  /**
   * A one-chunk xdggs store of {@code cells} (nested ids at {@code order}) with values 1, 2, ...
   */
  static Path store(Path dir, int order, long[] cells) throws IOException {
    Map<String, Object> dggs = new LinkedHashMap<>();
    dggs.put("name", "healpix");
    dggs.put("refinement_level", order);
    dggs.put("indexing_scheme", "nested");
    dggs.put("coordinate", "cell_ids");
    ZarrGroup root = ZarrGroup.create(ZarrStores.open(dir.toString()), "", ZarrFormat.V3, Map.of());
    ZarrGroup g = root.createGroup(Integer.toString(order), Map.of("dggs", dggs));
    ArrayMetadata.Builder ids =
        ArrayMetadata.builder()
            .withFormat(ZarrFormat.V3)
            .withShape(cells.length)
            .withChunkShape(cells.length)
            .withDataType(DataType.UINT64)
            .withDimensionNames("cells");
    g.createArray("cell_ids", ids.build()).writeChunk(new long[] {0}, cells);
    double[] values = new double[cells.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = i + 1;
    }
    g.createArray(
            "v",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V3)
                .withShape(cells.length)
                .withChunkShape(cells.length)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .withDimensionNames("cells")
                .withAttribute("units", "K")
                .build())
        .writeChunk(new long[] {0}, values);
    return dir;
  }

  private static long[] cellsAt(int order, double[] lons, double[] lats) {
    Set<Long> ids = new LinkedHashSet<>();
    for (double lat : lats) {
      for (double lon : lons) {
        ids.add(Healpix.nestedHash(order, lon, lat));
      }
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  private static Color at(BufferedImage image, int[] p) {
    return new Color(image.getRGB(p[0], p[1]));
  }

  private static boolean close(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed()) <= TOLERANCE
        && Math.abs(a.getGreen() - b.getGreen()) <= TOLERANCE
        && Math.abs(a.getBlue() - b.getBlue()) <= TOLERANCE;
  }

  private static int colours(BufferedImage image) {
    Set<Integer> c = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        c.add(image.getRGB(x, y));
      }
    }
    return c.size();
  }

  /** Every cell's centre pixel has the colour of the bar at its value. */
  private static void centresMatchTheBar(CellMapPlot.Drawn d, int order, long[] cells) {
    BufferedImage image = d.canvas().image;
    for (int i = 0; i < cells.length; i++) {
      double[] c = Healpix.center(order, cells[i]);
      // a centre on the antimeridian may be on the map's frame: look just inside the cell
      double lon = Math.abs(Projection.wrap(c[0])) == 180 ? 179 : c[0];
      Color cell = at(image, d.pixel(lon, c[1]));
      Color bar = at(image, d.barPixel(i + 1));
      assertTrue(
          close(cell, bar),
          "cell "
              + cells[i]
              + " (value "
              + (i + 1)
              + ") at "
              + c[0]
              + ","
              + c[1]
              + " is "
              + cell
              + ", the bar shows "
              + bar);
    }
  }

  @Test
  void cellsAroundTheAntimeridianAreCentredOnIt(@TempDir Path dir) throws IOException {
    int order = 3;
    long[] cells =
        cellsAt(order, new double[] {165, 172, 179, -179, -172, -165}, new double[] {-8, 0, 8});
    CellMapPlot.Drawn d =
        CellMapPlot.draw(
            store(dir.resolve("s.zarr"), order, cells).toString(), Storage.defaults(), "v");
    BufferedImage image = d.canvas().image;
    assertEquals(CellMapPlot.WIDTH, image.getWidth());
    assertEquals(CellMapPlot.HEIGHT, image.getHeight());
    assertEquals("equirectangular (centred on 180.0°)", d.projection().name());
    assertEquals(cells.length, d.withValue());
    assertTrue(colours(image) > cells.length, "colours: " + colours(image));
    centresMatchTheBar(d, order, cells);
    assertTrue(antimeridianCells(d, order, cells) > 0);
  }

  @Test
  void aMapAcrossTheWorldSplitsCellsAtItsEdgesWithoutSmears(@TempDir Path dir) throws IOException {
    int order = 3;
    long[] cells =
        cellsAt(order, new double[] {0, 10, 170, 179, -179, -110}, new double[] {-8, 0, 8});
    CellMapPlot.Drawn d =
        CellMapPlot.draw(
            store(dir.resolve("w.zarr"), order, cells).toString(), Storage.defaults(), "v");
    assertEquals("equirectangular", d.projection().name());
    centresMatchTheBar(d, order, cells);
    assertTrue(antimeridianCells(d, order, cells) > 0);
    BufferedImage image = d.canvas().image;
    for (double lon : new double[] {-150, -90, -60, -30, 40, 70, 100, 130, 160}) {
      Color c = at(image, d.pixel(lon, 0));
      assertTrue(
          c.getRed() == c.getGreen() && c.getGreen() == c.getBlue(),
          "at lon " + lon + ": " + c + " (expected background, no smear)");
    }
  }

  /**
   * Checks that each cell centred on the antimeridian has its colour on both sides of it (at 179.5
   * and -179.5 degrees); returns how many there are.
   */
  private static int antimeridianCells(CellMapPlot.Drawn d, int order, long[] cells) {
    BufferedImage image = d.canvas().image;
    int across = 0;
    for (int i = 0; i < cells.length; i++) {
      double[] c = Healpix.center(order, cells[i]);
      if (Math.abs(Projection.wrap(c[0])) == 180) {
        across++;
        Color expected = at(image, d.barPixel(i + 1));
        assertTrue(close(at(image, d.pixel(179.5, c[1])), expected), "east side, cell " + i);
        assertTrue(close(at(image, d.pixel(-179.5, c[1])), expected), "west side, cell " + i);
      }
    }
    return across;
  }

  @Test
  void polarCellsUseTheStereographicProjection(@TempDir Path dir) throws IOException {
    int order = 5;
    long[] cells =
        cellsAt(order, new double[] {-60, -30, 0, 30, 60, 120}, new double[] {-65, -72, -80});
    CellMapPlot.Drawn d =
        CellMapPlot.draw(
            store(dir.resolve("p.zarr"), order, cells).toString(), Storage.defaults(), null);
    assertEquals("polar stereographic (south)", d.projection().name());
    centresMatchTheBar(d, order, cells);
    // the colour bar runs from the smallest value to the largest
    assertEquals(1.0, d.scale().min());
    assertEquals(cells.length, d.scale().max());
  }

  @Test
  void keepImagesForLooking(@TempDir Path dir) throws IOException {
    String out = System.getProperty("magg.plot.dir");
    if (out == null) {
      return;
    }
    long[] eq = cellsAt(3, new double[] {0, 10, 175, 179, -179, -175}, new double[] {-8, 0, 8});
    Plotter.plot(
        store(dir.resolve("a"), 3, eq).toString(), "v", out + "/eq.png", Storage.defaults());
    long[] polar =
        cellsAt(5, new double[] {-60, -30, 0, 30, 60, 120}, new double[] {-65, -72, -80});
    Plotter.plot(
        store(dir.resolve("b"), 5, polar).toString(), "v", out + "/polar.png", Storage.defaults());
  }

  @Test
  void thePngIsWrittenWithTheSameImage(@TempDir Path dir) throws IOException {
    long[] cells = cellsAt(2, new double[] {0, 40, 80}, new double[] {-20, 20});
    Path store = store(dir.resolve("w.zarr"), 2, cells);
    Path png = dir.resolve("map.png");
    String what = Plotter.plot(store.toString(), "v", png.toString(), Storage.defaults());
    assertTrue(what.contains("HEALPix order 2, " + cells.length + " cells"), what);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(CellMapPlot.WIDTH, image.getWidth());
    assertTrue(colours(image) > cells.length);
    assertTrue(Files.size(png) > 1000);
  }
}
