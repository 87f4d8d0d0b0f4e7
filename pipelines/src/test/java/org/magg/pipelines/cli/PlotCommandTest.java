package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code magg plot} on the spatial sample store and a DA run, and its usage errors; the RMSE series
 * {@code magg da lorenz96 --output} writes is checked against the scores it prints.
 */
class PlotCommandTest {

  private static BufferedImage png(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertTrue(image != null, file + " is a PNG");
    return image;
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

  @Test
  void theSpatialSampleStoreAsAPolarMap(@TempDir Path dir) throws IOException {
    Path store = SampleOutputs.spatialStore(dir);
    Path out = dir.resolve("h_mean.png");
    CliRun r = CliRun.of("plot", store.toString(), "--var", "h_mean", "--out", out.toString());
    assertEquals(0, r.code(), r.text());
    assertEquals("", r.err());
    assertThat(r.out(), containsString("HEALPix order 12, 8,192 cells"));
    assertThat(r.out(), containsString("polar stereographic (south)"));
    BufferedImage image = png(out);
    assertEquals(1000, image.getWidth());
    assertEquals(800, image.getHeight());
    assertTrue(colours(image) > 100, "colours: " + colours(image));

    CliRun bad = CliRun.of("plot", store.toString(), "--var", "nope", "--out", out.toString());
    assertEquals(2, bad.code());
    assertThat(bad.err(), containsString("no variable 'nope' in group /12 (variables: count,"));
  }

  @Test
  void aDaRunAsRmseOverTime(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("da");
    CliRun da =
        CliRun.of(
            "da",
            "lorenz96",
            "--filter",
            "etkf",
            "--members",
            "10",
            "--steps",
            "300",
            "--burn-in",
            "100",
            "--inflation",
            "1.02",
            "--output",
            run.toString());
    assertEquals(0, da.code(), da.text());
    List<String> lines = Files.readAllLines(run.resolve("rmse.csv"));
    assertEquals("step,t,analysis_rmse,free_rmse", lines.get(0));
    assertEquals(300 + 1, lines.size(), "every step is observed");
    assertEquals("3,0.15,", lines.get(3).substring(0, 7), "t = step * dt");
    // the printed time-mean scores are the means of the series after the burn-in
    double analysis = 0;
    double free = 0;
    for (String line : lines.subList(101, lines.size())) {
      String[] f = line.split(",");
      analysis += Double.parseDouble(f[2]);
      free += Double.parseDouble(f[3]);
    }
    assertThat(da.out(), containsString(String.format("analysis_rmse=%.4f", analysis / 200)));
    assertThat(da.out(), containsString(String.format("free_rmse=%.4f", free / 200)));
    assertTrue(da.out().strip().endsWith("obs_error=1"), "the scores stay the last lines");

    Path out = dir.resolve("rmse.png");
    CliRun r = CliRun.of("plot", run.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.text());
    assertThat(r.out(), containsString("300 analysis times"));
    BufferedImage image = png(out);
    assertEquals(1000, image.getWidth());
    assertEquals(600, image.getHeight());
    // the two series and the observation error line in their colours
    for (Color c :
        new Color[] {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44)}) {
      int n = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          n += image.getRGB(x, y) == c.getRGB() ? 1 : 0;
        }
      }
      assertTrue(n > 100, c + ": " + n + " pixels");
    }

    CliRun withBeam =
        CliRun.of(
            "da",
            "lorenz96",
            "--filter",
            "etkf",
            "--members",
            "10",
            "--steps",
            "30",
            "--burn-in",
            "10",
            "--inflation",
            "1.02",
            "--output",
            run.toString(),
            "--runner=DirectRunner");
    assertEquals(2, withBeam.code());
    assertThat(withBeam.err(), containsString("--output records the RMSE series of an in-process"));
  }

  @Test
  void outputsWithoutAPlotAreUsageErrors(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("x.png");
    CliRun missing = CliRun.of("plot", dir.resolve("none").toString(), "--out", out.toString());
    assertEquals(2, missing.code());
    assertThat(missing.err(), containsString("no such file or directory"));
    Path temporal = Files.createDirectories(dir.resolve("t"));
    Files.writeString(temporal.resolve("events.csv"), "event_id,status,start,end\n");
    CliRun none = CliRun.of("plot", temporal.toString(), "--out", out.toString());
    assertEquals(2, none.code());
    assertThat(none.err(), containsString("a temporal output directory has no plot"));
    CliRun noDir =
        CliRun.of("plot", temporal.toString(), "--out", dir.resolve("no/such/x.png").toString());
    assertEquals(2, noDir.code());
  }
}
