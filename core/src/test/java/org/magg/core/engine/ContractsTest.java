package org.magg.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magg.core.Retries;

/** The value contracts refuse bad input with a message naming it. */
class ContractsTest {

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void varSpecChecksNameAndResolutionAndDefaultsTheMergePolicy() {
    VarSpec t = VarSpec.of("temperature", VarKind.TIME, VarDtype.FLOAT32, "K");
    assertFalse(t.declaresMergePolicy());
    assertEquals(MergePolicy.LAST_WRITER, t.effectiveMergePolicy());
    assertEquals(MergePolicy.UNION, t.withMergePolicy(MergePolicy.UNION).effectiveMergePolicy());
    assertTrue(
        message(() -> VarSpec.of("2m_temp", VarKind.TIME, VarDtype.FLOAT32, "K"))
            .contains("got '2m_temp'"));
    assertTrue(
        message(() -> VarSpec.of("a/b", VarKind.TIME, VarDtype.FLOAT32, "K"))
            .contains("got 'a/b'"));
    String res = message(() -> t.withMaxNativeResM(-30.0));
    assertTrue(res.contains("variable 'temperature': max_native_res_m"), res);
  }

  @Test
  void resolutionAcceptanceFollowsTheLimit() {
    VarSpec any = VarSpec.of("ndvi", VarKind.STATIC, VarDtype.FLOAT32, "1");
    VarSpec fine = any.withMaxNativeResM(30.0);
    assertTrue(any.acceptsResolution(Double.NaN));
    assertTrue(fine.acceptsResolution(30.0));
    assertTrue(fine.acceptsResolution(10.0));
    assertFalse(fine.acceptsResolution(30.5));
    assertFalse(fine.acceptsResolution(Double.NaN));
  }

  @Test
  void dataAdapterRejectsDuplicates() {
    String m =
        message(
            () ->
                DataAdapter.of(
                    DataNeed.of("wind", VarKind.TIME),
                    DataNeed.of("ndvi", VarKind.STATIC),
                    DataNeed.of("wind", VarKind.TIME)));
    assertEquals("need 'wind' is listed twice; list each variable once", m);
    DataAdapter a =
        DataAdapter.of(DataNeed.of("wind", VarKind.TIME), DataNeed.of("ndvi", VarKind.STATIC));
    assertEquals(List.of("wind", "ndvi"), a.names());
    assertEquals(VarKind.STATIC, a.need("ndvi").orElseThrow().kind());
  }

  @Test
  void boundaryCouplingNeedsAHalo() {
    String m =
        message(() -> new ProducerCapabilities(0, true, true, false, false, CostHint.CPU, 0));
    assertTrue(m.contains("boundary_coupled") && m.contains("halo_cells > 0"), m);
    ProducerCapabilities c = ProducerCapabilities.defaults().withBoundaryCoupling(2);
    assertEquals(2, c.haloCells());
    assertTrue(c.boundaryCoupled());
    assertTrue(
        message(() -> new ProducerCapabilities(-1, false, false, false, false, CostHint.IO, 0))
            .contains("halo_cells must be 0 or more, got -1"));
  }

  @Test
  void retryPolicyRetriesOnlyWhatItIsToldAndAtMostMaxAttempts() throws Exception {
    assertTrue(
        message(() -> new RetryPolicy(0, Duration.ZERO, e -> true))
            .contains("max_attempts must be at least 1, got 0"));
    List<Duration> pauses = new ArrayList<>();
    RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(100), e -> e instanceof IOException);
    Retries<String> r = p.<String>retries().withSleeper(pauses::add);
    int[] calls = {0};
    String out =
        r.call(
            () -> {
              if (++calls[0] < 3) {
                throw new IOException("flaky");
              }
              return "ok";
            },
            f -> new IllegalStateException("gave up"));
    assertEquals("ok", out);
    assertEquals(3, calls[0]);
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), pauses);
    calls[0] = 0;
    assertThrows(
        IllegalArgumentException.class,
        () ->
            r.call(
                () -> {
                  calls[0]++;
                  throw new IllegalArgumentException("not retried");
                },
                f -> new IllegalStateException("gave up")));
    assertEquals(1, calls[0]);
  }

  @Test
  void gridTilesCoverTheGridWithASmallerLastTile() {
    CubeGrid g =
        new CubeGrid(
            new Axis(30.0, 0.1, 40),
            new Axis(-120.0, 0.1, 60),
            new TimeAxis(java.time.Instant.parse("2021-07-01T00:00:00Z"), Duration.ofHours(1), 6),
            16,
            32);
    assertEquals(3, g.tilesLat());
    assertEquals(2, g.tilesLon());
    assertEquals(new Region(0, 6, 32, 40, 32, 60), g.tile(0, 6, 2, 1));
    assertEquals(new Region(0, 6, 30, 40, 30, 60), g.tile(0, 6, 2, 1).withHalo(2, 40, 60));
    // 0.1 degree on the sphere of radius 6371.0088 km: 6371008.8 * pi / 1800 = 11119.5 m
    assertEquals(11119.5, g.nominalResolutionM(), 0.05);
    assertEquals(3, g.time().ceilIndex(java.time.Instant.parse("2021-07-01T02:30:00Z")));
    assertEquals(2, g.time().ceilIndex(java.time.Instant.parse("2021-07-01T02:00:00Z")));
  }
}
