package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStores;

class CompareCommandTest {

  private static void write(Path dir, double[] values) throws IOException {
    ZarrGroup root =
        ZarrGroup.create(ZarrStores.open(dir.toString()), "", ZarrFormat.V3, Map.of("k", 1));
    ZarrArray a =
        root.createArray(
            "h_mean",
            ArrayMetadata.builder()
                .withFormat(ZarrFormat.V3)
                .withShape(values.length)
                .withChunkShape(values.length)
                .withDataType(DataType.FLOAT64)
                .withFillValue(Double.NaN)
                .withDimensionNames("cells")
                .build());
    a.writeChunk(new long[] {0}, values);
  }

  private static int compare(StringWriter out, Path a, Path b) {
    return MaggCli.execute(
        new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true),
        "compare",
        a.toString(),
        b.toString());
  }

  @Test
  void identicalStoresExitZero(@TempDir Path dir) throws IOException {
    write(dir.resolve("a.zarr"), new double[] {1, Double.NaN, 3});
    write(dir.resolve("b.zarr"), new double[] {1, Double.NaN, 3});
    StringWriter out = new StringWriter();
    assertEquals(0, compare(out, dir.resolve("a.zarr"), dir.resolve("b.zarr")));
    assertThat(out.toString(), containsString("identical: 1 groups, 1 arrays, 3 elements"));
  }

  @Test
  void differencesAreListedAndExitOne(@TempDir Path dir) throws IOException {
    write(dir.resolve("a.zarr"), new double[] {1, Double.NaN, 3});
    write(dir.resolve("b.zarr"), new double[] {1, 2, 3});
    StringWriter out = new StringWriter();
    assertEquals(1, compare(out, dir.resolve("a.zarr"), dir.resolve("b.zarr")));
    assertThat(out.toString(), containsString("h_mean: element 1: NaN vs 2.0"));
    assertThat(out.toString(), containsString("DIFFERENT"));
  }

  @Test
  void aDirectoryThatIsNotAStoreIsADifference(@TempDir Path dir) throws IOException {
    write(dir.resolve("a.zarr"), new double[] {1});
    StringWriter out = new StringWriter();
    assertEquals(1, compare(out, dir.resolve("a.zarr"), dir.resolve("empty")));
    assertThat(out.toString(), containsString("/: present only in"));
  }
}
