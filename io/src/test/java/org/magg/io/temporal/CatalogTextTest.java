package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magg.io.storage.Storage;

/**
 * Relative locations of catalog files (their times and CSV rows are tested with {@code
 * org.magg.core.IsoTimes} and {@code org.magg.core.csv}).
 */
class CatalogTextTest {

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
