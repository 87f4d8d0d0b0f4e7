package org.magg.pipelines.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Json;
import org.magg.core.engine.Field;
import org.magg.io.engine.Cube;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EngineConfig;
import org.magg.testing.FaultInjectingProxy;
import org.magg.testing.S3TestServer;

/**
 * {@code file} producers whose sources are S3 objects, fetched through the content cache: one GET
 * per object version, shared by cubes and runs; a replaced object is fetched again and reruns its
 * producer; no credentials in the catalog, the lineage or the summary.
 */
class EngineS3SourceTest {
  @TempDir Path dir;

  @Test
  void sourcesOnS3AreFetchedOncePerVersionThroughTheCache() throws Exception {
    S3TestServer server = S3TestServer.get();
    S3Objects s3 = S3Objects.of(server.settings());
    String prefix = "engine-sources-" + UUID.randomUUID() + "/";
    EngineFixture.write(dir.resolve("local"));
    String dem = "s3://" + S3TestServer.BUCKET + "/" + prefix + "dem.nc";
    String t2m = "s3://" + S3TestServer.BUCKET + "/" + prefix + "t2m.nc";
    s3.write(S3Location.parse(dem), Files.readAllBytes(dir.resolve("local/inputs/dem.nc")));
    s3.write(S3Location.parse(t2m), Files.readAllBytes(dir.resolve("local/inputs/t2m.nc")));

    try (FaultInjectingProxy proxy =
        new FaultInjectingProxy(server.port(), n -> FaultInjectingProxy.Fault.NONE)) {
      Path cache = dir.resolve("cache");
      EngineConfig a = config(dir.resolve("a"), dem, t2m, proxy.endpoint(), cache);
      EngineConfig b = config(dir.resolve("b"), dem, t2m, proxy.endpoint(), cache);

      EngineSummary first = EnginePipeline.run(a, EngineRunOptions.defaults());
      assertEquals(List.of("ran", "ran", "ran"), statuses(first), first.toText());
      assertEquals(Map.of(key(dem), 1, key(t2m), 1), gets(proxy, 0), "GETs of the first run");

      // A fresh cube on the same cache: every producer runs (its outputs are not in this cube),
      // but the objects are not fetched again.
      int before = proxy.requests().size();
      EngineSummary second = EnginePipeline.run(b, EngineRunOptions.defaults());
      assertEquals(List.of("ran", "ran", "ran"), statuses(second), second.toText());
      assertEquals(Map.of(), gets(proxy, before), "GETs of a run in a fresh cube");
      assertTrue(heads(proxy, before) >= 2, "each source is looked up (HEAD) for its version");
      try (Cube ca = CubeRefs.open(a);
          Cube cb = CubeRefs.open(b)) {
        for (String v : List.of("elevation", "temperature", "heat_index")) {
          Field fa = ca.read(v, a.cube().grid().whole());
          assertArrayEquals(fa.values(), cb.read(v, b.cube().grid().whole()).values(), v);
        }
      }

      before = proxy.requests().size();
      EngineSummary third = EnginePipeline.run(b, EngineRunOptions.defaults());
      assertEquals(List.of("skipped", "skipped", "skipped"), statuses(third), third.toText());
      assertEquals(Map.of(), gets(proxy, before), "GETs of an up-to-date run");

      // Replace the DEM object: it is fetched again, dem and heat rerun, temps does not.
      EngineFixture.writeDem(dir.resolve("local"), 5);
      s3.write(S3Location.parse(dem), Files.readAllBytes(dir.resolve("local/inputs/dem.nc")));
      before = proxy.requests().size();
      EngineSummary fourth = EnginePipeline.run(b, EngineRunOptions.defaults());
      assertEquals(List.of("ran", "skipped", "ran"), statuses(fourth), fourth.toText());
      assertEquals(Map.of(key(dem), 1), gets(proxy, before), "GETs after replacing dem.nc");
      assertTrue(
          fourth.producers().get(0).reason().contains("file '" + dem + "' changed"),
          fourth.producers().get(0).reason());
      try (Cube cb = CubeRefs.open(b)) {
        double[] elev = cb.read("elevation", b.cube().grid().whole()).values();
        for (int i = 0; i < EngineFixture.NLAT; i++) {
          for (int j = 0; j < EngineFixture.NLON; j++) {
            assertEquals(
                (float) EngineFixture.elevation(i, j, 5), elev[i * EngineFixture.NLON + j], 0.0);
          }
        }
      }

      String lineage = EngineLineage.of(b, fourth.runId()).toJson();
      JsonNode inputs = Json.mapper().readTree(lineage).get("inputs");
      assertEquals(1, inputs.size(), lineage);
      assertEquals("s3://" + S3TestServer.BUCKET, inputs.get(0).get("namespace").asText());
      assertEquals(prefix + "dem.nc", inputs.get(0).get("name").asText());
      assertEquals(
          sha256(dir.resolve("local/inputs/dem.nc")),
          inputs.get(0).get("facets").get("magg_file").get("sha256").asText());

      String access = System.getProperty("aws.accessKeyId");
      String secret = System.getProperty("aws.secretAccessKey");
      List<String> texts = new ArrayList<>();
      texts.add(lineage);
      texts.add(fourth.toText());
      texts.add(fourth.toJson());
      for (String cube : List.of("a", "b")) {
        texts.add(
            new String(
                Files.readAllBytes(dir.resolve(cube).resolve("cube/catalog.sqlite")),
                StandardCharsets.ISO_8859_1));
      }
      try (Stream<Path> files = Files.walk(cache)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (f.toString().endsWith(".json")) {
            texts.add(Files.readString(f));
          }
        }
      }
      for (String t : texts) {
        assertFalse(t.contains(access), "the access key id appears in: " + t);
        assertFalse(t.contains(secret), "the secret key appears in: " + t);
      }
    }
  }

  private static EngineConfig config(Path dir, String dem, String t2m, String endpoint, Path cache)
      throws Exception {
    String text =
        EngineFixture.CONFIG
                .replace("\"inputs/dem.nc#z\"", "\"" + dem + "#z\"")
                .replace("\"inputs/t2m.nc#t2m\"", "\"" + t2m + "#t2m\"")
                .replace("  root: cube\n", "  root: cube\n  cache: " + cache + "\n")
            + "s3: {endpoint: \""
            + endpoint
            + "\", path_style: true, region: us-east-1}\n";
    Files.createDirectories(dir);
    Path file = dir.resolve("engine.yaml");
    Files.writeString(file, text);
    return ConfigLoader.loadEngine(file.toString(), null);
  }

  private static List<String> statuses(EngineSummary s) {
    return s.producers().stream().map(ProducerOutcome::status).toList();
  }

  /** The path-style request target of an object. */
  private static String key(String url) {
    S3Location loc = S3Location.parse(url);
    return "/" + loc.bucket() + "/" + loc.key();
  }

  /** GET requests per target from request {@code from} on (query strings dropped). */
  private static Map<String, Integer> gets(FaultInjectingProxy proxy, int from) {
    Map<String, Integer> out = new TreeMap<>();
    List<FaultInjectingProxy.Request> all = proxy.requests();
    for (FaultInjectingProxy.Request r : all.subList(from, all.size())) {
      if (r.method().equals("GET")) {
        String t = r.target().contains("?") ? r.target().split("\\?")[0] : r.target();
        out.merge(t, 1, Integer::sum);
      }
    }
    return out;
  }

  private static long heads(FaultInjectingProxy proxy, int from) {
    List<FaultInjectingProxy.Request> all = proxy.requests();
    return all.subList(from, all.size()).stream().filter(r -> r.method().equals("HEAD")).count();
  }

  private static String sha256(Path file) throws Exception {
    return org.magg.core.engine.ContentHashes.sha256(Files.readAllBytes(file));
  }
}
