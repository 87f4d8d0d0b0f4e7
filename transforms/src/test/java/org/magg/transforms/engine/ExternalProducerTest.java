package org.magg.transforms.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.magg.core.Json;
import org.magg.core.engine.Axis;
import org.magg.core.engine.ContentHashes;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.Field;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.Region;
import org.magg.core.engine.RetryPolicy;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.Cube;
import org.magg.io.netcdf.NetcdfClassicFile;
import org.magg.testing.SharedData;

/**
 * The external-model producer around a real separate program, {@code toy_model.py} (Python 3 with
 * xarray and scipy), which reads {@code temperature} and {@code elevation} and writes {@code risk =
 * temperature - 0.01 * elevation} and {@code peak} = the maximum of temperature over time.
 *
 * <p>Inputs are set so the outputs can be computed by hand: temperature(t, i, j) = 280 + 10 t + i +
 * 0.1 j and elevation(i, j) = 1000 i + 100 j, hence risk(t, i, j) = 280 + 10 t - 9 i - 0.9 j and
 * peak(i, j) = 300 + i + 0.1 j (t = 2 is the warmest of the three timesteps).
 */
class ExternalProducerTest {
  private static final String PYTHON = "/usr/bin/python3";

  // 3 hourly timesteps, 6 x 8 cells (lat 30.0 by 0.5, lon -120.0 by 0.25), tiles of 3 x 4: 2 x 2
  static final CubeGrid GRID =
      new CubeGrid(
          new Axis(30.0, 0.5, 6),
          new Axis(-120.0, 0.25, 8),
          new TimeAxis(Instant.parse("2021-07-01T00:00:00Z"), Duration.ofHours(1), 3),
          3,
          4);
  static final VarSpec ELEV = VarSpec.of("elevation", VarKind.STATIC, VarDtype.FLOAT64, "m");
  static final VarSpec TEMP = VarSpec.of("temperature", VarKind.TIME, VarDtype.FLOAT64, "K");
  static final VarSpec RISK = VarSpec.of("risk", VarKind.TIME, VarDtype.FLOAT64, "K");
  static final VarSpec PEAK = VarSpec.of("peak", VarKind.STATIC, VarDtype.FLOAT64, "K");
  static final DataAdapter NEEDS =
      DataAdapter.of(
          new DataNeed("temperature", VarKind.TIME, null, "K", null, true),
          new DataNeed("elevation", VarKind.STATIC, null, "m", null, true));

  @TempDir Path dir;

  private static Path script;

  @BeforeAll
  static void requirePython() throws Exception {
    SharedData.requireOrSkip(
        commandWorks(PYTHON, "-c", "import xarray, scipy"),
        "the toy external model needs Python 3 with xarray and scipy: run"
            + " `apt-get update && apt-get install -y python3-xarray python3-scipy`");
    script = Path.of(ExternalProducerTest.class.getResource("toy_model.py").toURI());
  }

