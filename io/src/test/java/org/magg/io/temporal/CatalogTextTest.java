package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Relative locations of catalog files (their times and CSV rows are tested with {@code
 * org.magg.core.IsoTimes} and {@code org.magg.core.csv}).
 */
class CatalogTextTest {

  @Test
  void relativeLocations() {
    Path base = Path.of("/data/run/catalog.json");
    assertThat(Locations.resolveSibling(base.toString(), "m.nc"), is("/data/run/m.nc"));
    assertThat(Locations.resolveSibling(base.toString(), "../masks/m.nc"), is("/data/masks/m.nc"));
    assertThat(Locations.resolveSibling(base.toString(), "/abs/m.nc"), is("/abs/m.nc"));
    assertThat(Locations.resolveSibling(base.toString(), "s3://bkt/m.zarr"), is("s3://bkt/m.zarr"));
    assertThat(
        Locations.resolveSibling("s3://bkt/run/c.csv", "masks/m.zarr"),
        is("s3://bkt/run/masks/m.zarr"));
    assertThat(Locations.resolveSibling("s3://bkt/run/c.csv", "../m.nc"), is("s3://bkt/m.nc"));
    assertThat(Locations.resolveSibling("file:/data/run/c.json", "m.nc"), is("/data/run/m.nc"));
    assertThat(Arrays.asList(Locations.name("s3://bkt/run/c.csv")), is(List.of("c.csv")));
  }
}
