package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.magg.core.Failure;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.FileSystemZarrStore;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.testing.SharedData;

/**
 * Catalogs whose masks are real files: NetCDF-3 written by ncgen from the committed CDL (values by
 * hand in the CDL) and Zarr stores written by our writer, read through the gridded reader.
 */
class EventCatalogFilesTest {
  private static final FieldGrid GRID = FieldGrid.regular(-75, 0.5, 4, 0, 0.625, 5);

  @TempDir Path dir;

  private static Instant h(int hours) {
    return Instant.parse("2021-01-10T00:00:00Z").plusSeconds(3600L * hours);
  }

  private static Map<String, String> reasons(EventCatalog c) {
    return c.failures().stream().collect(Collectors.toMap(Failure::subject, Failure::reason));
  }

  @Test
  void jsonWithANetcdf3MaskArray() throws Exception {
    Path file = EventCatalogTest.resource("nc_masks.json");
    EventCatalog c = EventCatalog.load(file.toString(), null);
    assertThat(c.grid(), is(GRID));
    assertThat(c.events().stream().map(Event::id).toList(), contains("ar-a", "ar-b", "ar-cells"));

    // ar_mask (byte, _FillValue -1): steps 0 h and 3 h are inside [00, 05]; the fill is outside
    EventMask a = c.event("ar-a").orElseThrow().mask();
    assertArrayEquals(new Instant[] {h(0), h(3)}, a.times());
    assertArrayEquals(new int[] {2, 3, 6, 7}, a.cellsAt(h(0)));
    assertArrayEquals(new int[] {2, 3, 6, 7}, a.cellsAt(h(2)));
    assertArrayEquals(new int[] {7, 8, 9, 12, 13}, a.cellsAt(h(3)));
    assertArrayEquals(new int[] {7, 8, 9, 12, 13}, a.cellsAt(h(5)));
    assertThat(a.cellsAt(h(6)), nullValue());
    assertThat(a.weighted(), is(false));

    // ar_frac (float, fractions kept as weights; fill and NaN outside): steps 3 h and 6 h
    EventMask b = c.event("ar-b").orElseThrow().mask();
    assertArrayEquals(new Instant[] {h(3), h(6)}, b.times());
    assertArrayEquals(new int[] {6, 7, 11}, b.cellsAt(h(4)));
    assertArrayEquals(new double[] {0.25, 1, 0.5}, b.weightsAt(h(4)));
    assertArrayEquals(new int[] {12, 13}, b.cellsAt(h(8)));
    assertArrayEquals(new double[] {0.75, 1}, b.weightsAt(h(8)));
    assertThat(b.cellsAt(h(2)), nullValue());

    assertArrayEquals(new int[] {0, 19}, c.event("ar-cells").orElseThrow().mask().cellsAt(h(1)));

    Map<String, String> r = reasons(c);
    assertThat(r.size(), is(3));
    // a catalog travels to workers as a whole, failures included
    EventCatalog copy = SerializableUtils.clone(c);
    assertThat(copy.events(), is(c.events()));
    assertThat(copy.failures(), is(c.failures()));
    assertThat(
        r.get("ar-missing"), containsString("events[2].mask: mask file 'no_such_mask.nc' ("));
    assertThat(r.get("ar-missing"), containsString("cannot be read: does not exist"));
    assertThat(
        r.get("ar-novar"),
        containsString("events[3].mask: mask file 'ar_mask.nc' variable 'ivt' time step 0"));
    assertThat(r.get("ar-novar"), containsString("has no variable 'ivt'"));
    assertThat(
        r.get("ar-grid"),
        containsString(
            "events[4].mask: mask file 'other_grid.nc' variable 'ar_mask' is on another grid than"
                + " the catalog's 4 x 5 (lat -75.0..-73.5, lon 0.0..2.5): lon[1] = 0.5, expected"
                + " 0.625"));
  }

  @Test
  void gridFromAFile() throws Exception {
    Path nc = EventCatalogTest.resource("ar_mask.nc");
    Path cat = dir.resolve("grid_file.json");
    Files.writeString(
        cat,
        "{\"grid\": {\"file\": \""
            + nc
            + "\"}, \"events\": [{\"id\": \"e\", \"start\": \"2021-01-10T00:00:00Z\","
            + " \"end\": \"2021-01-10T00:00:00Z\", \"masks\": {\"2021-01-10T00:00:00Z\": [4]}}]}");
    EventCatalog c = EventCatalog.load(cat.toString(), null);
    assertThat(c.grid(), is(GRID));
    assertThat(c.events().size(), is(1));
  }

