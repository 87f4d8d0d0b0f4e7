package org.magg.io.gridded;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Failure;
import org.magg.io.zarr.ZarrFormat;

/**
 * The Beam transform on small collections whose values follow formulas (make_fixtures.py): three
 * daily NetCDF-3 files with four half-hour-stamped timesteps each, a file without one of the
 * variables and a truncated file.
 */
class GriddedFieldIOTest {

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  /** T at day d, hour h (time index) and cell c = 3 * lat index + lon index. */
  private static double t(int d, int h, int c) {
    return 1000 * d + 10 * h + c;
  }

  /** "time ts T... Q... bytes" for a slice, with its element timestamp. */
  static final class Describe extends DoFn<FieldSlice, String> {
    @ProcessElement
    public void process(ProcessContext c) {
      FieldSlice f = c.element();
      StringBuilder s = new StringBuilder(f.time() + " ts=" + c.timestamp());
      for (Map.Entry<String, GridSlice> e : f.variables().entrySet()) {
        s.append(' ').append(e.getKey()).append('=');
        for (double v : e.getValue().values()) {
          s.append(v).append(',');
        }
      }
      s.append(" bytes=")
          .append(f.bytesRead())
          .append(" from=")
          .append(f.source().substring(f.source().lastIndexOf('/') + 1));
      c.output(s.toString());
    }
  }

  static final class FailureText extends DoFn<Failure, String> {
    @ProcessElement
    public void process(@Element Failure f, OutputReceiver<String> out) {
      out.output(f.stage() + "|" + f.subject() + "|" + f.reason());
    }
  }

  static final class TasText extends DoFn<FieldSlice, String> {
    @ProcessElement
    public void process(@Element FieldSlice f, OutputReceiver<String> out) {
      double[] v = f.variable("tas").values();
      out.output(f.time() + " " + v[0] + " " + v[7]);
    }
  }

  static final class LastT extends DoFn<FieldSlice, String> {
    @ProcessElement
    public void process(@Element FieldSlice f, OutputReceiver<String> out) {
      out.output(f.time() + " " + f.variable("T").values()[5]);
    }
  }

  private static String expected(int d, int h) {
    Instant time = Instant.parse("2021-01-0" + d + "T00:00:00Z").plus(Duration.ofHours(h));
    StringBuilder s =
        new StringBuilder(time + " ts=" + org.joda.time.Instant.ofEpochMilli(time.toEpochMilli()));
    s.append(" T=");
    for (int c = 0; c < 6; c++) {
      s.append((double) (float) t(d, h, c)).append(',');
    }
    s.append(" Q=");
    for (int c = 0; c < 6; c++) {
      s.append(-t(d, h, c) / 4).append(',');
    }
    // one record of T (6 floats) and of Q (6 doubles)
    s.append(" bytes=72 from=day").append(d).append(".nc#time=").append(h);
    return s.toString();
  }

  private static Path collectionDir(Path dir) throws Exception {
    Path files = Files.createDirectory(dir.resolve("files"));
    for (int d = 1; d <= 3; d++) {
      Files.copy(
          GriddedSourceTest.resource("coll/day" + d + ".nc"), files.resolve("day" + d + ".nc"));
    }
    Files.copy(GriddedSourceTest.resource("coll_extra/novar.nc"), files.resolve("day4.nc"));
    byte[] day1 = Files.readAllBytes(files.resolve("day1.nc"));
    Files.write(files.resolve("day9.nc"), java.util.Arrays.copyOf(day1, 40));
    return files;
  }

