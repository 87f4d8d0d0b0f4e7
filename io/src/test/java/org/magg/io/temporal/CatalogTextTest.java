package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magg.core.IsoTimes;
import org.magg.io.storage.Storage;

/** Times, CSV rows and relative locations of catalog files. */
class CatalogTextTest {

  @Test
  void isoTimes() {
    Instant t = Instant.parse("2021-01-10T03:00:00Z");
    assertThat(IsoTimes.parse("2021-01-10T03:00:00Z"), is(t));
    assertThat(IsoTimes.parse(" 2021-01-10T04:30:00+01:30 "), is(t));
    assertThat(IsoTimes.parse("2021-01-10T03:00:00"), is(t));
    assertThat(IsoTimes.parse("2021-01-10T03:00"), is(t));
    assertThat(IsoTimes.parse("2021-01-10"), is(Instant.parse("2021-01-10T00:00:00Z")));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> IsoTimes.parse("10/01/2021"))
            .getMessage(),
        is("'10/01/2021' is not an ISO-8601 time (expected e.g. 2021-01-10T03:00:00Z)"));
  }

  @Test
  void csvQuotesLineEndsAndBlankLines() {
    List<List<String>> rows = Csv.parse("a,b\r\n\"x,\"\"y\"\"\",2\n\nlast,\n");
    assertThat(rows.get(0), is(List.of("a", "b")));
    assertThat(rows.get(1), is(List.of("x,\"y\"", "2")));
    // a blank line keeps its place (null) so that line numbers stay right
    assertThat(rows.get(2), is((List<String>) null));
    assertThat(rows.get(3), is(List.of("last", "")));
    assertThat(rows.size(), is(5));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n\"open,1\n"))
            .getMessage(),
        is("line 2: a quoted field is not closed"));
  }

  @Test
  void relativeLocations() {
    Path base = Path.of("/data/run/catalog.json");
    assertThat(Storage.resolveSibling(base.toString(), "m.nc"), is("/data/run/m.nc"));
    assertThat(Storage.resolveSibling(base.toString(), "../masks/m.nc"), is("/data/masks/m.nc"));
    assertThat(Storage.resolveSibling(base.toString(), "/abs/m.nc"), is("/abs/m.nc"));
    assertThat(Storage.resolveSibling(base.toString(), "s3://bkt/m.zarr"), is("s3://bkt/m.zarr"));
    assertThat(
        Storage.resolveSibling("s3://bkt/run/c.csv", "masks/m.zarr"),
        is("s3://bkt/run/masks/m.zarr"));
    assertThat(Storage.resolveSibling("s3://bkt/run/c.csv", "../m.nc"), is("s3://bkt/m.nc"));
    assertThat(Storage.resolveSibling("file:/data/run/c.json", "m.nc"), is("/data/run/m.nc"));
    assertThat(Arrays.asList(Storage.name("s3://bkt/run/c.csv")), is(List.of("c.csv")));
  }
}
