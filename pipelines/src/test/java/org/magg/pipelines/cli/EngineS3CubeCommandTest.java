package org.magg.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Json;
import org.magg.io.s3.S3Objects;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrStores;
import org.magg.pipelines.engine.EngineFixtures;
import org.magg.testing.S3TestServer;

/**
 * An engine cube on S3 ({@code cube.root: s3://...}), run end to end through {@code magg engine}:
 * the stores are read back from S3 and equal those of the same run into a local cube; the catalog
 * is local, beside the config by default, and a second catalog for the same cube is refused.
 */
class EngineS3CubeCommandTest {
  @TempDir Path dir;

  @Test
  void aCubeOnS3EqualsTheLocalOneAndKeepsItsCatalogBesideTheConfig() throws Exception {
    S3TestServer server = S3TestServer.get();
    String prefix = "engine-cube-" + UUID.randomUUID();
    String root = "s3://" + S3TestServer.BUCKET + "/" + prefix + "/cube";
    String s3Section =
        "s3: {endpoint: \"" + server.endpoint() + "\", path_style: true, region: us-east-1}\n";
    Path onS3 =
        EngineFixtures.write(
            dir.resolve("s3"),
            EngineFixtures.CONFIG.replace("  root: cube\n", "  root: " + root + "\n") + s3Section);
    Path local = EngineFixtures.write(dir.resolve("local"), EngineFixtures.CONFIG);

    CliRun s3Run = CliRun.of("engine", "run", onS3.toString());
    assertEquals(0, s3Run.code(), s3Run.err() + s3Run.out());
    assertTrue(s3Run.out().contains("= 3 ran + 0 skipped + 0 failed"), s3Run.out());
    CliRun localRun = CliRun.of("engine", "run", local.toString());
    assertEquals(0, localRun.code(), localRun.err() + localRun.out());

    Path catalogDir =
        dir.resolve("s3/s3-catalogs").resolve(S3TestServer.BUCKET).resolve(prefix).resolve("cube");
    assertTrue(Files.isRegularFile(catalogDir.resolve("catalog.sqlite")), "catalog beside config");
    assertFalse(Files.exists(dir.resolve("s3/cube")), "no local stores for an S3 cube");
    assertTrue(
        S3Objects.of(server.settings())
            .anyKey(S3TestServer.BUCKET, prefix + "/cube/heat_index.zarr/"),
        "stores on S3");

    for (String v : List.of("elevation", "temperature", "heat_index")) {
      ZarrArray remote =
          ZarrArray.open(ZarrStores.open(root + "/" + v + ".zarr", server.settings()), v);
      ZarrArray mine =
          ZarrArray.open(
              ZarrStores.open(dir.resolve("local/cube").resolve(v + ".zarr").toString()), v);
      long[] shape = mine.metadata().shape();
      assertArrayEquals(shape, remote.metadata().shape(), v);
      double[] expected = mine.read(new long[shape.length], shape).toDoubleArray();
      double[] actual = remote.read(new long[shape.length], shape).toDoubleArray();
      assertArrayEquals(expected, actual, v);
      assertFalse(Double.isNaN(actual[actual.length - 1]), v + " is written to the last cell");
    }
    // heat_index = temperature - 0.0065 * elevation at t=1, lat 2, lon 3 (float32 inputs)
    ZarrArray heat =
        ZarrArray.open(ZarrStores.open(root + "/heat_index.zarr", server.settings()), "heat_index");
    double h = heat.read(new long[] {1, 2, 3}, new long[] {1, 1, 1}).toDoubleArray()[0];
    double t = (float) (280 + 1 + 0.5 * 2 + 0.25 * 3);
    double e = (float) (100 * 2 + 3);
    assertEquals(t - 0.0065 * e, h, 1e-9);

    CliRun status = CliRun.of("engine", "status", onS3.toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(
        status.out().contains("variables: 3 = 3 satisfied + 0 stale + 0 missing"), status.out());
    CliRun again = CliRun.of("engine", "run", onS3.toString());
    assertTrue(again.out().contains("= 0 ran + 3 skipped"), again.out() + again.err());

    Path lineage = dir.resolve("lineage.json");
    String runId = runId(catalogDir);
    CliRun lin =
        CliRun.of(
            "engine",
            "lineage",
            runId,
            "--config",
            onS3.toString(),
            "--output",
            lineage.toString());
    assertEquals(0, lin.code(), lin.err());
    JsonNode outputs = Json.mapper().readTree(Files.readString(lineage)).get("outputs");
    assertEquals(3, outputs.size());
    assertEquals("s3://" + S3TestServer.BUCKET, outputs.get(0).get("namespace").asText());
    assertTrue(outputs.get(0).get("name").asText().startsWith(prefix + "/cube/"));

    // The same S3 cube from a config elsewhere, without cube.catalog: which catalog is meant is
    // ambiguous, so it is refused; naming the catalog directory works.
    Path elsewhere =
        EngineFixtures.write(
            dir.resolve("elsewhere"),
            EngineFixtures.CONFIG.replace("  root: cube\n", "  root: " + root + "\n") + s3Section);
    CliRun refused = CliRun.of("engine", "run", elsewhere.toString());
    assertEquals(2, refused.code(), refused.out());
    assertTrue(refused.err().contains("already holds " + root + "/"), refused.err());
    assertTrue(refused.err().contains("set cube.catalog"), refused.err());
    Path named =
        EngineFixtures.write(
            dir.resolve("named"),
            EngineFixtures.CONFIG.replace(
                    "  root: cube\n", "  root: " + root + "\n  catalog: " + catalogDir + "\n")
                + s3Section);
    CliRun namedStatus = CliRun.of("engine", "status", named.toString());
    assertEquals(0, namedStatus.code(), namedStatus.err());
    // It reads the first config's catalog: nothing is missing; its local inputs are other paths.
    assertTrue(
        namedStatus.out().contains("variables: 3 = 0 satisfied + 3 stale + 0 missing"),
        namedStatus.out());
    assertTrue(
        namedStatus.out().contains("file '" + dir.resolve("s3/inputs/dem.nc") + "' is no longer"),
        namedStatus.out());
  }

  @Test
  void aCatalogForALocalCubeOrOnS3IsRefused() throws Exception {
    Path a =
        EngineFixtures.write(
            dir.resolve("a"),
            EngineFixtures.CONFIG.replace(
                "  root: cube\n", "  root: cube\n  catalog: elsewhere\n"));
    CliRun r = CliRun.of("engine", "run", a.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("cube.catalog"), r.err());
    assertTrue(r.err().contains("set cube.catalog only for an s3:// root"), r.err());
    Path b =
        EngineFixtures.write(
            dir.resolve("b"),
            EngineFixtures.CONFIG.replace(
                "  root: cube\n", "  root: s3://magg-test/x\n  catalog: s3://magg-test/y\n"));
    CliRun r2 = CliRun.of("engine", "run", b.toString());
    assertEquals(2, r2.code(), r2.out());
    assertTrue(r2.err().contains("SQLite cannot live on S3"), r2.err());
  }

  private static String runId(Path catalogDir) throws Exception {
    try (var c = org.magg.io.engine.CubeCatalog.open(catalogDir.resolve("catalog.sqlite"))) {
      return c.runs().get(0).runId();
    }
  }
}
