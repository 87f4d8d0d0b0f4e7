package org.magg.pipelines.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GriddedCollection;
import org.magg.io.gridded.GriddedFieldIO;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.Compressor;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;

/**
 * A streaming run's reads of an event's window give the slices the batch reader gives, with the
 * same bytes, even when a compressed chunk holds two timesteps and the window starts inside it.
 */
class MetricFieldsTest {
  @TempDir Path dir;

  /** u(time, lat, lon) = 100 t + 10 y + x over 8 hours, in chunks of 2 timesteps (zstd). */
  private Path store() throws IOException {
    Path path = dir.resolve("u.zarr");
    ZarrStore store = ZarrStores.open(path.toString());
    ZarrGroup root = ZarrGroup.create(store, "", ZarrFormat.V3, Map.of());
    ZarrArray time = root.createArray("time", axis(8, DataType.INT32, "time"));
    time.writeChunk(new long[] {0}, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    ZarrArray lat = root.createArray("lat", axis(2, DataType.FLOAT64, "lat"));
    lat.writeChunk(new long[] {0}, new double[] {-1.5, 1.5});
    ZarrArray lon = root.createArray("lon", axis(4, DataType.FLOAT64, "lon"));
    lon.writeChunk(new long[] {0}, new double[] {10, 20, 30, 40});
    ZarrArray u =
        root.createArray(
            "u",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V3)
                .withShape(8, 2, 4)
                .withChunkShape(2, 2, 4)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .withCompressor(Compressor.zstd(1))
                .withDimensionNames("time", "lat", "lon")
                .build());
    for (int c = 0; c < 4; c++) {
      double[] chunk = new double[16];
      for (int k = 0; k < 2; k++) {
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 4; x++) {
            chunk[(k * 2 + y) * 4 + x] = 100 * (2 * c + k) + 10 * y + x;
          }
        }
      }
      u.writeChunk(new long[] {c, 0, 0}, chunk);
    }
    return path;
  }

  private static ArrayMetadata axis(int n, DataType type, String name) {
    ArrayMetadata.Builder b =
        ArrayMetadata.builder()
            .withFormat(ZarrFormat.V3)
            .withShape(n)
            .withChunkShape(n)
            .withDataType(type)
            .withDimensionNames(name);
    b = type == DataType.INT32 ? b.withFillValue(0L) : b.withFillValue(Double.NaN);
    if (name.equals("time")) {
      b = b.withAttributes(Map.of("units", "hours since 2021-01-10"));
    }
    return b.build();
  }

  @Test
  void aWindowStartingInsideAChunkReadsTheBytesTheBatchReaderCounts() throws IOException {
    Path path = store();
    GriddedCollection c =
        GriddedCollection.builder("U").withPattern(path.toString()).withVariables("u").build();
    Instant t0 = Instant.parse("2021-01-10T00:00:00Z");
    // hours 1-5: splits of 3 timesteps are [0, 3) and [3, 6); chunks [0, 1], [2, 3], [4, 5]
    List<FieldSlice> slices = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    MetricFields.Cost cost = new MetricFields.Cost();
    new MetricFields(c, 3, null)
        .read(
            t0.plusSeconds(3600).toEpochMilli(),
            t0.plusSeconds(5 * 3600).toEpochMilli(),
            slices::add,
            failures::add,
            cost);
    assertEquals(List.of(), failures);
    assertEquals(5, slices.size());
    Map<Long, Long> bytes = new HashMap<>();
    for (int k = 0; k < 5; k++) {
      FieldSlice s = slices.get(k);
      assertEquals(t0.plusSeconds(3600L * (k + 1)), s.time());
      assertEquals(100 * (k + 1) + 10 + 3, s.variable("u").values()[7], 0.0);
      bytes.put(s.time().toEpochMilli(), s.bytesRead());
    }
    // hour 0 is read too (its chunk holds hour 1), not emitted
    assertEquals(6, cost.timesteps);
    // hour 1 comes from the chunk read for hour 0, as in the batch read: no bytes of its own
    assertEquals(0L, bytes.get(t0.plusSeconds(3600).toEpochMilli()));
    // hour 3 starts a split: its chunk is read again, as the batch reader reads it
    assertTrue(bytes.get(t0.plusSeconds(3 * 3600).toEpochMilli()) > 0);

    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<KV<Long, Long>> batch =
        p.apply(GriddedFieldIO.read(c).withTimestepsPerSplit(3))
            .slices()
            .apply(
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs()))
                    .via((FieldSlice s) -> KV.of(s.time().toEpochMilli(), s.bytesRead())));
    PAssert.that(batch)
        .satisfies(
            all -> {
              Map<Long, Long> inWindow = new HashMap<>();
              all.forEach(
                  kv -> {
                    if (bytes.containsKey(kv.getKey())) {
                      inWindow.put(kv.getKey(), kv.getValue());
                    }
                  });
              assertEquals(bytes, inWindow);
              return null;
            });
    p.run().waitUntilFinish();
  }
}
