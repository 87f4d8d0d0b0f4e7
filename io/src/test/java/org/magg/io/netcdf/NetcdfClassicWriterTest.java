package org.magg.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.testing.SharedData;

/** Writes a small table, reads it back with our reader and with Unidata's ncdump. */
class NetcdfClassicWriterTest {
  @TempDir Path dir;

  private Path writeTable() throws IOException {
    NetcdfClassicWriter w = new NetcdfClassicWriter();
    w.dimension("event", 3).dimension("event_id_len", 6);
    w.attribute("title", "event table").attribute("version", 2);
    w.textVariable("event_id", List.of("event", "event_id_len"), List.of("AR-1", "AR-22", "x"))
        .attribute("long_name", "event id");
    w.doubleVariable("max_T2m", List.of("event"), new double[] {271.5, Double.NaN, -3.25})
        .attribute("units", "K")
        .attribute("_FillValue", Double.NaN);
    w.intVariable("timesteps", List.of("event"), new int[] {25, 0, 7});
    Path file = dir.resolve("t.nc");
    try (OutputStream out = Files.newOutputStream(file)) {
      w.write(out);
    }
    return file;
  }

  @Test
  void readsBackWithOurReader() throws IOException {
    try (NetcdfClassicFile nc = NetcdfClassicFile.open(writeTable())) {
      assertEquals(2, nc.version());
      assertEquals(List.of("AR-1", "AR-22", "x"), nc.readStrings("event_id"));
      double[] t = nc.readDoubles("max_T2m");
      assertEquals(271.5, t[0]);
      assertTrue(Double.isNaN(t[1]));
      assertEquals(-3.25, t[2]);
      assertArrayEquals(new double[] {25, 0, 7}, nc.readDoubles("timesteps"));
      assertEquals("event table", nc.attributes().get("title"));
    }
  }

  @Test
  void ncdumpReadsIt() throws Exception {
    Path file = writeTable();
    boolean ncdump = commandWorks("ncdump");
    SharedData.requireOrSkip(
        ncdump, "ncdump is needed: run `apt-get update && apt-get install -y netcdf-bin`");
    Process p = new ProcessBuilder("ncdump", file.toString()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), text);
    assertTrue(text.contains("event = 3 ;"), text);
    assertTrue(text.contains("max_T2m:units = \"K\" ;"), text);
    assertTrue(text.contains(":version = 2 ;"), text);
    // NaN equals the fill value, which ncdump prints as _
    assertTrue(text.contains("max_T2m = 271.5, _, -3.25 ;"), text);
    assertTrue(text.contains("timesteps = 25, 0, 7 ;"), text);
    assertTrue(
        text.contains("\"AR-1\",") && text.contains("\"AR-22\",") && text.contains("\"x\" ;"),
        text);
  }

  @Test
  void refusesMismatches() {
    NetcdfClassicWriter w = new NetcdfClassicWriter().dimension("event", 2).dimension("n", 3);
    assertThrows(
        IllegalArgumentException.class,
        () -> w.doubleVariable("v", List.of("event"), new double[3]));
    assertThrows(
        IllegalArgumentException.class,
        () -> w.textVariable("id", List.of("event", "n"), List.of("toolong", "a")));
    assertThrows(
        IllegalArgumentException.class, () -> w.intVariable("v", List.of("time"), new int[1]));
  }

  private static boolean commandWorks(String command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
