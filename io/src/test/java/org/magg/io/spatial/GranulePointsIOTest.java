package org.magg.io.spatial;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.magg.core.Failure;
import org.magg.core.grid.Morton;
import org.magg.core.grid.SpatialBounds;
import org.magg.testing.SharedData;
import org.magg.testing.TestPipelines;

/**
 * {@link GranulePointsIO} as a transform on the Direct runner, over ATL06-layout HDF5 granules
 * written here with jhdf (with a defect of each kind, a beam that cannot be read, a truncated and a
 * missing granule), over the real ATL06 granule of the shared data, and over a tiny CSV point
 * table. The expected points, counts per parent cell and filter counts are computed without the
 * reader or the binner: from the arrays written, or the datasets read directly with jhdf, each
 * point's cell from {@link Morton#encode} (or, for the CSV table, by hand).
 */
class GranulePointsIOTest {
  private static final float FILL = 3.4028235e38f;
  private static final String SEGMENTS = "/{group}/land_ice_segments/";

  /** The ATL06 layout, reading h_li and h_li_sigma, keeping quality flag 0 only. */
  private static PointSource atl06(List<String> groups) {
    return atl06(groups, true);
  }

  /** The ATL06 layout, reading h_li and h_li_sigma, with or without the quality filter. */
  private static PointSource atl06(List<String> groups, boolean qualityFilter) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("h_li", SEGMENTS + "h_li");
    variables.put("s_li", SEGMENTS + "h_li_sigma");
    return new PointSource(
        PointSource.Reader.HDF5,
        groups,
        SEGMENTS + "latitude",
        SEGMENTS + "longitude",
        variables,
        qualityFilter
            ? new PointSource.QualityFilter(SEGMENTS + "atl06_quality_summary", 0)
            : null);
  }

  /** One point as the tests compare them: parent cell, child index, values in batch order. */
  static String point(long parent, int child, double... values) {
    StringBuilder s = new StringBuilder(Morton.format(parent)).append(" child ").append(child);
    for (double v : values) {
      s.append(' ').append(v);
    }
    return s.toString();
  }

  /** Every point of every batch, as {@link #point}. */
  static final class PointText extends DoFn<KV<Long, PointBatch>, String> {
    @ProcessElement
    public void process(@Element KV<Long, PointBatch> e, OutputReceiver<String> out) {
      PointBatch b = e.getValue();
      for (int i = 0; i < b.size(); i++) {
        double[] values = new double[b.variableCount()];
        for (int v = 0; v < values.length; v++) {
          values[v] = b.value(v, i);
        }
        out.output(point(e.getKey(), b.childIndex(i), values));
      }
    }
  }

  /** The checks every read shares: the points, points per parent cell, batches per parent cell. */
  private static void assertPoints(PCollection<KV<Long, PointBatch>> points, Expected expected) {
    PAssert.that(points.apply("PointText", ParDo.of(new PointText())))
        .containsInAnyOrder(expected.points);
    PCollection<KV<Long, Long>> sizes =
        points.apply(
            "BatchSizes",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs()))
                .via(e -> KV.of(e.getKey(), (long) e.getValue().size())));
    PAssert.that(sizes.apply("PointsPerCell", Sum.longsPerKey()))
        .containsInAnyOrder(kvs(expected.pointsPerCell()));
    PAssert.that(points.apply("BatchesPerCell", Count.perKey()))
        .containsInAnyOrder(kvs(expected.batchesPerCell()));
  }

  private static List<KV<Long, Long>> kvs(Map<Long, Long> m) {
    List<KV<Long, Long>> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(KV.of(k, v)));
    return out;
  }

  /** {@code stage subject} of each failure. */
  private static PCollection<String> subjects(PCollection<Failure> failures) {
    return failures.apply(
        "FailureSubjects",
        MapElements.into(TypeDescriptors.strings()).via(f -> f.stage() + " " + f.subject()));
  }

  /** Asserts the run's counters of the points read, kept and filtered by reason. */
  private static void assertCounters(PipelineResult result, Expected expected, long read) {
    Map<String, Long> c = TestPipelines.counters(result, RunCounters.NAMESPACE);
    assertEquals(read, c.getOrDefault(RunCounters.POINTS_READ, 0L), "points read " + c);
    assertEquals(
        expected.points.size(), c.getOrDefault(RunCounters.POINTS_KEPT, 0L), "points kept " + c);
    for (FilterReason r : FilterReason.values()) {
      assertEquals(
          expected.filtered.getOrDefault(r, 0L),
          c.getOrDefault(RunCounters.filtered(r), 0L),
          "points filtered as " + r.label() + ": " + c);
    }
  }

  // ------------------------------------------------------------------ the oracle

  /** What a read must give: kept points (as {@link #point}), by cell and batch, and drops. */
  static final class Expected {
    final List<String> points = new ArrayList<>();
    final Map<FilterReason, Long> filtered = new EnumMap<>(FilterReason.class);
    final Map<Long, Long> perCell = new TreeMap<>();
    final Map<Long, Set<String>> batchSources = new TreeMap<>();

    void drop(FilterReason r) {
      filtered.merge(r, 1L, Long::sum);
    }

    void keep(long parent, int child, String source, double... values) {
      points.add(point(parent, child, values));
      perCell.merge(parent, 1L, Long::sum);
      batchSources.computeIfAbsent(parent, k -> new HashSet<>()).add(source);
    }

    Map<Long, Long> pointsPerCell() {
      return perCell;
    }

    /** One batch per group of a granule and parent cell. */
    Map<Long, Long> batchesPerCell() {
      Map<Long, Long> out = new TreeMap<>();
      batchSources.forEach((k, v) -> out.put(k, (long) v.size()));
      return out;
    }
  }

  /** The columns of one ATL06 beam, as written or read directly. */
  record Beam(
      String name,
      double[] lat,
      double[] lon,
      double[] h,
      double[] s,
      double[] q,
      double latFill,
      double lonFill,
      double hFill,
      double sFill) {}

  /**
   * Classifies the points of a beam in the binner's documented order (coordinate fill, invalid
   * coordinate, quality, variable fill, bounds, selection: each dropped point counts once) and
   * keeps the others as (s_li, h_li) under the parent cell of {@link Morton#encode} at the child
   * order. A null {@code selected} selects every cell.
   */
  private static void classify(
      Expected e,
      String source,
      Beam b,
      SpatialBounds bounds,
      Set<Long> selected,
      int parentOrder,
      int childOrder) {
    for (int i = 0; i < b.lat().length; i++) {
      double lat = b.lat()[i];
      double lon = b.lon()[i];
      if (lat == b.latFill() || lon == b.lonFill()) {
        e.drop(FilterReason.FILL_VALUE);
      } else if (lat < -90 || lat > 90 || Double.isNaN(lat) || !Double.isFinite(lon)) {
        e.drop(FilterReason.INVALID_COORDINATE);
      } else if (b.q() != null && b.q()[i] != 0) {
        e.drop(FilterReason.QUALITY);
      } else if (b.h()[i] == b.hFill() || b.s()[i] == b.sFill()) {
        e.drop(FilterReason.FILL_VALUE);
      } else if (bounds != null && !bounds.contains(lon, lat)) {
        e.drop(FilterReason.OUTSIDE_BOUNDS);
      } else {
        long cell = Morton.encode(lat, lon, childOrder);
        long parent = Morton.parent(cell, parentOrder);
        if (selected != null && !selected.contains(parent)) {
          e.drop(FilterReason.OUTSIDE_SELECTION);
        } else {
          e.keep(parent, Morton.childIndex(cell, parentOrder), source, b.s()[i], b.h()[i]);
        }
      }
    }
  }

  /** Parent cells of the points that pass every filter but the selection, with their counts. */
  private static Map<Long, Long> parentsOf(
      List<Beam> beams, SpatialBounds bounds, int parentOrder, int childOrder) {
    Expected all = new Expected();
    for (Beam b : beams) {
      classify(all, b.name(), b, bounds, null, parentOrder, childOrder);
    }
    return all.pointsPerCell();
  }

  // ------------------------------------------------------------------ HDF5 written here

  private static final int N = 60;
  private static final int PARENT = 6;
  private static final int CHILD = 9;
  private static final SpatialBounds BOUNDS = new SpatialBounds(90, -80, 120, -70);

  /**
   * Beam {@code b} of granule {@code g}: a track of N points from (-74, 100 + 0.4 b + 0.7 g)
   * southwards and east, across a few order-6 cells. Point i has one defect by {@code i % 10}: 1 a
   * fill latitude, 3 a fill h_li, 5 quality flag 1, 7 latitude -91; point 8 lies outside the bounds
   * (longitude 150).
   */
  static Beam synthetic(String name, int g, int b) {
    double[] lat = new double[N];
    double[] lon = new double[N];
    double[] h = new double[N];
    double[] s = new double[N];
    double[] q = new double[N];
    for (int i = 0; i < N; i++) {
      lat[i] = -74.0 - 0.03 * i;
      lon[i] = 100.0 + 0.05 * i + 0.4 * b + 0.7 * g;
      h[i] = 1000 + 10 * g + b + 0.25 * i;
      s[i] = 0.5 + 0.125 * (i % 4);
      switch (i % 10) {
        case 1 -> lat[i] = FILL;
        case 3 -> h[i] = FILL;
        case 5 -> q[i] = 1;
        case 7 -> lat[i] = -91.0;
        default -> {}
      }
    }
    lon[8] = 150.0;
    return new Beam(name, lat, lon, h, s, q, FILL, FILL, FILL, FILL);
  }

  /** Writes beams in the ATL06 layout; h_li and h_li_sigma float32, the quality flag int8. */
  private static void writeGranule(Path file, List<Beam> beams) throws IOException {
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      h5.putAttribute("short_name", "ATL06");
      for (Beam b : beams) {
        WritableGroup seg = h5.putGroup(b.name()).putGroup("land_ice_segments");
        seg.putDataset("latitude", b.lat()).putAttribute("_FillValue", new double[] {FILL});
        seg.putDataset("longitude", b.lon()).putAttribute("_FillValue", new double[] {FILL});
        seg.putDataset("h_li", floats(b.h())).putAttribute("_FillValue", new float[] {FILL});
        seg.putDataset("h_li_sigma", floats(b.s())).putAttribute("_FillValue", new float[] {FILL});
        byte[] q = new byte[b.q().length];
        for (int i = 0; i < q.length; i++) {
          q[i] = (byte) b.q()[i];
        }
        seg.putDataset("atl06_quality_summary", q);
      }
    }
  }

  private static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  @Test
  void hdf5GranulesGivePointsByParentCellAndBrokenOnesGoToTheDeadLetter(@TempDir Path dir)
      throws IOException {
    Beam g0a = synthetic("gt1l", 0, 0);
    Beam g0b = synthetic("gt2l", 0, 1);
    Beam g1a = synthetic("gt1l", 1, 0);
    Beam g1bad = synthetic("gt2l", 1, 1);
    Path good = dir.resolve("ATL06_A.h5");
    Path partly = dir.resolve("ATL06_B.h5");
    Path truncated = dir.resolve("ATL06_C.h5");
    Path missing = dir.resolve("ATL06_D.h5");
    writeGranule(good, List.of(g0a, g0b));
    // gt2l of the second granule has one h_li value fewer than it has latitudes
    double[] shortH = Arrays.copyOf(g1bad.h(), N - 1);
    writeGranule(
        partly,
        List.of(
            g1a,
            new Beam(
                "gt2l",
                g1bad.lat(),
                g1bad.lon(),
                shortH,
                g1bad.s(),
                g1bad.q(),
                FILL,
                FILL,
                FILL,
                FILL)));
    byte[] bytes = Files.readAllBytes(good);
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

    // Select every parent cell the kept points fall in but the one with the fewest points.
    List<Beam> readable = List.of(g0a, g0b, g1a);
    Map<Long, Long> parents = parentsOf(readable, BOUNDS, PARENT, CHILD);
    assertTrue(parents.size() >= 3, "the tracks cross several parent cells: " + parents);
    long fewest = parents.entrySet().stream().min(Map.Entry.comparingByValue()).get().getKey();
    List<Long> selected = new ArrayList<>(parents.keySet());
    selected.remove(fewest);
    Expected expected = new Expected();
    classify(expected, "A#gt1l", g0a, BOUNDS, Set.copyOf(selected), PARENT, CHILD);
    classify(expected, "A#gt2l", g0b, BOUNDS, Set.copyOf(selected), PARENT, CHILD);
    classify(expected, "B#gt1l", g1a, BOUNDS, Set.copyOf(selected), PARENT, CHILD);
    // by construction: per beam 6 fill latitudes, 6 fill heights, 6 quality flags, 6 latitudes
    // of -91 and one point outside the bounds
    assertEquals(36L, expected.filtered.get(FilterReason.FILL_VALUE));
    assertEquals(18L, expected.filtered.get(FilterReason.QUALITY));
    assertEquals(18L, expected.filtered.get(FilterReason.INVALID_COORDINATE));
    assertEquals(3L, expected.filtered.get(FilterReason.OUTSIDE_BOUNDS));
    assertEquals(parents.get(fewest), expected.filtered.get(FilterReason.OUTSIDE_SELECTION));

    TestPipeline p = TestPipelines.create();
    PCollectionTuple read =
        p.apply(
                Create.of(
                        List.of(good, partly, truncated, missing).stream()
                            .map(f -> new GranuleAssignment(f.toString(), selected))
                            .toList())
                    .withCoder(GranuleAssignment.coder()))
            .apply(
                GranulePointsIO.readAll()
                    .withDataSource(atl06(List.of("gt1l", "gt2l", "gt3l")))
                    .withVariables(List.of("s_li", "h_li"))
                    .withOrders(PARENT, CHILD)
                    .withBounds(BOUNDS));
    assertPoints(read.get(GranulePointsIO.POINTS), expected);
    PCollection<Failure> failures = read.get(GranulePointsIO.FAILURES);
    PAssert.that(subjects(failures))
        .containsInAnyOrder(
            "group " + partly + "#gt2l", "granule " + truncated, "granule " + missing);
    String partlyName = partly.toString();
    String truncatedName = truncated.toString();
    String missingName = missing.toString();
    PAssert.that(failures)
        .satisfies(
            fs -> {
              for (Failure f : fs) {
                if (f.subject().equals(partlyName + "#gt2l")) {
                  assertThat(f.reason(), containsString("granule " + partlyName));
                  assertThat(
                      f.reason(),
                      containsString(
                          "dataset /gt2l/land_ice_segments/h_li has 59 values, expected 60"));
                } else if (f.subject().equals(truncatedName)) {
                  assertThat(f.reason(), containsString("granule " + truncatedName));
                  assertThat(f.reason(), containsString("truncated"));
                } else {
                  assertThat(f.reason(), containsString("granule " + missingName));
                  assertThat(f.reason(), containsString("does not exist"));
                }
              }
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();

    assertCounters(result, expected, 3L * N);
    Map<String, Long> c = TestPipelines.counters(result, RunCounters.NAMESPACE);
    assertEquals(2L, c.get(RunCounters.GRANULES_READ), c.toString());
    assertEquals(2L, c.get(RunCounters.GRANULES_FAILED), c.toString());
    assertEquals(3L, c.get(RunCounters.GROUPS_READ), c.toString()); // gt1l, gt2l of A; gt1l of B
    assertEquals(2L, c.get(RunCounters.GROUPS_MISSING), c.toString()); // gt3l of A and B
    assertEquals(1L, c.get(RunCounters.GROUPS_FAILED), c.toString()); // gt2l of B
  }

  // ------------------------------------------------------------------ the real ATL06 granule

  private static final String[] ATL06_BEAMS = {"gt1l", "gt1r", "gt2l", "gt2r", "gt3l", "gt3r"};

  /** A dataset's values as doubles, whatever its numeric type. */
  private static double[] doubles(Dataset d) {
    Object data = d.getDataFlat();
    double[] out = new double[Array.getLength(data)];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) Array.get(data, i)).doubleValue();
    }
    return out;
  }

  private static double fill(Dataset d) {
    Attribute a = d.getAttribute("_FillValue");
    if (a == null) {
      return Double.NaN;
    }
    Object data = a.getData();
    return ((Number) (data.getClass().isArray() ? Array.get(data, 0) : data)).doubleValue();
  }

  private static Beam readBeam(HdfFile f, String beam) {
    String g = "/" + beam + "/land_ice_segments/";
    Dataset lat = f.getDatasetByPath(g + "latitude");
    Dataset lon = f.getDatasetByPath(g + "longitude");
    Dataset h = f.getDatasetByPath(g + "h_li");
    Dataset s = f.getDatasetByPath(g + "h_li_sigma");
    return new Beam(
        beam,
        doubles(lat),
        doubles(lon),
        doubles(h),
        doubles(s),
        doubles(f.getDatasetByPath(g + "atl06_quality_summary")),
        fill(lat),
        fill(lon),
        fill(h),
        fill(s));
  }

  @ParameterizedTest(name = "quality filter {0}")
  @ValueSource(booleans = {true, false})
  void realAtl06GranuleGivesThePointsItsDatasetsHold(boolean qualityFilter) {
    Path granule = SharedData.require("data/atl06/ATL06_20181013235645_02340114_209_01.h5");
    int parentOrder = 8;
    int childOrder = 14;
    List<Beam> beams = new ArrayList<>();
    try (HdfFile f = new HdfFile(granule)) {
      for (String name : ATL06_BEAMS) {
        Beam b = readBeam(f, name);
        beams.add(
            qualityFilter
                ? b
                : new Beam(
                    name,
                    b.lat(),
                    b.lon(),
                    b.h(),
                    b.s(),
                    null,
                    b.latFill(),
                    b.lonFill(),
                    b.hFill(),
                    b.sFill()));
      }
    }
    long read = beams.stream().mapToLong(b -> b.lat().length).sum();
    Map<Long, Long> parents = parentsOf(beams, null, parentOrder, childOrder);
    assertTrue(parents.size() >= 3, "the granule crosses several parent cells: " + parents);
    long fewest = parents.entrySet().stream().min(Map.Entry.comparingByValue()).get().getKey();
    List<Long> selected = new ArrayList<>(parents.keySet());
    selected.remove(fewest);
    Expected expected = new Expected();
    for (Beam b : beams) {
      classify(expected, b.name(), b, null, Set.copyOf(selected), parentOrder, childOrder);
    }
    // what this granule holds: 1522 segments, most of them flagged, many heights fill values
    assertEquals(1522, read);
    if (qualityFilter) {
      assertTrue(expected.filtered.get(FilterReason.QUALITY) > 1000, expected.filtered.toString());
    } else {
      assertTrue(
          expected.filtered.get(FilterReason.FILL_VALUE) > 100, expected.filtered.toString());
    }
    assertTrue(expected.points.size() > 40, "kept points: " + expected.points.size());

    TestPipeline p = TestPipelines.create();
    PCollectionTuple out =
        p.apply(
                Create.of(new GranuleAssignment(granule.toString(), selected))
                    .withCoder(GranuleAssignment.coder()))
            .apply(
                GranulePointsIO.readAll()
                    .withDataSource(atl06(List.of(ATL06_BEAMS), qualityFilter))
                    .withVariables(List.of("s_li", "h_li"))
                    .withOrders(parentOrder, childOrder));
    assertPoints(out.get(GranulePointsIO.POINTS), expected);
    PAssert.that(out.get(GranulePointsIO.FAILURES)).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertCounters(result, expected, read);
  }

  // ------------------------------------------------------------------ a CSV point table

  /**
   * Cells by hand, parent order 0 (the twelve base cells), child order 1. Base cell 0 is the
   * northern one between longitudes 0 and 90, with its corners south at (45, 0), east at (90,
   * 41.8), west at (0, 41.8) and north at the pole; its children are numbered 0 south, 1 east, 2
   * west, 3 north. Base cell 9 is the southern one between 90 and 180, with the pole as its south
   * corner; base cell 4 is the equatorial one centred on (0, 0). Morton indices of base cells 0, 4
   * and 9: 1, 5 and -4.
   */
  private static final String TABLE =
      String.join(
          "\n",
          "lat,lon,\"h\",q",
          "5,45,1.5,0", // cell 1, child 0 (near the south corner)
          "6,44,2.5,0", // cell 1, child 0
          "80,45,3.5,0", // cell 1, child 3 (near the pole)
          "41.5,85,4.5,0", // cell 1, child 1 (near the east corner)
          "41.5,5,5.5,0", // cell 1, child 2 (near the west corner)
          "-80,135,\"6.5\",0", // cell -4, child 0 (near the south pole)
          "30,0,7.5,0", // cell 5: not selected
          "5,45,,0", // no h: fill
          "5,45,NaN,0", // h NaN: fill
          "5,45,8.5,1", // quality flag 1
          "91,45,9.5,0", // latitude 91: invalid
          "88,45,11.5,0", // outside the bounds (latitude up to 85)
          "");

  private static PointSource csv() {
    return new PointSource(
        PointSource.Reader.CSV,
        List.of(),
        "lat",
        "lon",
        Map.of("h", "h"),
        new PointSource.QualityFilter("q", 0));
  }

  @Test
  void csvTableGivesTheHandComputedCellsAndBrokenRowsAndTablesGoToTheDeadLetter(@TempDir Path dir)
      throws IOException {
    Path table = Files.writeString(dir.resolve("points.csv"), TABLE, StandardCharsets.UTF_8);
    Path broken =
        Files.writeString(
            dir.resolve("broken.csv"), "lat,lon,h,q\n5,45,1,0\n6,44\n", StandardCharsets.UTF_8);
    Path missing = dir.resolve("missing.csv");
    List<Long> selected = List.of(1L, -4L);

    TestPipeline p = TestPipelines.create();
    PCollectionTuple out =
        p.apply(
                Create.of(
                        List.of(table, broken, missing).stream()
                            .map(f -> new GranuleAssignment(f.toString(), selected))
                            .toList())
                    .withCoder(GranuleAssignment.coder()))
            .apply(
                GranulePointsIO.readAll()
                    .withDataSource(csv())
                    .withVariables(List.of("h"))
                    .withOrders(0, 1)
                    .withBounds(new SpatialBounds(-180, -85, 180, 85)));
    Expected expected = new Expected();
    expected.keep(1, 0, "table", 1.5);
    expected.keep(1, 0, "table", 2.5);
    expected.keep(1, 3, "table", 3.5);
    expected.keep(1, 1, "table", 4.5);
    expected.keep(1, 2, "table", 5.5);
    expected.keep(-4, 0, "table", 6.5);
    // the broken table's good row (line 2) is kept; its malformed line 3 is counted
    expected.keep(1, 0, "broken", 1.0);
    expected.filtered.put(FilterReason.MALFORMED_ROW, 1L);
    expected.filtered.put(FilterReason.OUTSIDE_SELECTION, 1L);
    expected.filtered.put(FilterReason.FILL_VALUE, 2L);
    expected.filtered.put(FilterReason.QUALITY, 1L);
    expected.filtered.put(FilterReason.INVALID_COORDINATE, 1L);
    expected.filtered.put(FilterReason.OUTSIDE_BOUNDS, 1L);
    assertPoints(out.get(GranulePointsIO.POINTS), expected);
    PCollection<Failure> failures = out.get(GranulePointsIO.FAILURES);
    PAssert.that(subjects(failures))
        .containsInAnyOrder("row " + broken + ":3", "granule " + missing);
    String brokenName = broken.toString();
    String missingName = missing.toString();
    PAssert.that(failures)
        .satisfies(
            fs -> {
              for (Failure f : fs) {
                if (f.subject().equals(brokenName + ":3")) {
                  assertEquals(
                      "point table "
                          + brokenName
                          + " line 3 has 2 fields, expected 4 (as in the header)",
                      f.reason());
                } else {
                  assertEquals("point table " + missingName + " does not exist", f.reason());
                }
              }
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertCounters(result, expected, 12 + 2);
    Map<String, Long> c = TestPipelines.counters(result, RunCounters.NAMESPACE);
    assertEquals(2L, c.get(RunCounters.GRANULES_READ), c.toString());
    assertEquals(1L, c.get(RunCounters.GRANULES_FAILED), c.toString());
  }
}
