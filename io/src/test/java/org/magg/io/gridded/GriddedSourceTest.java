package org.magg.io.gridded;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.Compressor;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;

/**
 * Reads small fixtures whose values follow formulas: NetCDF-3 and NetCDF-4 files written by ncgen
 * (see make_fixtures.py for the formulas), and Zarr v2/v3 stores written here with the project's
 * writer.
 */
class GriddedSourceTest {

  static Path resource(String name) {
    try {
      return Path.of(GriddedSourceTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------ NetCDF-3: packing, lev, record
  // vars

  @Test
  void netcdf3PackedFourDimensionalFieldIsUnpackedWithFillAsNaN() throws IOException {
    try (GriddedSource src = GriddedSources.open(resource("packed_lev.nc").toString(), null)) {
      assertArrayEquals(new double[] {1000, 850}, src.levels());
      assertArrayEquals(new double[] {-10, 0, 10}, src.lat());
      assertArrayEquals(new double[] {0, 90, 180, 270, 359.5}, src.lon());
      assertArrayEquals(
          new Instant[] {
            Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2000-01-01T06:00:00Z"),
            Instant.parse("2000-01-01T12:30:00Z")
          },
          src.times());
      for (int t = 0; t < 3; t++) {
        GridSlice g = src.read("t", t);
        assertEquals(2, g.levels());
        assertEquals(30, g.values().length);
        for (int k = 0; k < 2; k++) {
          for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
              double v = g.values()[(k * 3 + y) * 5 + x];
              boolean fill =
                  (t == 1 && k == 1 && y == 2 && x == 4) || (t == 2 && k == 0 && y == 0 && x == 0);
              double expected = fill ? Double.NaN : (1000 * t + 100 * k + 10 * y + x) * 0.5 + 200;
              assertEquals(expected, v, 0.0, "t[" + t + "," + k + "," + y + "," + x + "]");
            }
          }
        }
      }
    }
  }

  @Test
  void netcdf3MissingValueAndValidRangeBecomeNaN() throws IOException {
    try (GriddedSource src = GriddedSources.open(resource("packed_lev.nc").toString(), null)) {
      for (int t = 0; t < 3; t++) {
        GridSlice g = src.read("ps", t);
        assertEquals(1, g.levels());
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 5; x++) {
            boolean missing = (t == 0 && y == 1 && x == 1) || (t == 2 && y == 2 && x == 4);
            double expected = missing ? Double.NaN : (100 * t + 10 * y + x + 1) * 2.0 + 50000;
            assertEquals(expected, g.values()[y * 5 + x], 0.0, "ps[" + t + "," + y + "," + x + "]");
          }
        }
      }
    }
  }

  @Test
  void staticVariableAndVariablesList() throws IOException {
    try (GriddedSource src = GriddedSources.open(resource("packed_lev.nc").toString(), null)) {
      assertEquals(List.of("t", "ps", "mask"), src.variables());
      GridSlice mask = src.readStatic("mask");
      for (int c = 0; c < 15; c++) {
        assertEquals(c % 2, mask.values()[c], 0.0);
      }
      // a timed variable read whole: time becomes the levels of the slice
      GridSlice all = src.readStatic("ps");
      assertEquals(3, all.levels());
      assertEquals((100 * 2 + 10 * 0 + 3 + 1) * 2.0 + 50000, all.values()[2 * 15 + 3], 0.0);
      IOException e = assertThrows(IOException.class, () -> src.readStatic("t"));
      assertThat(e.getMessage(), allOf(containsString("packed_lev.nc"), containsString("'t'")));
      IOException noTime = assertThrows(IOException.class, () -> src.read("mask", 0));
      assertThat(noTime.getMessage(), containsString("expected a time dimension 'time'"));
      IOException missing = assertThrows(IOException.class, () -> src.read("T2M", 0));
      assertThat(
          missing.getMessage(),
          allOf(
              containsString("packed_lev.nc"),
              containsString("no variable 'T2M'"),
              containsString("t, ps, mask")));
      assertThrows(IndexOutOfBoundsException.class, () -> src.read("t", 3));
    }
  }

  @Test
  void bytesReadGrowWithReadsAndAreBoundedByTheFile() throws IOException {
    Path file = resource("packed_lev.nc");
    try (GriddedSource src = GriddedSources.open(file.toString(), null)) {
      src.times();
      src.lat();
      src.lon();
      long before = src.bytesRead();
      src.read("ps", 1);
      // one record of ps: 3 x 5 shorts
      assertEquals(30, src.bytesRead() - before);
      assertTrue(src.bytesRead() <= Files.size(file) + 64 * 1024);
    }
  }

  // ------------------------------------------------------------ NetCDF-4: groups, transposition

  @Test
  void netcdf4TimeLonLatIsTransposedToLatLon() throws IOException {
    try (GriddedSource src = GriddedSources.open(resource("transposed.nc4").toString(), null)) {
      assertEquals(List.of("Grid/precip", "Grid/w"), src.variables());
      assertArrayEquals(new double[] {30f, 30.1f, 30.2f}, src.lat());
      assertArrayEquals(new double[] {-30f, -29.9f, -29.8f, -29.7f, -29.6f}, src.lon());
      assertArrayEquals(new double[] {500, 250}, src.levels());
      assertArrayEquals(
          new Instant[] {
            Instant.parse("2020-01-01T12:00:00Z"), Instant.parse("2020-01-01T12:30:00Z")
          },
          src.times());
      for (int t = 0; t < 2; t++) {
        GridSlice g = src.read("Grid/precip", t);
        assertEquals(3, g.nLat());
        assertEquals(5, g.nLon());
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 5; x++) {
            boolean fill = (t == 0 && x == 4 && y == 2) || (t == 1 && x == 0 && y == 0);
            double expected = fill ? Double.NaN : t * 100 + x * 10 + y + 0.25;
            assertEquals(
                expected, g.values()[y * 5 + x], 0.0, "precip t=" + t + " y=" + y + " x=" + x);
          }
        }
      }
    }
  }

  @Test
  void netcdf4PackedWithLevels() throws IOException {
    try (GriddedSource src = GriddedSources.open(resource("transposed.nc4").toString(), null)) {
      GridSlice g = src.read("Grid/w", 1);
      assertEquals(2, g.levels());
      for (int k = 0; k < 2; k++) {
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 5; x++) {
            double expected =
                k == 1 && y == 1 && x == 1 ? Double.NaN : (1000 + 100 * k + 10 * y + x) * 0.01 - 1;
            assertEquals(expected, g.values()[(k * 3 + y) * 5 + x], 1e-12);
          }
        }
      }
    }
  }

  @Test
  void hdf5ChunksNeverWrittenReadAsTheFillValue() throws IOException {
    try (GriddedSource src = GriddedSources.open(resource("sparse.h5").toString(), null)) {
      assertEquals(List.of("v"), src.variables());
      assertEquals(Instant.parse("2021-01-01T03:00:00Z"), src.times()[3]);
      for (int t = 0; t < 4; t++) {
        GridSlice g = src.read("v", t);
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 5; x++) {
            double expected = t % 2 == 1 ? Double.NaN : 10 * t + y + 0.5 * x;
            assertEquals(expected, g.values()[y * 5 + x], 0.0, "v[" + t + "," + y + "," + x + "]");
          }
        }
      }
    }
  }

  @Test
  void calendarsOtherThanGregorianAreRefusedUnlessOverridden(@TempDir Path dir) throws IOException {
    Path store = dir.resolve("julian.zarr");
    writeZarr(store, ZarrFormat.V3, Map.of("units", "days since 2000-01-01", "calendar", "noleap"));
    try (GriddedSource src = GriddedSources.open(store.toString(), null)) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, src::times);
      assertThat(
          e.getMessage(),
          allOf(
              containsString("julian.zarr"),
              containsString("'noleap'"),
              containsString("withCalendar")));
    }
    try (GriddedSource src =
        GriddedSources.open(
            store.toString(), null, SourceOptions.defaults().withCalendar("standard"))) {
      assertEquals(Instant.parse("2000-01-02T00:00:00Z"), src.times()[1]);
    }
  }

  // ------------------------------------------------------------ Zarr v2 and v3

  /**
   * A store with time (3), lat (2), lon (4) and tas(time, lat, lon) int16 stored 100*t + 10*y + x,
   * scale 0.5, offset 250, _FillValue -1 at (1, 1, 3), plus lat/lon/time coordinate arrays.
   */
  static void writeZarr(Path path, ZarrFormat format, Map<String, Object> timeAttrs)
      throws IOException {
    ZarrStore store = ZarrStores.open(path.toString());
    ZarrGroup root = ZarrGroup.create(store, "", format, Map.of("title", "test"));
    ZarrArray time =
        root.createArray(
            "time",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(3)
                .withChunkShape(3)
                .withDataType(DataType.INT32)
                .withFillValue(0L)
                .withDimensionNames("time")
                .withAttributes(timeAttrs)
                .build());
    time.writeChunk(new long[] {0}, new int[] {0, 1, 2});
    ZarrArray lat =
        root.createArray(
            "lat",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(2)
                .withChunkShape(2)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .withDimensionNames("lat")
                .build());
    lat.writeChunk(new long[] {0}, new double[] {-1.5, 1.5});
    ZarrArray lon =
        root.createArray(
            "lon",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(4)
                .withChunkShape(4)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .withDimensionNames("lon")
                .build());
    lon.writeChunk(new long[] {0}, new double[] {10, 20, 30, 40});
    ZarrArray tas =
        root.createArray(
            "tas",
            ArrayMetadata.builder()
                .withFormat(format)
                .withShape(3, 2, 4)
                .withChunkShape(1, 2, 2)
                .withDataType(DataType.INT16)
                .withFillValue(-1L)
                .withCompressor(Compressor.gzip(5))
                .withDimensionNames("time", "lat", "lon")
                .withAttributes(Map.of("scale_factor", 0.5, "add_offset", 250.0, "_FillValue", -1))
                .build());
    for (int t = 0; t < 3; t++) {
      for (int cx = 0; cx < 2; cx++) {
        short[] chunk = new short[4];
        for (int y = 0; y < 2; y++) {
          for (int xi = 0; xi < 2; xi++) {
            int x = cx * 2 + xi;
            chunk[y * 2 + xi] = (short) (t == 1 && y == 1 && x == 3 ? -1 : 100 * t + 10 * y + x);
          }
        }
        tas.writeChunk(new long[] {t, 0, cx}, chunk);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ZarrFormat.class)
  void zarrStoresAreReadByTime(ZarrFormat format, @TempDir Path dir) throws IOException {
    Path path = dir.resolve("tas.zarr");
    writeZarr(path, format, Map.of("units", "hours since 2021-01-10 00:30:00"));
    try (GriddedSource src = GriddedSources.open(path.toString(), null)) {
      assertEquals(List.of("tas"), src.variables());
      assertArrayEquals(new double[] {-1.5, 1.5}, src.lat());
      assertArrayEquals(new double[] {10, 20, 30, 40}, src.lon());
      assertEquals(0, src.levels().length);
      assertArrayEquals(
          new Instant[] {
            Instant.parse("2021-01-10T00:30:00Z"),
            Instant.parse("2021-01-10T01:30:00Z"),
            Instant.parse("2021-01-10T02:30:00Z")
          },
          src.times());
      long before = src.bytesRead();
      for (int t = 0; t < 3; t++) {
        GridSlice g = src.read("tas", t);
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 4; x++) {
            double expected =
                t == 1 && y == 1 && x == 3 ? Double.NaN : (100 * t + 10 * y + x) * 0.5 + 250;
            assertEquals(expected, g.values()[y * 4 + x], 0.0);
          }
        }
      }
      assertTrue(src.bytesRead() > before, "chunks were read");
    }
  }

  @Test
  void chunksHoldingSeveralTimestepsAreReadOnceWhateverTheDimensionOrder(@TempDir Path dir)
      throws IOException {
    Path path = dir.resolve("timechunks.zarr");
    writeZarr(path, ZarrFormat.V3, Map.of("units", "hours since 2021-01-10"));
    ZarrStore store = ZarrStores.open(path.toString());
    // u(lat, time, lon) = 100 t + 10 y + x, chunks of 2 timesteps
    ZarrArray u =
        ZarrGroup.open(store, "")
            .createArray(
                "u",
                ArrayMetadata.builder()
                    .withFormat(ZarrFormat.V3)
                    .withShape(2, 3, 4)
                    .withChunkShape(2, 2, 4)
                    .withDataType(DataType.FLOAT64)
                    .withFillValue(Double.NaN)
                    .withCompressor(Compressor.zstd(1))
                    .withDimensionNames("lat", "time", "lon")
                    .build());
    for (int ct = 0; ct < 2; ct++) {
      int nt = ct == 0 ? 2 : 1;
      double[] chunk = new double[2 * nt * 4];
      for (int y = 0; y < 2; y++) {
        for (int k = 0; k < nt; k++) {
          for (int x = 0; x < 4; x++) {
            chunk[(y * nt + k) * 4 + x] = 100 * (ct * 2 + k) + 10 * y + x;
          }
        }
      }
      u.writeChunk(new long[] {0, ct, 0}, chunk);
    }
    try (GriddedSource src = GriddedSources.open(path.toString(), null)) {
      src.lat();
      src.lon();
      long start = src.bytesRead();
      long[] after = new long[3];
      for (int t = 0; t < 3; t++) {
        GridSlice g = src.read("u", t);
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 4; x++) {
            assertEquals(100 * t + 10 * y + x, g.values()[y * 4 + x], 0.0);
          }
        }
        after[t] = src.bytesRead();
      }
      assertTrue(after[0] > start);
      assertEquals(after[0], after[1], "timestep 1 comes from the chunk read for timestep 0");
      assertTrue(after[2] > after[1]);
    }
  }

  @Test
  void zarrArrayWithoutDimensionNamesIsRefusedNamingIt(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("nodims.zarr");
    writeZarr(path, ZarrFormat.V3, Map.of("units", "hours since 2021-01-10"));
    ZarrStore store = ZarrStores.open(path.toString());
    ZarrGroup.open(store, "")
        .createArray(
            "grid",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V3)
                .withShape(2, 4)
                .withChunkShape(2, 4)
                .withDataType(DataType.FLOAT32)
                .withFillValue(Double.NaN)
                .build());
    try (GriddedSource src = GriddedSources.open(path.toString(), null)) {
      IOException e = assertThrows(IOException.class, () -> src.readStatic("grid"));
      assertThat(
          e.getMessage(),
          allOf(
              containsString("nodims.zarr"),
              containsString("'grid'"),
              containsString("dimension names")));
    }
  }

  // ------------------------------------------------------------ format detection

  @Test
  void formatIsDetectedByContentNotName(@TempDir Path dir) throws IOException {
    Path hdf = dir.resolve("looks_like_classic.nc");
    Files.copy(resource("transposed.nc4"), hdf);
    Path classic = dir.resolve("looks_like_hdf.h5");
    Files.copy(resource("packed_lev.nc"), classic);
    try (GriddedSource a = GriddedSources.open(hdf.toString(), null);
        GriddedSource b = GriddedSources.open(classic.toUri().toString(), null)) {
      assertEquals(List.of("Grid/precip", "Grid/w"), a.variables());
      assertEquals(List.of("t", "ps", "mask"), b.variables());
    }
    Path junk = dir.resolve("junk.nc4");
    Files.writeString(junk, "not a netcdf file at all");
    IOException e =
        assertThrows(IOException.class, () -> GriddedSources.open(junk.toString(), null));
    assertThat(e.getMessage(), allOf(containsString("junk.nc4"), containsString("neither HDF5")));
    Path emptyDir = Files.createDirectory(dir.resolve("empty.zarr"));
    IOException z =
        assertThrows(IOException.class, () -> GriddedSources.open(emptyDir.toString(), null));
    assertThat(z.getMessage(), containsString("without Zarr metadata"));
    assertThrows(
        java.nio.file.NoSuchFileException.class,
        () -> GriddedSources.open(dir.resolve("absent.nc4").toString(), null));
  }

  @Test
  void latitudeMustBeOneDimensional(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("curvilinear.zarr");
    ZarrStore store = ZarrStores.open(path.toString());
    ZarrGroup root = ZarrGroup.create(store, "", ZarrFormat.V2, Map.of());
    for (String name : List.of("lat", "lon")) {
      root.createArray(
          name,
          ArrayMetadata.builder()
              .withFormat(ZarrFormat.V2)
              .withShape(2, 3)
              .withChunkShape(2, 3)
              .withDataType(DataType.FLOAT64)
              .withFillValue(Double.NaN)
              .withDimensionNames("y", "x")
              .build());
    }
    try (GriddedSource src = GriddedSources.open(path.toString(), null)) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, src::lat);
      assertThat(
          e.getMessage(),
          allOf(
              containsString("curvilinear.zarr"),
              containsString("'lat'"),
              containsString("(y, x)"),
              containsString("expected one dimension")));
    }
  }
}
