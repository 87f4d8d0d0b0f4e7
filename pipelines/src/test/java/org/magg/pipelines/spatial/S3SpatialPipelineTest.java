package org.magg.pipelines.spatial;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.spatial.GranuleCatalog;
import org.magg.io.zarr.S3ZarrStore;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;
import org.magg.pipelines.Magg;
import org.magg.pipelines.cli.MaggCli;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.pipelines.samples.SampleData;
import org.magg.testing.FaultInjectingProxy;
import org.magg.testing.S3TestServer;
import org.magg.testing.SharedData;

/**
 * The spatial pipeline run from and to S3 (S3Mock on 127.0.0.1): catalog, granules (generated
 * ATL06-layout samples and the real ATL06 granule), config and store on S3, compared value for
 * value with the same run on local files; and the same run through a proxy that fails every fourth
 * request, which must leave the same store and the same counts.
 */
class S3SpatialPipelineTest {
  private static final String REAL = "data/atl06/ATL06_20181013235645_02340114_209_01.h5";
  private static final String REAL_NAME = "ATL06_20181013235645_02340114_209_01.h5";

  private static S3TestServer server;
  private static S3Objects s3;
  private static String prefix;
  private static String s3Catalog;
  private static Path localCatalog;
  private static Path localStore;
  private static RunSummary localSummary;
  private static long expectedPointsRead;
  private static Map<Long, List<String>> localCells;

  @BeforeAll
  static void setUp(@TempDir Path dir) throws Exception {
    server = S3TestServer.get();
    s3 = S3Objects.of(server.settings());
    prefix = "pipeline/" + UUID.randomUUID() + "/";
    Path real = SharedData.require(REAL);
    SampleData.Result sample =
        SampleData.generate(dir.resolve("sample"), new SampleData.Spec(3, 1500, 6, 42L));
    JsonNode expected;
    try (InputStream in = S3SpatialPipelineTest.class.getResourceAsStream("atl06_expected.json")) {
      expected = new ObjectMapper().readTree(in).get("with_quality_filter");
    }
    expectedPointsRead = sample.points() + expected.get("points_read").asLong();

    // One catalog, two forms: local paths, and S3 (sample granules relative to the catalog, the
    // real granule as an absolute s3:// URL under another prefix).
    Map<String, List<String>> local = new LinkedHashMap<>();
    Map<String, List<String>> remote = new LinkedHashMap<>();
    GranuleCatalog sampleCatalog = GranuleCatalog.read(sample.catalog());
    sampleCatalog
        .cells()
        .forEach(
            (cell, granules) -> {
              String key = org.magg.core.grid.Morton.format(cell);
              local.put(key, granules);
              List<String> names = new ArrayList<>();
              for (String g : granules) {
                names.add("granules/" + Path.of(g).getFileName());
              }
              remote.put(key, names);
            });
    String realUrl = "s3://" + S3TestServer.BUCKET + "/" + prefix + "shared/" + REAL_NAME;
    for (JsonNode p : expected.get("parents")) {
      local.put(p.get("parent_morton").asText(), List.of(real.toString()));
      remote.put(p.get("parent_morton").asText(), List.of(realUrl));
    }
    localCatalog = TestCatalogs.write(dir.resolve("catalog.json"), 6, local);
    Path remoteCatalog = TestCatalogs.write(dir.resolve("remote-catalog.json"), 6, remote);
    for (Path g : sample.granules()) {
      s3.write(object("granules/" + g.getFileName()), Files.readAllBytes(g));
    }
    s3.write(object("shared/" + REAL_NAME), Files.readAllBytes(real));
    s3.write(object("catalog.json"), Files.readAllBytes(remoteCatalog));
    s3Catalog = object("catalog.json").url();
    localCells = GranuleCatalog.read(localCatalog).cells();

    localStore = dir.resolve("local.zarr");
    localSummary =
        Magg.run(
            ConfigLoader.builtin("atl06"),
            RunOptions.defaults()
                .withCatalog(localCatalog.toString())
                .withStore(localStore.toString()));
    assertEquals(0, localSummary.exitCode(), localSummary.toText());
    assertEquals(expectedPointsRead, localSummary.pointsRead(), localSummary.toText());
  }

  private static S3Location object(String name) {
    return new S3Location(S3TestServer.BUCKET, prefix + name);
  }