  private static boolean commandWorks(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  static double temperature(int t, int i, int j) {
    return 280 + 10 * t + i + 0.1 * j;
  }

  static double elevation(int i, int j) {
    return 1000 * i + 100 * j;
  }

  static double risk(int t, int i, int j) {
    return 280 + 10 * t - 9 * i - 0.9 * j;
  }

  static double peak(int i, int j) {
    return 300 + i + 0.1 * j;
  }

  private Cube cubeWithInputs() throws Exception {
    Cube cube = Cube.open(dir.resolve("cube"), GRID, 3, List.of(ELEV, TEMP, RISK, PEAK));
    Region all = GRID.whole();
    double[] t = new double[all.size(VarKind.TIME)];
    double[] e = new double[all.cellsPerStep()];
    int k = 0;
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 8; j++) {
          t[k++] = temperature(s, i, j);
          e[i * 8 + j] = elevation(i, j);
        }
      }
    }
    cube.write(new Field("temperature", VarKind.TIME, all, t, Double.NaN), "temps", "r0");
    cube.write(new Field("elevation", VarKind.STATIC, all, e, Double.NaN), "dem", "r0");
    return cube;
  }

  private Path log() {
    return dir.resolve("logs/model.log");
  }

  private ExternalProducer producer(String mode, Duration timeout, ProducerCapabilities caps) {
    return ExternalProducer.command(
            "model",
            NEEDS,
            List.of(RISK, PEAK),
            List.of(
                PYTHON,
                script.toString(),
                mode,
                "{inputs}",
                "{outputs}",
                dir.resolve("scratch").toString()),
            timeout,
            ExternalProducer.retrying(2, Duration.ZERO),
            caps,
            dir,
            log())
        .withStagingRoot(dir.resolve("staging"));
  }

  private ExternalProducer producer(String mode) {
    return producer(mode, Duration.ofMinutes(2), ProducerCapabilities.defaults());
  }

  @Test
  void theWholeGridInOneCallGivesTheValuesComputedByHand() throws Exception {
    Files.createDirectories(dir.resolve("scratch"));
    try (Cube cube = cubeWithInputs()) {
      producer("ok").run(cube, ProducerRequest.whole("r1", GRID));
      Region all = GRID.whole();
      double[] r = cube.read("risk", all).values();
      double[] p = cube.read("peak", all).values();
      int k = 0;
      for (int t = 0; t < 3; t++) {
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 8; j++) {
            assertEquals(risk(t, i, j), r[k++], 1e-9, "risk at t=" + t + " (" + i + ", " + j + ")");
            if (t == 0) {
              assertEquals(peak(i, j), p[i * 8 + j], 1e-9, "peak at (" + i + ", " + j + ")");
            }
          }
        }
      }
      assertEquals("model", cube.catalog().tile("risk", 2, 1, 1).orElseThrow().source());
    }
    try (var left = Files.list(dir.resolve("staging"))) {
      assertEquals(0, left.count(), "the staging directory of a successful call is deleted");
    }
    String logText = Files.readString(log());
    assertTrue(logText.contains("toy model wrote ['peak.nc', 'risk.nc']"), logText);
    assertTrue(logText.contains("producer 'model' run r1"), logText);
  }

  @Test
  void aTileIsStagedWithItsHaloAndOnlyTheTileIsWritten() throws Exception {
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    ProducerCapabilities caps =
        ProducerCapabilities.defaults().withTileParallel(true).withBoundaryCoupling(1);
    // Tile (1, 1): lat [3, 6), lon [4, 8); with a halo of 1, cut to the grid: lat [2, 6), lon [3,
    // 8)
    ProducerRequest request = new ProducerRequest("r2", GRID, GRID.tile(0, 3, 1, 1), 1);
    try (Cube cube = cubeWithInputs()) {
      producer("ok", Duration.ofMinutes(2), caps).run(cube, request);

      try (NetcdfClassicFile nc = NetcdfClassicFile.open(scratch.resolve("temperature.nc"))) {
        NetcdfClassicFile.Variable v = nc.variable("temperature");
        assertEquals(List.of("time", "lat", "lon"), v.dimensions());
        assertArrayEquals(new long[] {3, 4, 5}, v.shape());
        assertEquals("K", v.attributes().get("units"));
        assertArrayEquals(new double[] {31.0, 31.5, 32.0, 32.5}, nc.readDoubles("lat"), 1e-12);
        assertArrayEquals(
            new double[] {-119.25, -119.0, -118.75, -118.5, -118.25}, nc.readDoubles("lon"), 1e-12);
        // 2021-07-01T00:00Z is 1625097600 s after the epoch
        assertArrayEquals(
            new double[] {1625097600, 1625101200, 1625104800}, nc.readDoubles("time"), 0);
        assertEquals(
            "seconds since 1970-01-01 00:00:00", nc.variable("time").attributes().get("units"));
        assertEquals("proleptic_gregorian", nc.variable("time").attributes().get("calendar"));
        double[] values = nc.readDoubles("temperature");
        int k = 0;
        for (int t = 0; t < 3; t++) {
          for (int i = 2; i < 6; i++) {
            for (int j = 3; j < 8; j++) {
              assertEquals(temperature(t, i, j), values[k++], 1e-12);
            }
          }
        }
      }
      try (NetcdfClassicFile nc = NetcdfClassicFile.open(scratch.resolve("elevation.nc"))) {
        assertEquals(List.of("lat", "lon"), nc.variable("elevation").dimensions());
        assertEquals(elevation(2, 3), nc.readDoubles("elevation")[0], 0);
        assertEquals(elevation(5, 7), nc.readDoubles("elevation")[19], 0);
      }
      JsonNode req = Json.mapper().readTree(scratch.resolve("request.json").toFile());
      assertEquals("[1,3]", req.get("cut").get("lat").toString());
      assertEquals("[1,4]", req.get("cut").get("lon").toString());
      assertEquals("[2,6]", req.get("read_region").get("lat").toString());
      assertEquals(1, req.get("halo_cells").asInt());

      double[] r = cube.read("risk", GRID.whole()).values();
      int k = 0;
      for (int t = 0; t < 3; t++) {
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 8; j++) {
            double got = r[k++];
            if (i >= 3 && j >= 4) {
              assertEquals(risk(t, i, j), got, 1e-9, "risk at t=" + t + " (" + i + ", " + j + ")");
            } else {
              assertTrue(Double.isNaN(got), "outside the tile at (" + i + ", " + j + "): " + got);
            }
          }
        }
      }
    }
  }

  @Test
  void aProgramPastItsTimeoutIsKilledWithItsChildren() throws Exception {
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    try (Cube cube = cubeWithInputs()) {
      long start = System.nanoTime();
      ExternalModelException e =
          assertThrows(
              ExternalModelException.class,
              () ->
                  producer("sleep", Duration.ofSeconds(2), ProducerCapabilities.defaults())
                      .run(cube, ProducerRequest.whole("r3", GRID)));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(ExternalModelException.Kind.TIMEOUT, e.kind());
      assertTrue(seconds >= 2 && seconds < 2 + 10, "took " + seconds + " s");
      assertTrue(e.getMessage().contains("producer 'model' ran longer than its timeout of PT2S"));
      assertTrue(e.getMessage().contains(log().toAbsolutePath().toString()), e.getMessage());
      long child = Long.parseLong(Files.readString(scratch.resolve("child.pid")).trim());
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertFalse(
          ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
          "the model's child process " + child + " still runs");
      assertTrue(cube.catalog().tiles("risk", 0, 3).isEmpty());
    }
    assertTrue(Files.readString(log()).contains("killed after the timeout of PT2S"));
  }

  @Test
  void aNonZeroExitNamesTheStatusAndTheRunLog() throws Exception {
    try (Cube cube = cubeWithInputs()) {
      ExternalModelException e =
          assertThrows(
              ExternalModelException.class,
              () -> producer("fail").run(cube, ProducerRequest.whole("r4", GRID)));
      assertEquals(ExternalModelException.Kind.EXIT, e.kind());
      assertTrue(
          e.getMessage().startsWith("producer 'model' exited with status 3"), e.getMessage());
      assertTrue(e.getMessage().endsWith("its output is in " + log().toAbsolutePath()));
      assertEquals(log().toAbsolutePath(), e.runLog());
      assertTrue(cube.catalog().tiles("risk", 0, 3).isEmpty());
    }
    String logText = Files.readString(log());
    assertTrue(logText.contains("toy model starting"), logText);
    assertTrue(logText.contains("toy model broke: no fuel map"), logText);
    assertTrue(logText.contains("==== exit status 3"), logText);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "missing    | did not write {out}/risk.nc (expected 'risk' with dimensions [time, lat, lon]",
        "wrong-dims | {out}/risk.nc: variable 'risk' has dimensions [time, lon, lat] of shape"
            + " [3, 8, 6], expected [time, lat, lon] of shape [3, 6, 8]",
        "wrong-name | {out}/risk.nc has no variable 'risk' (variables: ",
        "shifted    | {out}/risk.nc: coordinate lat[0] is 30.5, expected 30.0",
      })
  void aMissingOrMisshapenOutputIsAFailedAttempt(String mode, String expected) throws Exception {
    try (Cube cube = cubeWithInputs()) {
      ExternalModelException e =
          assertThrows(
              ExternalModelException.class,
              () -> producer(mode).run(cube, ProducerRequest.whole("r5", GRID)));
      assertEquals(ExternalModelException.Kind.OUTPUT, e.kind());
      assertTrue(e.getMessage().startsWith("producer 'model' "), e.getMessage());
      String out = stagingOutputs(e.getMessage());
      assertTrue(
          e.getMessage().contains(expected.replace("{out}", out)),
          e.getMessage() + "\n should contain: " + expected.replace("{out}", out));
      assertTrue(cube.catalog().tiles("risk", 0, 3).isEmpty(), "nothing written");
      assertTrue(cube.catalog().tiles("peak", -1, 0).isEmpty(), "nothing written");
    }
  }

  /** The outputs directory a message names: {@code .../magg-model-*}/outputs. */
  private static String stagingOutputs(String message) {
    int end = message.indexOf("/outputs/") + "/outputs".length();
    int start = message.lastIndexOf(' ', end) + 1;
    if (message.charAt(start) == '(') {
      start++;
    }
    return message.substring(start, end);
  }

  @Test
  void theCommandTimeoutAndCapabilitiesAreItsConfiguration() {
    ExternalProducer a = producer("ok");
    assertEquals(
        ContentHashes.sha256OfCanonicalJson(a.configuration()),
        ContentHashes.sha256OfCanonicalJson(producer("ok").configuration()));
    List<String> changed = new ArrayList<>();
    for (ExternalProducer b :
        List.of(
            producer("fail"),
            producer("ok", Duration.ofMinutes(3), ProducerCapabilities.defaults()),
            producer(
                "ok",
                Duration.ofMinutes(2),
                ProducerCapabilities.defaults().withTileParallel(true)))) {
      assertNotEquals(
          ContentHashes.sha256OfCanonicalJson(a.configuration()),
          ContentHashes.sha256OfCanonicalJson(b.configuration()));
      changed.add(b.configuration().toString());
    }
    assertEquals(3, changed.size());
    assertEquals("external", a.configuration().get("type"));
    assertEquals("PT2M", a.configuration().get("timeout"));
  }

  @Test
  void failedAttemptsOfTheModelAreRetryableAndOtherFailuresAreNot() {
    RetryPolicy p = producer("ok").retryPolicy();
    assertEquals(2, p.maxAttempts());
    assertTrue(
        p.retryable()
            .test(new ExternalModelException(ExternalModelException.Kind.EXIT, "x", null, null)));
    assertFalse(p.retryable().test(new IllegalStateException("a wrong region")));
    ExternalProducer byDefault =
        new ExternalProducer("m", NEEDS, List.of(RISK), new CommandModelStub(), null, null);
    assertEquals(3, byDefault.retryPolicy().maxAttempts());
    assertEquals(Duration.ofSeconds(1), byDefault.retryPolicy().backoff());
  }

  /** A model adapter that is never run: only the defaults of the producer are looked at. */
  private static final class CommandModelStub implements ModelAdapter {
    @Override
    public void stageInputs(
        java.util.Map<String, Field> inputs, ProducerRequest request, Path stageDir) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Path runModel(Path stageDir, ProducerRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.Map<String, Field> parseOutputs(Path outputDir, ProducerRequest request) {
      throw new UnsupportedOperationException();
    }
  }
}
