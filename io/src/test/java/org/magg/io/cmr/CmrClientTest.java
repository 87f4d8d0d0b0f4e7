package org.magg.io.cmr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magg.core.grid.SphericalPolygon;

class CmrClientTest {

  private static final String S3 = "s3://nsidc-cumulus-prod-protected/ATLAS/ATL06/007/2019/01/01/";
  private static final String HTTPS =
      "https://data.nsidc.earthdatacloud.nasa.gov/nsidc-cumulus-prod-protected/ATLAS/ATL06/007/"
          + "2019/01/01/";

  static GranuleQuery query(SpatialFilter spatial, int pageSize) {
    return new GranuleQuery(
        "ATL06",
        "007",
        "NSIDC_CPRD",
        TemporalRange.parse("2019-01-01", "2019-01-01"),
        spatial,
        pageSize);
  }

  static CmrClient client(FakeCmr cmr) {
    return CmrClient.builder(cmr.url()).maxAttempts(3).initialBackoff(Duration.ofMillis(1)).build();
  }

  @Test
  void pagesWithSearchAfterAndSendsTheExactParameters() throws Exception {
    try (FakeCmr cmr = FakeCmr.recorded()) {
      List<CmrClient.Progress> progress = new ArrayList<>();
      CmrClient.Search search =
          client(cmr).search(query(SpatialFilter.bbox("-180,-90,180,-60"), 3), progress::add);

      List<FakeCmr.Request> requests = cmr.requests();
      assertEquals(3, requests.size());
      for (FakeCmr.Request r : requests) {
        assertEquals("GET", r.method());
        assertEquals("/search/granules.umm_json", r.path());
        assertEquals(
            List.of(
                "provider",
                "short_name",
                "version",
                "temporal",
                "bounding_box",
                "sort_key",
                "page_size"),
            r.names(),
            "no page_num or offset next to search-after");
        assertEquals("NSIDC_CPRD", r.param("provider"));
        assertEquals("ATL06", r.param("short_name"));
        assertEquals("007", r.param("version"));
        assertEquals("2019-01-01T00:00:00Z,2019-01-01T23:59:59Z", r.param("temporal"));
        assertEquals("-180,-90,180,-60", r.param("bounding_box"));
        assertEquals("start_date", r.param("sort_key"));
        assertEquals("3", r.param("page_size"));
        assertEquals("application/vnd.nasa.cmr.umm_json+json", r.header("Accept"));
        assertEquals("magg-beam", r.header("Client-Id"));
      }
      assertNull(requests.get(0).header("CMR-Search-After"));
      assertEquals(
          "[\"nsidc_cprd\",1546310000,\"p1\"]", requests.get(1).header("CMR-Search-After"));
      assertEquals(
          "[\"nsidc_cprd\",1546320000,\"p2\"]", requests.get(2).header("CMR-Search-After"));

      assertEquals(7, search.hits());
      assertEquals(3, search.pages());
      assertEquals("search-after", search.pagedBy());
      assertEquals(
          List.of(
              new CmrClient.Progress(1, 3, 3, 7),
              new CmrClient.Progress(2, 3, 6, 7),
              new CmrClient.Progress(3, 1, 7, 7)),
          progress);

      List<CmrGranule> g = search.granules();
      assertEquals(7, g.size());
      assertEquals("ATL06_20190101001723_00550211_007_01.h5", g.get(0).granuleUr());
      assertEquals("G30000011234-NSIDC_CPRD", g.get(0).conceptId());
      assertEquals("2019-01-01T00:17:23.000Z", g.get(0).begin());
      // the data file, not the ISO metadata file listed next to it
      assertEquals(S3 + "ATL06_20190101001723_00550211_007_01.h5", g.get(0).s3Url());
      assertEquals(HTTPS + "ATL06_20190101001723_00550211_007_01.h5", g.get(0).httpsUrl());
      assertEquals(17, g.get(0).polygons().get(0)[0].length, "closed ring of 16 vertices");
      assertEquals(11.4218, g.get(0).polygons().get(0)[0][0]);
      assertEquals(-76.98545, g.get(0).polygons().get(0)[1][0]);
      assertNull(g.get(4).s3Url(), "granule 5 has no S3 link");
      assertEquals(HTTPS + "ATL06_20190101033215_00570211_007_01.h5", g.get(4).httpsUrl());
      assertTrue(g.get(5).polygons().isEmpty() && g.get(5).boxes().isEmpty(), "orbit only");
      assertEquals(List.of(), g.get(6).polygons());
      assertEquals(1, g.get(6).boxes().size());
      assertEquals(List.of(160.25, -75.0, 169.75, -70.5), boxed(g.get(6).boxes().get(0)));
    }
  }

