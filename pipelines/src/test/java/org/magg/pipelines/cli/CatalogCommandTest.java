package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.spatial.GranuleCatalog;

/** {@code magg catalog build|info} against a local server that answers like CMR. */
class CatalogCommandTest {

  private HttpServer server;
  private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
  private volatile int status = 200;

  /** One page with the seven recorded granules; a 400 with CMR's error body when asked. */
  @BeforeEach
  void startServer() throws Exception {
    StringBuilder items = new StringBuilder();
    for (int k = 1; k <= 3; k++) {
      try (InputStream in =
          getClass().getResourceAsStream("/org/magg/io/cmr/granules-page" + k + ".json")) {
        String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String list = page.substring(page.indexOf('[') + 1, page.lastIndexOf(']')).trim();
        items.append(items.length() > 0 ? "," : "").append(list);
      }
    }
    byte[] body =
        ("{\"hits\": 7, \"took\": 90, \"items\": [" + items + "]}")
            .getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/search/granules.umm_json",
        exchange -> {
          queries.add(
              URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
          byte[] b = body;
          if (status != 200) {
            b =
                "{\"errors\":[\"Parameter [version] must be a string.\"]}"
                    .getBytes(StandardCharsets.UTF_8);
          } else {
            exchange.getResponseHeaders().add("CMR-Hits", "7");
            exchange.getResponseHeaders().add("CMR-Search-After", "[\"nsidc_cprd\",1,2]");
          }
          exchange.sendResponseHeaders(status, b.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String cmrUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String[] build(Path output, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "catalog",
                "build",
                "--short-name",
                "ATL06",
                "--version",
                "007",
                "--provider",
                "NSIDC_CPRD",
                "--output",
                output.toString(),
                "--cmr-url",
                cmrUrl(),
                "--attempts",
                "1"));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  @Test
  void buildsACycleCatalogAndDescribesIt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("cycle1.json");
    CliRun r = CliRun.of(build(out, "--cycle", "1", "--bbox", "-180,-90,180,-60"));
    assertEquals(0, r.code(), r.err() + r.out());
    assertEquals(1, queries.size());
    String q = queries.get(0);
    assertThat(q, containsString("temporal=2018-10-13T00:00:00Z,2019-01-11T23:59:59Z"));
    assertThat(q, containsString("bounding_box=-180,-90,180,-60"));
    assertThat(q, containsString("sort_key=start_date"));
    assertThat(q, containsString("page_size=2000"));
    assertThat(r.err(), containsString("CMR page 1: 7 granules (7 of 7)"));
    assertThat(r.out(), containsString("CMR: 7 granules (CMR-Hits 7)"));
    assertThat(r.out(), containsString("catalog: 5 granules in "));
    assertThat(r.out(), containsString("1 without an s3 URL, 1 without geometry"));
    assertThat(
        r.out(),
        containsString(
            "left out ATL06_20190101045010_00580211_007_01.h5: no_geometry (no GPolygons or"
                + " BoundingRectangles)"));
    GranuleCatalog catalog = GranuleCatalog.read(out);
    assertEquals(6, catalog.parentOrder());
    assertEquals(1, catalog.metadata().get("cycle"));
    assertEquals("2018-10-13T00:00:00Z", catalog.metadata().get("start_date"));

    CliRun info = CliRun.of("catalog", "info", out.toString());
    assertEquals(0, info.code(), info.err());
    assertThat(info.out(), containsString("parent order: 6"));
    assertThat(info.out(), containsString("cells: " + catalog.cells().size()));
    assertThat(info.out(), containsString("granules: 5 ("));
    assertThat(info.out(), containsString("granules per cell: min 1,"));
    assertThat(info.out(), containsString("metadata.short_name: ATL06"));
  }

  @Test
  void usageErrorsExitWithTwo(@TempDir Path dir) {
    Path out = dir.resolve("c.json");
    String[][] cases = {
      build(out, "--cycle", "3", "--start-date", "2019-01-01", "--end-date", "2019-01-02"),
      build(out),
      build(out, "--start-date", "2019-01-01"),
      build(out, "--cycle", "3", "--bbox", "1,2,3"),
      build(out, "--cycle", "3", "--bbox", "10,-60,20,-70"),
      build(out, "--cycle", "3", "--bbox", "a,b,c,d"),
      build(out, "--cycle", "3", "--url-type", "ftp"),
      build(out, "--cycle", "3", "--parent-order", "19"),
      build(out, "--start-date", "2019-02-01", "--end-date", "2019-01-01"),
      build(out, "--start-date", "1 Jan", "--end-date", "2019-01-01"),
      build(out, "--cycle", "3", "--bbox", "0,0,1,1", "--polygon", "x.json"),
      build(out, "--cycle", "3", "--polygon", dir.resolve("missing.json").toString()),
    };
    String[] expected = {
      "not both",
      "a time range is required",
      "--start-date and --end-date go together",
      "expected lon_min,lat_min,lon_max,lat_max",
      "-90 <= south < north <= 90",
      "'a' is not a number",
      "URL type must be s3 or https",
      "--parent-order must be in [0, 18]",
      "is before start date",
      "'1 Jan' is not a date",
      "either --bbox or --polygon",
      "does not exist",
    };
    for (int k = 0; k < cases.length; k++) {
      CliRun r = CliRun.of(cases[k]);
      assertEquals(2, r.code(), "case " + k + ": " + r.err());
      assertThat("case " + k, r.err(), containsString(expected[k]));
    }
    CliRun missing = CliRun.of("catalog", "build", "--cycle", "1");
    assertEquals(2, missing.code());
    assertThat(missing.err(), containsString("Missing required options"));
    assertTrue(queries.isEmpty(), "no search for a usage error");
    assertFalse(Files.exists(out));
  }

  @Test
  void cmrFailureExitsWithOne(@TempDir Path dir) {
    status = 400;
    Path out = dir.resolve("c.json");
    CliRun r = CliRun.of(build(out, "--cycle", "2"));
    assertEquals(1, r.code(), r.out());
    assertThat(r.err(), containsString("HTTP 400"));
    assertThat(r.err(), containsString("Parameter [version] must be a string."));
    assertFalse(Files.exists(out));
  }

  @Test
  void polygonFileIsSentAndApplied(@TempDir Path dir) throws Exception {
    // a clockwise GeoJSON ring around longitude 7, latitude -65: sent counter-clockwise
    Path geojson = dir.resolve("area.geojson");
    Files.writeString(
        geojson,
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\":"
            + " {}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0, -70], [0, -60],"
            + " [14, -60], [14, -70], [0, -70]]]}}]}");
    Path out = dir.resolve("c.json");
    CliRun r =
        CliRun.of(
            build(
                out,
                "--start-date",
                "2019-01-01",
                "--end-date",
                "2019-01-01",
                "--polygon",
                geojson.toString()));
    assertEquals(0, r.code(), r.err());
    assertThat(queries.get(0), containsString("polygon=14,-70,14,-60,0,-60,0,-70,14,-70"));
    GranuleCatalog catalog = GranuleCatalog.read(out);
    assertEquals(
        java.util.Map.of("source", "area.geojson", "polygons", 1, "vertices", 4),
        catalog.metadata().get("polygon"));
    assertTrue(catalog.cells().size() > 0);
    for (List<String> urls : catalog.cells().values()) {
      assertEquals(
          List.of(
              "s3://nsidc-cumulus-prod-protected/ATLAS/ATL06/007/2019/01/01/"
                  + "ATL06_20190101001723_00550211_007_01.h5"),
          urls,
          "only the granule crossing the area");
    }
    Path bad = dir.resolve("bad.geojson");
    Files.writeString(bad, "{\"type\": \"Polygon\", \"coordinates\": [[[0, -70], [0], [1, 1]]]}");
    CliRun badRun = CliRun.of(build(out, "--cycle", "2", "--polygon", bad.toString()));
    assertEquals(2, badRun.code());
    assertThat(badRun.err(), containsString("bad.geojson: coordinates[0][1]: expected [lon, lat]"));
  }
}