  /** The built-in atl06 config with an s3: section for these settings. */
  private static PipelineConfig configFor(String endpoint, int maxAttempts) {
    String yaml =
        ConfigLoader.builtinText("atl06")
            + "\ns3:\n  endpoint: "
            + endpoint
            + "\n  path_style: true\n  region: us-east-1\n  max_attempts: "
            + maxAttempts
            + "\n";
    return ConfigLoader.parse(yaml, "atl06 on s3");
  }

  @Test
  void theCatalogIsReadFromS3WithGranulesResolvedBesideIt() {
    GranuleCatalog remote = GranuleCatalog.read(s3Catalog, server.settings());
    assertEquals(localCells.keySet(), remote.cells().keySet());
    assertEquals(s3Catalog, remote.origin());
    remote
        .cells()
        .forEach(
            (cell, granules) -> {
              List<String> names = new ArrayList<>();
              for (String g : localCells.get(cell)) {
                String name = Path.of(g).getFileName().toString();
                names.add(
                    object(name.equals(REAL_NAME) ? "shared/" + name : "granules/" + name).url());
              }
              assertEquals(names, granules, "granules of " + cell);
            });
  }

  /**
   * Run through a recording proxy with requester pays on: every request the launcher and the
   * workers make (catalog GET, store LIST and DELETE, granule ranged GETs, chunk PUTs) carries the
   * requester-pays header.
   */
  @Test
  void aRunFromAndToS3MatchesTheLocalRunValueForValue() throws Exception {
    String store = object("api.zarr").url();
    RunSummary summary;
    try (FaultInjectingProxy proxy =
        new FaultInjectingProxy(server.port(), n -> FaultInjectingProxy.Fault.NONE)) {
      String yaml =
          ConfigLoader.builtinText("atl06")
              + "\ns3:\n  endpoint: "
              + proxy.endpoint()
              + "\n  path_style: true\n  region: us-east-1\n  requester_pays: true\n";
      summary =
          Magg.run(
              ConfigLoader.parse(yaml, "requester pays"),
              RunOptions.defaults().withCatalog(s3Catalog).withStore(store));
      Map<String, Integer> byKind = new java.util.TreeMap<>();
      for (FaultInjectingProxy.Request r : proxy.requests()) {
        assertEquals("requester", r.header("x-amz-request-payer"), r.method() + " " + r.target());
        String kind =
            r.method()
                + (r.header("range") != null
                    ? " range"
                    : r.target().contains("list-type=2") ? " list" : "");
        byKind.merge(kind, 1, Integer::sum);
      }
      System.out.printf(
          "%nfault-free run from and to S3: %d requests %s%n", proxy.requests().size(), byKind);
      assertThat(byKind.get("GET range"), greaterThan(0));
      assertThat(byKind.get("PUT"), greaterThan(0));
      assertThat(byKind.get("GET list"), greaterThan(0));
    }
    assertEquals(0, summary.exitCode(), summary.toText());
    assertEquals(counts(localSummary), counts(summary));
    assertEquals(expectedPointsRead, summary.pointsRead());
    ZarrStore remote = ZarrStores.open(store, server.settings());
    assertInstanceOf(S3ZarrStore.class, remote);
    assertSameStore(ZarrStores.open(localStore.toString()), remote);
  }

