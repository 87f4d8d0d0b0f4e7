package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Failure;

/** Catalog formats and per-event failures; file formats are covered by EventCatalogFilesTest. */
class EventCatalogTest {
  private static final FieldGrid GRID_3X4 = FieldGrid.regular(-1, 1, 3, 0, 1, 4);

  @TempDir Path dir;

  static Path resource(String name) {
    try {
      return Path.of(EventCatalogTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  private static Map<String, String> reasons(EventCatalog c) {
    return c.failures().stream()
        .collect(Collectors.toMap(Failure::subject, Failure::reason, (a, b) -> a + " | " + b));
  }

  @Test
  void jsonWithCellListsLoadsTheGoodEventsAndReportsTheBadOnes() throws Exception {
    Path file = resource("cells.json");
    EventCatalog c = EventCatalog.load(file.toString(), null, null, new FakeGridFiles());
    assertThat(c.grid(), is(GRID_3X4));
    assertThat(c.events().stream().map(Event::id).toList(), contains("ok-1", "ok-2"));

    Event ok1 = c.event("ok-1").orElseThrow();
    assertThat(ok1.start(), is(t("2021-01-10T00:00:00Z")));
    assertThat(ok1.end(), is(t("2021-01-10T08:00:00Z")));
    EventMask m = ok1.mask();
    assertArrayEquals(
        new Instant[] {
          t("2021-01-10T00:00:00Z"), t("2021-01-10T03:00:00Z"), t("2021-01-10T06:00:00Z")
        },
        m.times());
    assertArrayEquals(new int[] {0, 1, 5}, m.cellsAt(t("2021-01-10T02:00:00Z")));
    assertArrayEquals(new int[] {6, 7}, m.cellsAt(t("2021-01-10T03:00:00Z")));
    assertArrayEquals(new int[] {11}, m.cellsAt(t("2021-01-10T08:00:00Z")));
    assertThat(m.cellsAt(t("2021-01-10T09:00:00Z")), nullValue());
    assertThat(m.weighted(), is(false));

    // dates without a zone are UTC; weights follow their cells once sorted
    Event ok2 = c.event("ok-2").orElseThrow();
    assertThat(ok2.start(), is(t("2021-01-11T00:00:00Z")));
    assertThat(ok2.end(), is(t("2021-01-11T02:00:00Z")));
    assertArrayEquals(new int[] {2, 3}, ok2.mask().cellsAt(t("2021-01-11T01:00:00Z")));
    assertArrayEquals(new double[] {1, 0.5}, ok2.mask().weightsAt(t("2021-01-11T01:00:00Z")));

    Map<String, String> r = reasons(c);
    assertThat(
        r.keySet(),
        org.hamcrest.Matchers.containsInAnyOrder(
            "bad-end",
            "bad-cell",
            "empty",
            "late-mask",
            "bad-time",
            "no-file",
            "ok-1",
            "events[9]",
            "fraction"));
    for (Failure f : c.failures()) {
      assertThat(f.stage(), is("event"));
      assertThat(f.reason(), containsString("catalog " + file));
      if (!f.subject().startsWith("events[")) {
        // the catalog, the event id, then the field
        assertThat(
            f.reason(),
            containsString("catalog " + file + ", event '" + f.subject() + "', events["));
      }
    }
    assertThat(
        r.get("bad-end"),
        containsString(
            "event 'bad-end', events[2]: end 2021-01-10T03:00:00Z is before start"
                + " 2021-01-10T06:00:00Z"));
    assertThat(
        r.get("bad-cell"),
        containsString(
            "events[3].masks[\"2021-01-10T03:00:00Z\"][1]: cell 12 is outside the grid"
                + " (expected 0..11 on 3 x 4"));
    assertThat(
        r.get("empty"),
        containsString(
            "event 'empty', events[4]: the mask is empty: no cell is inside the event at any of its 2"
                + " mask time(s)"));
    assertThat(
        r.get("late-mask"),
        containsString(
            "events[5].masks[\"2021-01-10T09:00:00Z\"]: mask time 2021-01-10T09:00:00Z is outside"
                + " the event [2021-01-10T00:00:00Z, 2021-01-10T08:00:00Z]"));
    assertThat(
        r.get("bad-time"),
        containsString("events[6].start: '2021-01-10 00:00' is not an ISO-8601 time"));
    assertThat(r.get("no-file"), containsString("events[7].mask: mask file 'missing_mask.nc' ("));
    assertThat(r.get("no-file"), containsString("missing_mask.nc) cannot be read: does not exist"));
    assertThat(
        r.get("ok-1"),
        containsString("event 'ok-1', events[8]: the id is given twice (first at events[0])"));
    assertThat(
        r.get("events[9]"),
        containsString("events[9].id: missing or blank (expected a non-empty string)"));
    assertThat(
        r.get("fraction"),
        containsString("events[10].masks[\"2021-01-10T00:00:00Z\"][0]: 1.5 is not an integer"));
  }

  @Test
  void wholeFileProblemsAreExceptions() throws Exception {
    assertThrows(
        NoSuchFileException.class,
        () -> EventCatalog.load(dir.resolve("none.json").toString(), null));
    assertThat(
        whole("bad.json", "{\"events\": [").getMessage(),
        containsString("bad.json: is not valid JSON"));
    assertThat(
        whole("noevents.json", "{\"grid\": {\"lat\": [0], \"lon\": [0]}}").getMessage(),
        containsString("noevents.json: \"events\" must be an array of events"));
    assertThat(
        whole("extra.json", "{\"grid\": {\"lat\": [0], \"lon\": [0]}, \"events\": [], \"x\": 1}")
            .getMessage(),
        containsString("unknown field \"x\" (expected grid, events, metadata)"));
    assertThat(
        whole(
                "grid.json",
                "{\"grid\": {\"lat\": {\"start\": 0, \"step\": 1}, \"lon\": [0]},"
                    + " \"events\": []}")
            .getMessage(),
        containsString("grid.lat.count must be a positive integer"));
    assertThat(
        whole("nogrid.json", "{\"events\": [{\"id\": \"a\"}]}").getMessage(),
        containsString("no \"grid\" given and no mask file could be opened"));
    assertThat(
        whole("dup.json", "{\"events\": [], \"events\": []}").getMessage(),
        containsString("dup.json: is not valid JSON: Duplicate field 'events'"));
    assertThat(
        whole("cat.csv", "event_id,start,end,mask_file\n").getMessage(),
        containsString(
            "cat.csv: header lacks column 'mask_variable' (expected"
                + " event_id,start,end,mask_file,mask_variable, got"
                + " event_id,start,end,mask_file)"));
    assertThat(
        whole("cat2.csv", "event_id,start,end,mask_file,mask_variabel\n").getMessage(),
        containsString("header column 5 'mask_variabel' is unknown"));
  }

  private EventCatalogException whole(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return assertThrows(
        EventCatalogException.class,
        () -> EventCatalog.load(p.toString(), null, null, new FakeGridFiles()));
  }

  @Test
  void anExpectedGridMustMatchTheCatalogs() throws Exception {
    Path file = resource("cells.json");
    assertThat(
        assertThrows(
                EventCatalogException.class,
                () ->
                    EventCatalog.load(
                        file.toString(),
                        null,
                        FieldGrid.regular(-1, 1, 3, 0, 1, 5),
                        new FakeGridFiles()))
            .getMessage(),
        containsString(
            "grid does not match the expected grid 3 x 5 (lat -1.0..1.0, lon 0.0..4.0):"
                + " lon has 4 values, expected 5"));
  }

  private static final Instant H0 = Instant.parse("2021-01-10T00:00:00Z");

  private static Instant h(int hours) {
    return H0.plusSeconds(3600L * hours);
  }

  /** Four 3-hourly steps on the 3 x 4 grid (NaN = missing). */
  private FakeGridFiles maskFiles() {
    double n = Double.NaN;
    FakeGridFiles files = new FakeGridFiles();
    files
        .add(dir.resolve("masks.nc").toString(), GRID_3X4, h(0), h(3), h(6), h(9))
        .series(
            "ar_mask",
            new double[] {1, 0, 0, 0, 0, 1, n, 0, 0, 0, 0, 0},
            new double[] {0, 0, 0, 0, 0, 0, 0.5, 1, 0, 0, 0, -1},
            new double[] {2, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 2},
            new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0})
        .series("zeros", new double[12], new double[12], new double[12], new double[12]);
    files
        .add(dir.resolve("shifted.nc").toString(), FieldGrid.regular(-1, 1, 3, 0.5, 1, 4), h(0))
        .series("ar_mask", new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    return files;
  }

  @Test
  void maskArraysAreThresholdedAndSelectedByTime() throws Exception {
    Path cat = dir.resolve("arrays.json");
    Files.writeString(
        cat,
        "{\"grid\": {\"lat\": {\"start\": -1, \"step\": 1, \"count\": 3},"
            + " \"lon\": [0, 1, 2, 3]}, \"events\": ["
            + "{\"id\": \"frac\", \"start\": \"2021-01-10T00:00:00Z\", \"end\":"
            + " \"2021-01-10T05:00:00Z\", \"mask\": {\"file\": \"masks.nc\", \"variable\":"
            + " \"ar_mask\"}},"
            + "{\"id\": \"label2\", \"start\": \"2021-01-10T06:00:00Z\", \"end\":"
            + " \"2021-01-10T11:00:00Z\", \"mask\": {\"file\": \"masks.nc\", \"variable\":"
            + " \"ar_mask\", \"label\": 2}},"
            + "{\"id\": \"zeros\", \"start\": \"2021-01-10T00:00:00Z\", \"end\":"
            + " \"2021-01-10T11:00:00Z\", \"mask\": {\"file\": \"masks.nc\", \"variable\":"
            + " \"zeros\"}},"
            + "{\"id\": \"outside\", \"start\": \"2021-01-11T00:00:00Z\", \"end\":"
            + " \"2021-01-11T11:00:00Z\", \"mask\": {\"file\": \"masks.nc\", \"variable\":"
            + " \"ar_mask\"}},"
            + "{\"id\": \"novar\", \"start\": \"2021-01-10T00:00:00Z\", \"end\":"
            + " \"2021-01-10T11:00:00Z\", \"mask\": {\"file\": \"masks.nc\", \"variable\":"
            + " \"nope\"}},"
            + "{\"id\": \"shifted\", \"start\": \"2021-01-10T00:00:00Z\", \"end\":"
            + " \"2021-01-10T11:00:00Z\", \"mask\": {\"file\": \"shifted.nc\", \"variable\":"
            + " \"ar_mask\"}}]}");
    FakeGridFiles files = maskFiles();
    EventCatalog c = EventCatalog.load(cat.toString(), null, null, files);
    assertThat(c.events().stream().map(Event::id).toList(), contains("frac", "label2"));
    // the file is opened once for all the events that use it (twice: two files)
    assertThat(files.opens, is(2));

    // steps 0 and 3 h are in [00, 05]: values > 0 are inside, NaN and -1 are not; 0.5 is kept
    EventMask frac = c.event("frac").orElseThrow().mask();
    assertArrayEquals(new Instant[] {h(0), h(3)}, frac.times());
    assertArrayEquals(new int[] {0, 5}, frac.cellsAt(h(2)));
    assertArrayEquals(new double[] {1, 1}, frac.weightsAt(h(2)));
    assertArrayEquals(new int[] {6, 7}, frac.cellsAt(h(5)));
    assertArrayEquals(new double[] {0.5, 1}, frac.weightsAt(h(5)));
    assertThat(frac.cellsAt(h(6)), nullValue());

    // label 2 selects the cells equal to 2 at 06 and 09 h, binary
    EventMask label = c.event("label2").orElseThrow().mask();
    assertArrayEquals(new Instant[] {h(6), h(9)}, label.times());
    assertArrayEquals(new int[] {0, 1, 11}, label.cellsAt(h(8)));
    assertArrayEquals(new int[] {10}, label.cellsAt(h(11)));
    assertThat(label.weighted(), is(false));

    Map<String, String> r = reasons(c);
    assertThat(
        r.get("zeros"),
        containsString(
            "event 'zeros', events[2]: the mask is empty: no cell is inside the event at"
                + " any of its 4 mask time(s)"));
    assertThat(
        r.get("outside"),
        containsString(
            "events[3].mask: mask file 'masks.nc' variable 'ar_mask': no time step"
                + " within the event [2021-01-11T00:00:00Z, 2021-01-11T11:00:00Z] (the file covers"
                + " 2021-01-10T00:00:00Z .. 2021-01-10T09:00:00Z)"));
    assertThat(
        r.get("novar"),
        containsString(
            "events[4].mask: mask file 'masks.nc' variable 'nope' time step 0"
                + " (2021-01-10T00:00:00Z): "));
    assertThat(
        r.get("shifted"),
        containsString(
            "events[5].mask: mask file 'shifted.nc' variable 'ar_mask' is on another"
                + " grid than the catalog's 3 x 4 (lat -1.0..1.0, lon 0.0..3.0): lon[0] = 0.5,"
                + " expected 0.0"));
  }

  @Test
  void csvCatalogTakesItsGridFromTheFirstMaskFile() throws Exception {
    Path cat = dir.resolve("events.csv");
    Files.writeString(
        cat,
        "event_id,start,end,mask_file,mask_variable\r\n"
            + "missing,2021-01-10T00:00:00Z,2021-01-10T05:00:00Z,gone.nc,ar_mask\r\n"
            + "\r\n"
            + "\"a,1\",2021-01-10T00:00:00Z,2021-01-10T05:00:00Z,masks.nc,ar_mask\r\n"
            + "late,2021-01-10T09:00:00Z,2021-01-10T05:00:00Z,masks.nc,ar_mask\r\n"
            + "short,2021-01-10T09:00:00Z,masks.nc,ar_mask\r\n"
            + "b,2021-01-10T06:00:00Z,2021-01-10T06:00:00Z,masks.nc,ar_mask\r\n");
    EventCatalog c = EventCatalog.load(cat.toString(), null, null, maskFiles());
    assertThat(c.grid(), is(GRID_3X4));
    assertThat(c.events().stream().map(Event::id).toList(), contains("a,1", "b"));
    assertArrayEquals(new int[] {0, 5}, c.event("a,1").orElseThrow().mask().cellsAt(h(0)));
    assertArrayEquals(new int[] {0, 1, 5, 11}, c.event("b").orElseThrow().mask().cellsAt(h(6)));
    assertArrayEquals(new double[] {2, 2, 3, 2}, c.event("b").orElseThrow().mask().weightsAt(h(6)));
    Map<String, String> r = reasons(c);
    assertThat(r.get("missing"), containsString("line 2 mask_file: mask file 'gone.nc' ("));
    assertThat(
        r.get("late"),
        containsString(
            "event 'late', line 5: end 2021-01-10T05:00:00Z is before start"
                + " 2021-01-10T09:00:00Z"));
    assertThat(r.get("line 6"), containsString("line 6: 4 fields, expected 5 as in the header"));
    assertThat(r.size(), is(3));
  }

  @Test
  void anIdGivenAgainKeepsTheFirstEventAndRefusesTheRepeat() throws Exception {
    Path json = dir.resolve("dup.json");
    Files.writeString(
        json,
        "{\"grid\": {\"lat\": {\"start\": -1, \"step\": 1, \"count\": 3},"
            + " \"lon\": {\"start\": 0, \"step\": 1, \"count\": 4}},"
            + " \"events\": ["
            + " {\"id\": \"a\", \"start\": \"2021-01-10T00:00:00Z\", \"end\":"
            + " \"2021-01-10T00:00:00Z\", \"masks\": {\"2021-01-10T00:00:00Z\": [1]}},"
            + " {\"id\": \"b\", \"start\": \"2021-01-11T00:00:00Z\", \"end\":"
            + " \"2021-01-11T00:00:00Z\", \"masks\": {\"2021-01-11T00:00:00Z\": [2]}},"
            + " {\"id\": \"a\", \"start\": \"2021-01-12T00:00:00Z\", \"end\":"
            + " \"2021-01-12T00:00:00Z\", \"masks\": {\"2021-01-12T00:00:00Z\": [3]}}]}");
    EventCatalog c = EventCatalog.load(json.toString(), null, null, new FakeGridFiles());
    // the first a (valid) is kept with its own times and mask, the repeat is refused
    assertThat(c.events().stream().map(Event::id).toList(), contains("a", "b"));
    assertThat(c.event("a").orElseThrow().start(), is(t("2021-01-10T00:00:00Z")));
    assertArrayEquals(
        new int[] {1}, c.event("a").orElseThrow().mask().cellsAt(t("2021-01-10T00:00:00Z")));
    assertThat(c.failures().size(), is(1));
    Failure f = c.failures().get(0);
    assertThat(f.subject(), is("a"));
    assertThat(
        f.reason(),
        containsString(
            "catalog "
                + json
                + ", event 'a', events[2]: the id is given twice (first at"
                + " events[0]): this entry repeats an earlier event and is refused"));

    Path csv = dir.resolve("dup.csv");
    Files.writeString(
        csv,
        "event_id,start,end,mask_file,mask_variable\n"
            + "a,2021-01-10T00:00:00Z,2021-01-10T05:00:00Z,masks.nc,ar_mask\n"
            + "b,2021-01-10T06:00:00Z,2021-01-10T06:00:00Z,masks.nc,ar_mask\n"
            + "a,2021-01-10T06:00:00Z,2021-01-10T06:00:00Z,masks.nc,ar_mask\n");
    EventCatalog fromCsv = EventCatalog.load(csv.toString(), null, null, maskFiles());
    assertThat(fromCsv.events().stream().map(Event::id).toList(), contains("a", "b"));
    assertThat(fromCsv.event("a").orElseThrow().end(), is(t("2021-01-10T05:00:00Z")));
    assertThat(fromCsv.failures().size(), is(1));
    assertThat(
        fromCsv.failures().get(0).reason(),
        containsString(
            "catalog " + csv + ", event 'a', line 4: the id is given twice (first at line 2)"));
  }

  @Test
  void aFilePerEventKeepsFewFilesOpen() throws Exception {
    FakeGridFiles files = new FakeGridFiles();
    StringBuilder csv = new StringBuilder("event_id,start,end,mask_file,mask_variable\n");
    int n = 3 * CatalogFiles.MAX_OPEN;
    for (int e = 0; e < n; e++) {
      double[] v = new double[12];
      v[e % 12] = 1;
      files.add(dir.resolve("m" + e + ".nc").toString(), GRID_3X4, h(0)).series("m", v);
      csv.append("e")
          .append(e)
          .append(",2021-01-10T00:00:00Z,2021-01-10T02:00:00Z,m")
          .append(e)
          .append(".nc,m\n");
    }
    Path cat = dir.resolve("many.csv");
    Files.writeString(cat, csv);
    EventCatalog c = EventCatalog.load(cat.toString(), null, null, files);
    assertThat(c.events().size(), is(n));
    assertArrayEquals(new int[] {(n - 1) % 12}, c.events().get(n - 1).mask().cellsAt(h(1)));
    int stillOpen = 0;
    for (int e = 0; e < n; e++) {
      FakeGridFiles.FakeFile f = files.file(dir.resolve("m" + e + ".nc").toString());
      stillOpen += f.closes == 0 ? 1 : 0;
    }
    // every file is closed by the end of the load
    assertThat(stillOpen, is(0));
    assertThat(files.maxOpen, is(CatalogFiles.MAX_OPEN + 1));
  }

  @Test
  void inMemoryCatalogWritesJsonThatLoadsBack() throws Exception {
    EventMask m =
        EventMask.builder()
            .add(h(0), new int[] {1, 2})
            .add(h(3), new int[] {4}, new float[] {0.3f})
            .build(h(5));
    FieldGrid irregular = new FieldGrid(new double[] {-1, 0, 1.5}, new double[] {0, 1, 2, 3});
    EventCatalog c = EventCatalog.of(irregular, List.of(Event.of("e1", h(0), h(5), m)));
    Path p = dir.resolve("roundtrip.json");
    Files.writeString(p, c.toJson());
    EventCatalog back = EventCatalog.load(p.toString(), null);
    assertThat(back.failures(), is(List.of()));
    assertThat(back.grid(), is(irregular));
    assertThat(back.events(), is(c.events()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            EventCatalog.of(
                GRID_3X4, List.of(Event.of("e1", h(0), h(5), m), Event.of("e1", h(0), h(5), m))));
  }
}