  private static List<Double> boxed(double[] v) {
    List<Double> out = new ArrayList<>();
    for (double d : v) {
      out.add(d);
    }
    return out;
  }

  @Test
  void fallsBackToPageNumbersWithoutSearchAfter() throws Exception {
    try (FakeCmr cmr = FakeCmr.recorded().paging(FakeCmr.Paging.PAGE_NUM)) {
      CmrClient.Search search = client(cmr).search(query(SpatialFilter.everywhere(), 3), null);
      assertEquals(7, search.granules().size());
      assertEquals("page_num", search.pagedBy());
      List<FakeCmr.Request> requests = cmr.requests();
      assertEquals(3, requests.size());
      assertNull(requests.get(0).param("page_num"));
      assertEquals("2", requests.get(1).param("page_num"));
      assertEquals("3", requests.get(2).param("page_num"));
      assertNull(requests.get(0).param("bounding_box"));
    }
  }

  @Test
  void retriesServerErrorsAndDroppedConnections() throws Exception {
    try (FakeCmr cmr = FakeCmr.recorded().failNext(2)) {
      CmrClient.Search search = client(cmr).search(query(SpatialFilter.everywhere(), 3), null);
      assertEquals(7, search.granules().size());
      assertEquals(5, cmr.requests().size(), "two 503s, then three pages");
    }
    try (FakeCmr cmr = FakeCmr.recorded().resetNext(1)) {
      CmrClient.Search search = client(cmr).search(query(SpatialFilter.everywhere(), 3), null);
      assertEquals(7, search.granules().size());
      assertEquals(4, cmr.requests().size(), "one dropped connection, then three pages");
    }
    try (FakeCmr cmr = FakeCmr.recorded().failNext(10)) {
      CmrException e =
          assertThrows(
              CmrException.class,
              () -> client(cmr).search(query(SpatialFilter.everywhere(), 3), null));
      assertThat(e.getMessage(), containsString("failed after 3 attempts (page 1"));
      assertThat(e.getMessage(), containsString("HTTP 503"));
      assertThat(e.getMessage(), containsString("temporarily unavailable"));
      assertEquals(3, cmr.requests().size());
    }
  }

  /** A client whose pauses are recorded in {@code pauses} instead of waited. */
  private static CmrClient recordingClient(FakeCmr cmr, int attempts, List<Duration> pauses) {
    return CmrClient.builder(cmr.url())
        .maxAttempts(attempts)
        .initialBackoff(Duration.ofSeconds(1))
        .sleeper(pauses::add)
        .build();
  }

  private static List<Duration> seconds(long... s) {
    List<Duration> out = new ArrayList<>();
    for (long v : s) {
      out.add(Duration.ofSeconds(v));
    }
    return out;
  }

  @Test
  void pausesDoubleFromTheInitialBackoff() throws Exception {
    List<Duration> pauses = new ArrayList<>();
    try (FakeCmr cmr = FakeCmr.recorded().failNext(3)) {
      recordingClient(cmr, 5, pauses).search(query(SpatialFilter.everywhere(), 3), null);
      assertEquals(6, cmr.requests().size(), "three 503s, then three pages");
    }
    assertEquals(seconds(1, 2, 4), pauses, "Retry-After: 0 asks for no more than the backoff");

    pauses.clear();
    try (FakeCmr cmr = FakeCmr.recorded().failNext(10)) {
      CmrException e =
          assertThrows(
              CmrException.class,
              () ->
                  recordingClient(cmr, 4, pauses)
                      .search(query(SpatialFilter.everywhere(), 3), null));
      assertThat(e.getMessage(), containsString("failed after 4 attempts (page 1"));
      assertEquals(4, cmr.requests().size());
    }
    assertEquals(seconds(1, 2, 4), pauses, "no pause after the last attempt");
  }

  @Test
  void retryAfterLongerThanTheBackoffIsHonoured() throws Exception {
    List<Duration> pauses = new ArrayList<>();
    try (FakeCmr cmr = FakeCmr.recorded().failNext(3).retryAfter("3")) {
      recordingClient(cmr, 4, pauses).search(query(SpatialFilter.everywhere(), 3), null);
    }
    // backoff 1, 2, 4 s against 3 s asked: the longer of the two each time
    assertEquals(seconds(3, 3, 4), pauses);

    pauses.clear();
    try (FakeCmr cmr = FakeCmr.recorded().failNext(2).retryAfter("3600")) {
      recordingClient(cmr, 4, pauses).search(query(SpatialFilter.everywhere(), 3), null);
    }
    assertEquals(seconds(60, 60), pauses, "an hour asked, a minute waited");

    pauses.clear();
    try (FakeCmr cmr = FakeCmr.recorded().failNext(2).retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")) {
      recordingClient(cmr, 4, pauses).search(query(SpatialFilter.everywhere(), 3), null);
    }
    assertEquals(seconds(1, 2), pauses, "a date is not understood: the backoff");
  }