  /**
   * Config, catalog and store on S3 through the command line. The config's own s3: section points
   * at a closed port; the command-line options override it (and are what reads the config).
   */
  @Test
  void theCommandLineRunsWithConfigCatalogAndStoreOnS3(@TempDir Path dir) throws Exception {
    String yaml =
        ConfigLoader.builtinText("atl06")
            + "\ns3:\n  endpoint: http://127.0.0.1:9\n  max_attempts: 1\n";
    s3.write(object("config/atl06.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
    String store = object("cli.zarr").url();
    Path json = dir.resolve("summary.json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--config",
                object("config/atl06.yaml").url(),
                "--catalog",
                s3Catalog,
                "--store",
                store,
                "--summary-json",
                json.toString()));
    args.addAll(
        List.of(
            "--s3-endpoint",
            server.endpoint(),
            "--s3-path-style",
            "--s3-region",
            "us-east-1",
            "--s3-credentials",
            "default"));
    String[] first = args.toArray(new String[0]);
    Cli r = cli(first);
    assertEquals(0, r.code, r.err + r.out);
    JsonNode summary = new ObjectMapper().readTree(json.toFile());
    assertEquals(localSummary.pointsBinned(), summary.get("pointsBinned").asLong(), summary + "");
    assertSameStore(
        ZarrStores.open(localStore.toString()), ZarrStores.open(store, server.settings()));

    // A second run into the same store is refused without --overwrite, then replaces it.
    Cli again = cli(first);
    assertEquals(2, again.code, again.out);
    assertThat(again.err, containsString("store " + store + " already exists"));
    s3.write(new S3Location(S3TestServer.BUCKET, prefix + "cli.zarr/stray"), new byte[] {1});
    args.add("--overwrite");
    Cli replaced = cli(args.toArray(new String[0]));
    assertEquals(0, replaced.code, replaced.err);
    assertSameStore(
        ZarrStores.open(localStore.toString()), ZarrStores.open(store, server.settings()));

    Cli badEndpoint =
        cli("run", "--config", "atl06", "--catalog", s3Catalog, "--s3-endpoint", "ftp://x");
    assertEquals(2, badEndpoint.code);
    assertThat(badEndpoint.err, containsString("--s3-endpoint: S3 endpoint 'ftp://x' must be"));
    Cli missing =
        cli(
            "run",
            "--config",
            object("config/none.yaml").url(),
            "--s3-endpoint",
            server.endpoint(),
            "--s3-path-style");
    assertEquals(2, missing.code);
    assertThat(
        missing.err,
        containsString("config file " + object("config/none.yaml").url() + " does not exist"));
  }

  @Test
  void csvPointTablesOnS3GiveTheSameStore(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("lat,lon,h,s,quality\n");
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 4000; i++) {
      csv.append(-75 + r.nextDouble() * 0.5)
          .append(',')
          .append(100 + r.nextDouble() * 0.8)
          .append(',')
          .append(1000 + r.nextGaussian() * 20)
          .append(',')
          .append(0.05 + r.nextDouble() * 0.1)
          .append(',')
          .append(r.nextDouble() < 0.05 ? 1 : 0)
          .append('\n');
    }
    Files.writeString(dir.resolve("points.csv"), csv);
    s3.write(object("csv/points.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
    Map<String, List<String>> cells = new LinkedHashMap<>();
    java.util.TreeSet<Long> parents = new java.util.TreeSet<>();
    for (String line : csv.toString().split("\n")) {
      if (!line.startsWith("lat")) {
        String[] f = line.split(",");
        parents.add(
            org.magg.core.grid.Morton.encode(
                Double.parseDouble(f[0]), Double.parseDouble(f[1]), 6));
      }
    }
    for (long p : parents) {
      cells.put(org.magg.core.grid.Morton.format(p), List.of("points.csv"));
    }
    Path catalog = TestCatalogs.write(dir.resolve("catalog.json"), 6, cells);
    s3.write(object("csv/catalog.json"), Files.readAllBytes(catalog));
    Path local = dir.resolve("csv.zarr");
    RunSummary a =
        Magg.run(
            ConfigLoader.builtin("atl06_csv"),
            RunOptions.defaults().withCatalog(catalog.toString()).withStore(local.toString()));
    String yaml =
        ConfigLoader.builtinText("atl06_csv")
            + "\ns3:\n  endpoint: "
            + server.endpoint()
            + "\n  path_style: true\n  region: us-east-1\n";
    String store = object("csv/out.zarr").url();
    RunSummary b =
        Magg.run(
            ConfigLoader.parse(yaml, "csv on s3"),
            RunOptions.defaults().withCatalog(object("csv/catalog.json").url()).withStore(store));
    assertEquals(0, b.exitCode(), b.toText());
    assertEquals(4000, b.pointsRead());
    assertEquals(counts(a), counts(b));
    assertSameStore(ZarrStores.open(local.toString()), ZarrStores.open(store, server.settings()));
  }

  @Test
  void aTempLocationNoBeamFileSystemHandlesIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Magg.run(
                    configFor(server.endpoint(), 10),
                    RunOptions.defaults()
                        .withCatalog(s3Catalog)
                        .withStore(object("never.zarr").url())
                        .withPipelineArgs(List.of("--tempLocation=s3://magg-test/tmp"))));
    assertThat(e.getMessage(), containsString("--tempLocation=s3://magg-test/tmp"));
    assertThat(e.getMessage(), containsString("no Beam file system"));
  }

