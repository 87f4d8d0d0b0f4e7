package org.magg.io.gridded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3Settings;
import org.magg.io.zarr.ZarrFormat;
import org.magg.testing.S3TestServer;

/**
 * The same fixtures read from S3 (S3Mock on 127.0.0.1) and locally must give the same fields:
 * NetCDF-4 and NetCDF-3 through ranged reads, a Zarr store under a prefix, and a collection matched
 * by an {@code s3://} glob.
 */
class GriddedS3Test {
  private static S3Settings settings;
  private static String base;
  private static Path zarr;

  @BeforeAll
  static void upload(@TempDir Path dir) throws Exception {
    S3TestServer server = S3TestServer.get();
    settings = server.settings();
    S3Objects s3 = S3Objects.of(settings);
    base = "s3://" + S3TestServer.BUCKET + "/gridded/" + UUID.randomUUID() + "/";
    for (String f :
        List.of(
            "transposed.nc4", "packed_lev.nc", "coll/day1.nc", "coll/day2.nc", "coll/day3.nc")) {
      s3.write(S3Location.parse(base + f), Files.readAllBytes(GriddedSourceTest.resource(f)));
    }
    zarr = dir.resolve("tas.zarr");
    GriddedSourceTest.writeZarr(zarr, ZarrFormat.V3, Map.of("units", "hours since 2021-01-10"));
    try (Stream<Path> files = Files.walk(zarr)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String key = zarr.relativize(f).toString().replace('\\', '/');
        s3.write(S3Location.parse(base + "tas.zarr/" + key), Files.readAllBytes(f));
      }
    }
  }

  private static void sameAsLocal(String s3Location, String local, String variable)
      throws Exception {
    try (GriddedSource remote = GriddedSources.open(s3Location, settings);
        GriddedSource here = GriddedSources.open(local, null)) {
      assertEquals(here.variables(), remote.variables());
      assertArrayEquals(here.times(), remote.times());
      assertArrayEquals(here.lat(), remote.lat());
      assertArrayEquals(here.lon(), remote.lon());
      for (int t = 0; t < here.times().length; t++) {
        assertEquals(here.read(variable, t), remote.read(variable, t), variable + " at " + t);
      }
      assertTrue(remote.bytesRead() > 0);
    }
  }

  @Test
  void netcdf4AndNetcdf3AndZarrOnS3ReadAsLocally() throws Exception {
    sameAsLocal(
        base + "transposed.nc4",
        GriddedSourceTest.resource("transposed.nc4").toString(),
        "Grid/precip");
    sameAsLocal(
        base + "packed_lev.nc", GriddedSourceTest.resource("packed_lev.nc").toString(), "t");
    sameAsLocal(base + "tas.zarr", zarr.toString(), "tas");
    assertThrows(
        NoSuchFileException.class, () -> GriddedSources.open(base + "absent.nc4", settings));
  }

  static final class Times extends DoFn<FieldSlice, String> {
    @ProcessElement
    public void process(@Element FieldSlice f, OutputReceiver<String> out) {
      out.output(f.time() + " " + f.variable("T").values()[0]);
    }
  }

  @Test
  void collectionMatchedByAnS3Glob() {
    GriddedCollection c =
        GriddedCollection.builder("s3coll")
            .withPattern(base + "coll/day?.nc")
            .withVariables("T")
            .withTimeShift(java.time.Duration.ofMinutes(-30))
            .build();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    GriddedFieldIO.Result r =
        p.apply(
            GriddedFieldIO.read(c)
                .withS3(settings)
                .withTimeRange(null, Instant.parse("2021-01-02T01:00:00Z")));
    PAssert.that(r.slices().apply(ParDo.of(new Times())))
        .containsInAnyOrder(
            "2021-01-01T00:00:00Z 1000.0",
            "2021-01-01T01:00:00Z 1010.0",
            "2021-01-01T02:00:00Z 1020.0",
            "2021-01-01T03:00:00Z 1030.0",
            "2021-01-02T00:00:00Z 2000.0",
            "2021-01-02T01:00:00Z 2010.0");
    PAssert.that(r.failures().apply(Count.globally())).containsInAnyOrder(0L);
    p.run().waitUntilFinish();
  }
}