  private static long counter(PipelineResult r, String collection, String name) {
    long sum = 0;
    for (MetricResult<Long> m :
        r.metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(
                        MetricNameFilter.named(GriddedFieldIO.metricsNamespace(collection), name))
                    .build())
            .getCounters()) {
      sum += m.getAttempted();
    }
    return sum;
  }

  @Test
  void collectionWithShiftRangeAndSplitsReadsEachTimestepOnceAndReportsBrokenFiles(
      @TempDir Path dir) throws Exception {
    Path files = collectionDir(dir);
    GriddedCollection c =
        GriddedCollection.builder("slv")
            .withPattern(files.resolve("*.nc").toString())
            .withVariables("T", "Q")
            .withTimeShift(Duration.ofMinutes(-30))
            .build();
    Pipeline p = pipeline();
    GriddedFieldIO.Result r =
        p.apply(
            GriddedFieldIO.read(c)
                .withTimeRange(
                    Instant.parse("2021-01-01T02:00:00Z"), Instant.parse("2021-01-03T01:00:00Z"))
                .withTimestepsPerSplit(3));
    List<String> expected = new ArrayList<>();
    for (int h = 2; h < 4; h++) {
      expected.add(expected(1, h));
    }
    for (int h = 0; h < 4; h++) {
      expected.add(expected(2, h));
    }
    for (int h = 0; h < 2; h++) {
      expected.add(expected(3, h));
    }
    PAssert.that(r.slices().apply(ParDo.of(new Describe()))).containsInAnyOrder(expected);
    PCollection<String> failures = r.failures().apply(ParDo.of(new FailureText()));
    String day4 = files.resolve("day4.nc").toString();
    String day9 = files.resolve("day9.nc").toString();
    PAssert.that(failures)
        .satisfies(
            it -> {
              List<String> all = new ArrayList<>();
              it.forEach(all::add);
              assertEquals(2, all.size(), all.toString());
              all.sort(null);
              assertThat(all.get(0), containsString("field|" + day4 + "|" + day4));
              assertThat(all.get(0), containsString("no variable 'Q'"));
              assertThat(all.get(1), containsString("field|" + day9 + "|" + day9));
              assertThat(all.get(1), containsString("truncated"));
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(5, counter(result, "slv", GriddedFieldIO.FILES_MATCHED));
    assertEquals(2, counter(result, "slv", GriddedFieldIO.FILES_FAILED));
    assertEquals(0, counter(result, "slv", GriddedFieldIO.SPLITS_FAILED));
    assertEquals(8, counter(result, "slv", GriddedFieldIO.TIMESTEPS_READ));
    assertEquals(8 * 72, counter(result, "slv", GriddedFieldIO.BYTES_READ));
  }

  /** The slice's time and its T at cell 5; fails on 2021-01-02T01:00Z (a refused timestep). */
  static final class TimeAndT implements SliceFn<String> {
    @Override
    public String apply(FieldSlice f) {
      if (f.time().equals(Instant.parse("2021-01-02T01:00:00Z"))) {
        throw new IllegalArgumentException("refused here");
      }
      return f.time() + " " + f.variable("T").values()[5];
    }
  }

  @Test
  void thenApplyEmitsWhatTheFunctionMakesOfEachTimestepAndReportsItsFailures(@TempDir Path dir)
      throws Exception {
    Path files = collectionDir(dir);
    GriddedCollection c =
        GriddedCollection.builder("slv")
            .withPattern(files.resolve("day[123].nc").toString())
            .withVariables("T", "Q")
            .withTimeShift(Duration.ofMinutes(-30))
            .build();
    for (Integer groups : new Integer[] {null, 1, 2}) {
      Pipeline p = pipeline();
      GriddedFieldIO.Read read = GriddedFieldIO.read(c).withTimestepsPerSplit(1);
      if (groups != null) {
        read = read.withReadGroups(groups);
      }
      GriddedFieldIO.Applied<String> r =
          p.apply(read.thenApply(new TimeAndT(), StringUtf8Coder.of()));
      List<String> expected = new ArrayList<>();
      for (int d = 1; d <= 3; d++) {
        for (int h = 0; h < 4; h++) {
          if (d != 2 || h != 1) {
            Instant t = Instant.parse("2021-01-0" + d + "T00:00:00Z").plus(Duration.ofHours(h));
            expected.add(t + " " + (double) (float) t(d, h, 5));
          }
        }
      }
      PAssert.that(r.outputs()).containsInAnyOrder(expected);
      String day2 = files.resolve("day2.nc").toString();
      PAssert.that(r.failures().apply(ParDo.of(new FailureText())))
          .containsInAnyOrder(
              "timestep|" + day2 + "#time=1|slv at 2021-01-02T01:00:00Z: refused here");
      PipelineResult result = p.run();
      result.waitUntilFinish();
      // the refused timestep was read: it counts
      assertEquals(12, counter(result, "slv", GriddedFieldIO.TIMESTEPS_READ), "groups " + groups);
    }
    assertThrows(IllegalArgumentException.class, () -> GriddedFieldIO.read(c).withReadGroups(0));
  }

  @Test
  void aPatternThatMatchesNoFileIsAFailureNamingTheCollectionAndThePattern(@TempDir Path dir)
      throws Exception {
    Path day2 = GriddedSourceTest.resource("coll/day2.nc");
    Path files = Files.createDirectory(dir.resolve("files"));
    Files.copy(day2, files.resolve("day2.nc"));
    String none = dir.resolve("elsewhere/*.nc4").toString();
    String gone = files.resolve("day7.nc").toString();
    GriddedCollection c =
        GriddedCollection.builder("T2M_TQV_SLP")
            .withPattern(files.resolve("*.nc").toString())
            .withPattern(none)
            .withPattern(gone)
            .withVariables("T")
            .build();
    Pipeline p = pipeline();
    GriddedFieldIO.Result r = p.apply(GriddedFieldIO.read(c));
    // the pattern that matches still reads its file: 4 timesteps
    PAssert.that(r.slices().apply(ParDo.of(new LastT())))
        .satisfies(
            it -> {
              int n = 0;
              for (String s : it) {
                n++;
              }
              assertEquals(4, n);
              return null;
            });
    PAssert.that(r.failures().apply("Text", ParDo.of(new FailureText())))
        .containsInAnyOrder(
            "field|" + none + "|collection T2M_TQV_SLP: no file matches " + none,
            "field|" + gone + "|collection T2M_TQV_SLP: no file matches " + gone);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "T2M_TQV_SLP", GriddedFieldIO.FILES_MATCHED));
  }

  @Test
  void readFilesOfNoPathReportsNothing() {
    // a watcher's patterns match nothing until files arrive: readFiles has nothing to report
    GriddedCollection c =
        GriddedCollection.builder("slv").withPattern("/nowhere/*.nc").withVariables("T").build();
    Pipeline p = pipeline();
    GriddedFieldIO.Result r =
        p.apply(Create.empty(org.apache.beam.sdk.coders.StringUtf8Coder.of()))
            .apply(GriddedFieldIO.readFiles(c));
    PAssert.that(r.failures()).empty();
    PAssert.that(r.slices()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void splitsCoverTheRangeInRunsOfAtMostN() {
    GriddedCollection c =
        GriddedCollection.builder("c").withPattern("x").withVariables("v").build();
    Instant t0 = Instant.parse("2021-01-01T00:00:00Z");
    Instant[] times = new Instant[10];
    for (int i = 0; i < 10; i++) {
      times[i] = t0.plus(Duration.ofHours(i));
    }
    times[6] = t0.plus(Duration.ofDays(3)); // outside: breaks the run
    GriddedFieldFns.SplitFileFn fn =
        new GriddedFieldFns.SplitFileFn(
            c, TimeRanges.of(t0.plus(Duration.ofHours(1)), t0.plus(Duration.ofHours(9))), 3, null);
    assertEquals(
        List.of(new FileSplit("f", 1, 4), new FileSplit("f", 4, 6), new FileSplit("f", 7, 10)),
        fn.splits("f", times));
  }

  @Test
  void zarrStoresListedInAnIndexFile(@TempDir Path dir) throws Exception {
    Path v2 = dir.resolve("stores/a.zarr");
    Path v3 = dir.resolve("stores/b.zarr");
    Files.createDirectories(v2.getParent());
    GriddedSourceTest.writeZarr(v2, ZarrFormat.V2, Map.of("units", "hours since 2021-01-10"));
    GriddedSourceTest.writeZarr(v3, ZarrFormat.V3, Map.of("units", "hours since 2021-01-11"));
    Path index = dir.resolve("index.txt");
    Files.writeString(index, "# stores\nstores/a.zarr\n\n" + v3 + "\n");
    GriddedCollection c =
        GriddedCollection.builder("tas")
            .withIndexFile(index.toString())
            .withVariables("tas")
            .build();
    Pipeline p = pipeline();
    GriddedFieldIO.Result r = p.apply(GriddedFieldIO.read(c));
    PAssert.that(r.slices().apply(ParDo.of(new TasText())))
        .containsInAnyOrder(
            // tas = (100 t + 10 y + x) * 0.5 + 250; (1, 1, 3) is the fill value
            "2021-01-10T00:00:00Z 250.0 256.5",
            "2021-01-10T01:00:00Z 300.0 NaN",
            "2021-01-10T02:00:00Z 350.0 356.5",
            "2021-01-11T00:00:00Z 250.0 256.5",
            "2021-01-11T01:00:00Z 300.0 NaN",
            "2021-01-11T02:00:00Z 350.0 356.5");
    PAssert.that(r.failures()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void aCorruptChunkFailsItsTimestepsOnlyAndAStoreMayBeNamedByItsDirectory(@TempDir Path dir)
      throws Exception {
    Path store = dir.resolve("a.zarr");
    GriddedSourceTest.writeZarr(store, ZarrFormat.V2, Map.of("units", "hours since 2021-01-10"));
    // timestep 1 is in chunks tas/1.0.0 and tas/1.0.1 (chunk shape 1 x 2 x 2): cut one short
    byte[] chunk = Files.readAllBytes(store.resolve("tas/1.0.1"));
    Files.write(store.resolve("tas/1.0.1"), java.util.Arrays.copyOf(chunk, chunk.length / 2));
    GriddedCollection c =
        GriddedCollection.builder("tas").withPattern(store.toString()).withVariables("tas").build();
    Pipeline p = pipeline();
    GriddedFieldIO.Result r = p.apply(GriddedFieldIO.read(c));
    // the timestep after the bad one is still read
    PAssert.that(r.slices().apply(ParDo.of(new TasText())))
        .containsInAnyOrder("2021-01-10T00:00:00Z 250.0 256.5", "2021-01-10T02:00:00Z 350.0 356.5");
    String subject = "field|" + store + "#time=1|";
    PAssert.that(r.failures().apply(ParDo.of(new FailureText())))
        .satisfies(
            failures -> {
              List<String> all = new ArrayList<>();
              failures.forEach(all::add);
              assertEquals(1, all.size(), all.toString());
              assertThat(all.get(0), containsString(subject));
              assertThat(all.get(0), containsString("tas/1.0.1"));
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, "tas", GriddedFieldIO.SPLITS_FAILED));
    assertEquals(2, counter(result, "tas", GriddedFieldIO.TIMESTEPS_READ));
  }

  @Test
  void readFilesTakesPaths() throws Exception {
    Path day2 = GriddedSourceTest.resource("coll/day2.nc");
    GriddedCollection c =
        GriddedCollection.builder("slv")
            .withPattern("unused")
            .withVariables("T")
            .withTimeShift(Duration.ofMinutes(-30))
            .build();
    Pipeline p = pipeline();
    GriddedFieldIO.Result r =
        p.apply(Create.of(day2.toString()))
            .apply(
                GriddedFieldIO.readFiles(c)
                    .withTimeRange(Instant.parse("2021-01-02T03:00:00Z"), null)
                    .withTimestepsPerSplit(1));
    PAssert.that(r.slices().apply(ParDo.of(new LastT())))
        .containsInAnyOrder("2021-01-02T03:00:00Z " + t(2, 3, 5));
    p.run().waitUntilFinish();
  }

  @Test
  void buildersSayWhatIsMissing() {
    IllegalStateException noFiles =
        assertThrows(
            IllegalStateException.class,
            () -> GriddedCollection.builder("c").withVariables("v").build());
    assertThat(noFiles.getMessage(), containsString("withPattern"));
    IllegalStateException noVars =
        assertThrows(
            IllegalStateException.class,
            () -> GriddedCollection.builder("c").withPattern("x").build());
    assertThat(noVars.getMessage(), containsString("withVariables"));
    GriddedCollection c =
        GriddedCollection.builder("c").withPattern("x").withVariables("v").build();
    assertThrows(
        IllegalArgumentException.class, () -> GriddedFieldIO.read(c).withTimestepsPerSplit(0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GriddedFieldIO.read(c)
                .withTimeRange(
                    Instant.parse("2021-01-02T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")));
    assertThrows(IllegalArgumentException.class, () -> c.toBuilder().withVariables("v"));
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  void s3GlobsBecomeRegexes() throws IOException {
    assertEquals(4, org.magg.io.storage.Globs.firstWildcard("abc/*.nc4"));
    assertEquals(-1, org.magg.io.storage.Globs.firstWildcard("abc/d.nc4"));
    java.util.regex.Pattern p =
        java.util.regex.Pattern.compile(org.magg.io.storage.Globs.toRegex("M2/2021/0?/*.{nc4,h5}"));
    assertEquals(true, p.matcher("M2/2021/01/MERRA2.20210110.nc4").matches());
    assertEquals(false, p.matcher("M2/2021/01/sub/MERRA2.20210110.nc4").matches());
    assertEquals(false, p.matcher("M2/2021/01/MERRA2.txt").matches());
    assertEquals(
        true,
        java.util.regex.Pattern.compile(org.magg.io.storage.Globs.toRegex("M2/**.nc4"))
            .matcher("M2/2021/01/a.nc4")
            .matches());
    assertEquals(
        "s3://bkt/dir/x.nc4",
        GriddedFieldFns.ReadIndexFn.resolve("s3://bkt/dir/index.txt", "x.nc4"));
  }
}