  @Test
  void clientErrorsFailAtOnceWithCmrsMessage() throws Exception {
    try (FakeCmr cmr =
        FakeCmr.recorded()
            .reject(400, "{\"errors\":[\"Collection version [7] is not a valid value.\"]}")) {
      CmrException e =
          assertThrows(
              CmrException.class,
              () -> client(cmr).search(query(SpatialFilter.everywhere(), 3), null));
      assertEquals(400, e.status());
      assertThat(e.getMessage(), containsString("HTTP 400"));
      assertThat(e.getMessage(), containsString("Collection version [7] is not a valid value."));
      assertEquals(1, cmr.requests().size(), "no retry");
    }
    try (FakeCmr cmr = FakeCmr.recorded().reject(404, "<html>Not Found</html>")) {
      CmrException e =
          assertThrows(
              CmrException.class,
              () -> client(cmr).search(query(SpatialFilter.everywhere(), 3), null));
      assertThat(e.getMessage(), containsString("HTTP 404"));
      assertThat(e.getMessage(), containsString("<html>Not Found</html>"));
    }
  }

  @Test
  void fewerGranulesThanHitsOrARepeatedSearchAfterIsAnError() throws Exception {
    try (FakeCmr cmr = FakeCmr.recorded().hits(9)) {
      CmrException e =
          assertThrows(
              CmrException.class,
              () -> client(cmr).search(query(SpatialFilter.everywhere(), 3), null));
      assertThat(e.getMessage(), containsString("reported 9 hits (CMR-Hits) but returned 7"));
    }
    try (FakeCmr cmr = FakeCmr.recorded().paging(FakeCmr.Paging.REPEATING_SEARCH_AFTER)) {
      CmrException e =
          assertThrows(
              CmrException.class,
              () -> client(cmr).search(query(SpatialFilter.everywhere(), 3), null));
      assertThat(e.getMessage(), containsString("same CMR-Search-After value twice"));
    }
  }

  @Test
  void largePolygonsGoAsAFormPost() throws Exception {
    int n = 600;
    double[] lon = new double[n];
    double[] lat = new double[n];
    for (int i = 0; i < n; i++) {
      lon[i] = 180 - i * 360.0 / n;
      lat[i] = -62 + 0.5 * Math.sin(i * 0.3);
    }
    SpatialFilter.Polygons polygons =
        new SpatialFilter.Polygons(List.of(SphericalPolygon.of(lon, lat)), "antarctica.json", 0);
    try (FakeCmr cmr = FakeCmr.recorded()) {
      client(cmr).search(query(polygons, 3), null);
      FakeCmr.Request first = cmr.requests().get(0);
      assertEquals("POST", first.method());
      assertEquals("application/x-www-form-urlencoded", first.header("Content-Type"));
      String polygon = first.param("polygon");
      String[] values = polygon.split(",");
      assertEquals(2 * (n + 1), values.length, "closed ring");
      assertEquals("180", values[0]);
      assertEquals("-62", values[1]);
      assertEquals(values[0], values[values.length - 2]);
      assertEquals("start_date", first.param("sort_key"));
    }
  }

  @Test
  void queryParametersAndDefaults() {
    GranuleQuery q = query(SpatialFilter.everywhere(), GranuleQuery.MAX_PAGE_SIZE);
    List<String> text = new ArrayList<>();
    for (String[] p : q.parameters()) {
      text.add(p[0] + "=" + p[1]);
    }
    assertEquals(
        List.of(
            "provider=NSIDC_CPRD",
            "short_name=ATL06",
            "version=007",
            "temporal=2019-01-01T00:00:00Z,2019-01-01T23:59:59Z",
            "sort_key=start_date",
            "page_size=2000"),
        text);
    assertThrows(IllegalArgumentException.class, () -> query(SpatialFilter.everywhere(), 2001));
    assertEquals(
        "https://cmr.earthdata.nasa.gov/search/granules.umm_json",
        CmrClient.builder(CmrClient.DEFAULT_URL + "/").build().endpoint().toString());
    assertThrows(IllegalArgumentException.class, () -> CmrClient.builder("ftp://x"));
  }
}