  /** A Zarr store with lat, lon, time (hours since 2021-01-10) and a (time, lat, lon) mask. */
  static void writeZarrMask(Path root, ZarrFormat format) throws IOException {
    ZarrStore store = new FileSystemZarrStore(root);
    ZarrGroup g = ZarrGroup.create(store, "", format, Map.of());
    axis(g, format, "lat", new double[] {-75, -74.5, -74, -73.5}, Map.of("units", "degrees_north"));
    axis(
        g,
        format,
        "lon",
        new double[] {0, 0.625, 1.25, 1.875, 2.5},
        Map.of("units", "degrees_east"));
    axis(
        g,
        format,
        "time",
        new double[] {0, 3, 6, 9},
        Map.of("units", "hours since 2021-01-10 00:00:00"));
    ZarrArray mask =
        g.createArray(
            "storm",
            meta(format)
                .withShape(4, 4, 5)
                .withChunkShape(1, 4, 5)
                .withDataType(DataType.UINT8)
                .withFillValue(0L)
                .withDimensionNames("time", "lat", "lon")
                .build());
    // step t: the cells of row t (storm moving north), plus cell 0 at step 0
    for (int t = 0; t < 4; t++) {
      byte[] v = new byte[20];
      for (int j = 0; j < 5; j++) {
        v[t * 5 + j] = 1;
      }
      if (t == 0) {
        v[19] = 1;
      }
      mask.writeChunk(new long[] {t, 0, 0}, v);
    }
  }

  private static ArrayMetadata.Builder meta(ZarrFormat format) {
    return ArrayMetadata.builder().withFormat(format);
  }

  private static void axis(
      ZarrGroup g, ZarrFormat format, String name, double[] values, Map<String, ?> attrs)
      throws IOException {
    ZarrArray a =
        g.createArray(
            name,
            meta(format)
                .withShape(values.length)
                .withChunkShape(values.length)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .withDimensionNames(name)
                .withAttributes(attrs)
                .build());
    a.writeChunk(new long[] {0}, values);
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void csvWithAZarrMask(ZarrFormat format) throws Exception {
    writeZarrMask(dir.resolve("masks.zarr"), format);
    Path cat = dir.resolve("events.csv");
    Files.writeString(
        cat,
        "event_id,start,end,mask_file,mask_variable\n"
            + "s1,2021-01-10T00:00:00Z,2021-01-10T05:00:00Z,masks.zarr,storm\n"
            + "s2,2021-01-10T06:00:00Z,2021-01-10T11:00:00Z,masks.zarr,storm\n"
            + "s3,2021-01-10T05:00:00Z,2021-01-10T01:00:00Z,masks.zarr,storm\n"
            + "s4,2021-01-10T00:00:00Z,2021-01-10T05:00:00Z,nothing.zarr,storm\n");
    EventCatalog c = EventCatalog.load(cat.toString(), null);
    assertThat(c.grid(), is(GRID));
    assertThat(c.events().stream().map(Event::id).toList(), contains("s1", "s2"));
    EventMask s1 = c.event("s1").orElseThrow().mask();
    assertArrayEquals(new Instant[] {h(0), h(3)}, s1.times());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 19}, s1.cellsAt(h(1)));
    assertArrayEquals(new int[] {5, 6, 7, 8, 9}, s1.cellsAt(h(4)));
    EventMask s2 = c.event("s2").orElseThrow().mask();
    assertArrayEquals(new int[] {10, 11, 12, 13, 14}, s2.cellsAt(h(6)));
    assertArrayEquals(new int[] {15, 16, 17, 18, 19}, s2.cellsAt(h(11)));
    Map<String, String> r = reasons(c);
    assertThat(r.size(), is(2));
    assertThat(
        r.get("s3"),
        containsString(
            "events.csv, event 's3', line 4: end 2021-01-10T01:00:00Z is before start"
                + " 2021-01-10T05:00:00Z"));
    assertThat(r.get("s4"), containsString("line 5 mask_file: mask file 'nothing.zarr' ("));
  }

  @Test
  void merra2FileHasTheMerra2Grid() throws Exception {
    Path file = SharedData.require("data/merra2/M2T1NXSLV_temporal.nc4");
    FieldGrid merra2 = FieldGrid.regular(-90, 0.5, 361, -180, 0.625, 576);
    try (GridFiles.GridFile f = GriddedGridFiles.of(null).open(file.toString())) {
      FieldGrid g = f.grid();
      assertThat(g.mismatch(merra2), nullValue());
      assertThat(g.matches(merra2), is(true));
      // the file's axes carry rounding noise (ncdump -p 9,17 prints the same values), so the
      // grids match within the tolerance but are not equal
      assertThat(g.lat()[180], is(-1.7975103014118005e-13));
      assertThat(g.lon()[288], is(-5.9203043942940292e-13));
      assertThat(g.equals(merra2), is(false));
    }
  }
}
