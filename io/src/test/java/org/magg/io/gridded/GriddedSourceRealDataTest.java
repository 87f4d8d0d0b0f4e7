package org.magg.io.gridded;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magg.testing.SharedData;

/**
 * Reads the real MERRA-2 and GPM IMERG samples and compares with what h5py reads (real_expected.py
 * / real_expected.json): decoded times, axes, values at chosen cells and the sum and count of valid
 * values of every timestep.
 */
class GriddedSourceRealDataTest {
  private static JsonNode expected;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        GriddedSourceRealDataTest.class.getResourceAsStream("real_expected.json")) {
      expected = new ObjectMapper().readTree(in);
    }
  }

  private static void check(GriddedSource src, JsonNode exp) throws IOException {
    String variable = exp.get("variable").asText();
    Instant[] times = src.times();
    assertEquals(exp.get("times").size(), times.length);
    for (int t = 0; t < times.length; t++) {
      assertEquals(Instant.parse(exp.get("times").get(t).asText()), times[t]);
    }
    double[] lat = src.lat();
    double[] lon = src.lon();
    assertEquals(exp.get("n_lat").asInt(), lat.length);
    assertEquals(exp.get("n_lon").asInt(), lon.length);
    for (int i = 0; i < 3; i++) {
      assertEquals(exp.get("lat_first").get(i).asDouble(), lat[i], 0.0);
      assertEquals(exp.get("lon_first").get(i).asDouble(), lon[i], 0.0);
    }
    assertEquals(exp.get("lat_last").asDouble(), lat[lat.length - 1], 0.0);
    assertEquals(exp.get("lon_last").asDouble(), lon[lon.length - 1], 0.0);
    GridSlice[] slices = new GridSlice[times.length];
    for (int t = 0; t < times.length; t++) {
      slices[t] = src.read(variable, t);
      assertEquals(1, slices[t].levels());
      double sum = 0;
      int valid = 0;
      for (double v : slices[t].values()) {
        if (!Double.isNaN(v)) {
          sum += v;
          valid++;
        }
      }
      JsonNode per = exp.get("per_time").get(t);
      assertEquals(per.get("valid").asInt(), valid, "valid values at " + t);
      assertEquals(per.get("sum").asDouble(), sum, Math.abs(sum) * 1e-12, "sum at " + t);
    }
    for (JsonNode c : exp.get("cells")) {
      int t = c.get("t").asInt();
      int i = c.get("i").asInt();
      int j = c.get("j").asInt();
      assertEquals(
          c.get("value").asDouble(),
          slices[t].values()[i * lon.length + j],
          0.0,
          variable + "[" + t + ", lat " + i + ", lon " + j + "]");
    }
  }

  @Test
  void merra2SubsetMatchesH5py() throws IOException {
    JsonNode exp = expected.get("merra2_geo");
    Path file = SharedData.require(exp.get("file").asText());
    try (GriddedSource src = GriddedSources.open(file.toString(), null)) {
      check(src, exp);
      assertEquals(java.util.List.of("PS"), src.variables());
      assertEquals(0, src.levels().length);
    }
  }

  @Test
  void merra2FullGridMatchesH5pyAndReadsOnlyWhatItNeeds() throws IOException {
    JsonNode exp = expected.get("merra2_full");
    Path file = SharedData.require(exp.get("file").asText());
    try (GriddedSource src = GriddedSources.open(file.toString(), null)) {
      check(src, exp);
      // both timesteps of PS are in one compressed chunk, read once for both: at most the file
      assertTrue(src.bytesRead() > 0 && src.bytesRead() <= Files.size(file), "" + src.bytesRead());
    }
  }

  @Test
  void gpmPrecipitationIsTransposedToLatLon() throws IOException {
    JsonNode exp = expected.get("gpm");
    Path file = SharedData.require(exp.get("file").asText());
    // GPM IMERG V06 declares calendar "julian" for UTC seconds: refused unless overridden
    try (GriddedSource src = GriddedSources.open(file.toString(), null)) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, src::times);
      assertThat(
          e.getMessage(), allOf(containsString(file.toString()), containsString("'julian'")));
      assertThat(src.variables(), hasItems("Grid/precipitationCal"));
    }
    try (GriddedSource src =
        GriddedSources.open(
            file.toString(), null, SourceOptions.defaults().withCalendar("standard"))) {
      check(src, exp);
    }
  }

  /** The sum of the valid values of PS, by shifted time. */
  static final class SumPs extends org.apache.beam.sdk.transforms.DoFn<FieldSlice, String> {
    @ProcessElement
    public void process(@Element FieldSlice f, OutputReceiver<String> out) {
      double sum = 0;
      for (double v : f.variable("PS").values()) {
        sum += Double.isNaN(v) ? 0 : v;
      }
      out.output(f.time() + " " + sum);
    }
  }

  @Test
  void merra2HalfHourStampsShiftedToWholeHoursInThePipeline() throws IOException {
    JsonNode exp = expected.get("merra2_geo");
    Path file = SharedData.require(exp.get("file").asText());
    GriddedCollection c =
        GriddedCollection.builder("M2T1NXSLV")
            .withPattern(file.toString())
            .withVariables("PS")
            .withTimeShift(java.time.Duration.ofMinutes(-30))
            .build();
    org.apache.beam.sdk.Pipeline p =
        org.apache.beam.sdk.Pipeline.create(
            org.apache.beam.sdk.options.PipelineOptionsFactory.fromArgs("--runner=DirectRunner")
                .create());
    GriddedFieldIO.Result r = p.apply(GriddedFieldIO.read(c));
    java.util.List<String> want = new java.util.ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Instant shifted = Instant.parse(exp.get("times").get(t).asText()).minusSeconds(1800);
      want.add(shifted + " " + exp.get("per_time").get(t).get("sum").asDouble());
    }
    // 01:30 and 02:30 in the file (h5py) become 01:00 and 02:00
    assertEquals("2021-01-10T01:00:00Z", want.get(0).split(" ")[0]);
    org.apache.beam.sdk.testing.PAssert.that(
            r.slices().apply(org.apache.beam.sdk.transforms.ParDo.of(new SumPs())))
        .containsInAnyOrder(want);
    org.apache.beam.sdk.testing.PAssert.that(r.failures()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void zarrFixtureStoresAreRecognisedAndArraysWithoutDimensionNamesRefused() throws IOException {
    for (String store : new String[] {"data/zarr/v2/data.zarr", "data/zarr/v3/data.zarr"}) {
      Path path = SharedData.require(store);
      try (GriddedSource src = GriddedSources.open(path.toString(), null)) {
        assertThat(src.variables(), hasItems("3d.chunked.i2", "2d.chunked.i2", "1d.contiguous.f8"));
        IOException e = assertThrows(IOException.class, () -> src.readStatic("3d.chunked.i2"));
        assertThat(
            e.getMessage(),
            allOf(containsString("'3d.chunked.i2'"), containsString("dimension names")));
        UncheckedIOException noLat = assertThrows(UncheckedIOException.class, src::lat);
        assertThat(noLat.getMessage(), containsString("no latitude variable 'lat'"));
        assertEquals(0, src.times().length);
      }
    }
  }
}