  /**
   * Every fourth request fails (503 SlowDown, 500 InternalError, or a reset after the server has
   * done the work, in turn); the retries leave exactly the store and the counts of the fault-free
   * run.
   */
  @Test
  void transientErrorsDuringARunLoseAndDuplicateNothing() throws Exception {
    try (FaultInjectingProxy proxy =
        new FaultInjectingProxy(server.port(), FaultInjectingProxy.everyNth(4))) {
      String store = object("faulty.zarr").url();
      long start = System.nanoTime();
      RunSummary summary =
          Magg.run(
              configFor(proxy.endpoint(), 10),
              RunOptions.defaults().withCatalog(s3Catalog).withStore(store));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%nrun through the fault-injecting proxy: %d requests, %d failed (%s), %.1f s%n",
          proxy.requests().size(), proxy.faults(), proxy.injected(), seconds);
      assertEquals(0, summary.exitCode(), summary.toText());
      assertEquals(counts(localSummary), counts(summary));
      assertThat(proxy.injected().get(FaultInjectingProxy.Fault.SLOW_DOWN_503), greaterThan(0));
      assertThat(
          proxy.injected().get(FaultInjectingProxy.Fault.INTERNAL_ERROR_500), greaterThan(0));
      assertThat(
          proxy.injected().get(FaultInjectingProxy.Fault.RESET_AFTER_SERVER), greaterThan(0));
      assertSameStore(
          ZarrStores.open(localStore.toString()), ZarrStores.open(store, server.settings()));
    }
  }

  /** Without retries, the same faults do break the run: the retries are what saves it. */
  @Test
  void withoutRetriesTheSameFaultsBreakTheRun() throws Exception {
    try (FaultInjectingProxy proxy =
        new FaultInjectingProxy(server.port(), FaultInjectingProxy.everyNth(4))) {
      String store = object("no-retries.zarr").url();
      RunSummary summary;
      try {
        summary =
            Magg.run(
                configFor(proxy.endpoint(), 1),
                RunOptions.defaults().withCatalog(s3Catalog).withStore(store));
      } catch (RuntimeException e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
          chain.append(t.getMessage()).append('\n');
        }
        assertThat(chain.toString(), containsString("s3://" + S3TestServer.BUCKET + "/"));
        return;
      }
      assertEquals(1, summary.exitCode(), summary.toText());
      assertThat(summary.failures().get(0).reason(), containsString("s3://"));
    }
  }

  /** Everything in a summary that does not depend on where the data lives or how long it took. */
  private static Map<String, Object> counts(RunSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cells", s.totalCells());
    m.put("withData", s.cellsWithData());
    m.put("withErrors", s.cellsWithErrors());
    m.put("granules", s.granules());
    m.put("granulesRead", s.granulesRead());
    m.put("granulesFailed", s.granulesFailed());
    m.put("groupsRead", s.groupsRead());
    m.put("groupsMissing", s.groupsMissing());
    m.put("groupsFailed", s.groupsFailed());
    m.put("pointsRead", s.pointsRead());
    m.put("pointsKept", s.pointsKept());
    m.put("filtered", s.pointsFiltered());
    m.put("binned", s.pointsBinned());
    m.put("inFailedCells", s.pointsInFailedCells());
    m.put("granulesPerCell", Arrays.toString(s.granulesPerCell()));
    m.put("perCell", s.cells());
    m.put("failures", s.failures());
    return m;
  }

  /** The same keys with the same bytes, and the same values decoded from every array. */
  static void assertSameStore(ZarrStore expected, ZarrStore actual) throws IOException {
    List<String> keys = expected.list("");
    assertEquals(keys, actual.list(""), "keys of " + actual.location());
    assertTrue(keys.size() > 10, keys.toString());
    int arrays = 0;
    for (String k : keys) {
      assertArrayEquals(expected.get(k), actual.get(k), k + " of " + actual.location());
    }
    for (String k : keys) {
      if (k.matches("12/[^/]+/zarr\\.json")) {
        String array = k.substring(0, k.length() - "/zarr.json".length());
        double[] a = ZarrArray.open(expected, array).read().toDoubleArray();
        double[] b = ZarrArray.open(actual, array).read().toDoubleArray();
        assertArrayEquals(a, b, array);
        arrays++;
      }
    }
    assertTrue(arrays >= 3, "arrays compared: " + arrays);
  }

  private record Cli(int code, String out, String err) {}

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MaggCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString());
  }
}
