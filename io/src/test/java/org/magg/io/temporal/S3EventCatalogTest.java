package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.testing.S3TestServer;

/** A catalog, its mask file and static files on S3 (S3Mock on 127.0.0.1). */
class S3EventCatalogTest {

  @Test
  void catalogAndMasksOnS3ResolveRelativeNames() throws Exception {
    S3TestServer server = S3TestServer.get();
    S3Objects s3 = S3Objects.of(server.settings());
    String dir = "s3://" + S3TestServer.BUCKET + "/events/" + UUID.randomUUID() + "/";
    for (String name : new String[] {"nc_masks.json", "ar_mask.nc", "other_grid.nc"}) {
      s3.write(
          S3Location.parse(dir + (name.endsWith(".json") ? "" : "masks/") + name),
          Files.readAllBytes(EventCatalogTest.resource(name)));
    }
    // the catalog names its masks relative to itself: move them under masks/
    String json =
        Files.readString(EventCatalogTest.resource("nc_masks.json"))
            .replace("\"ar_mask.nc\"", "\"masks/ar_mask.nc\"")
            .replace("\"other_grid.nc\"", "\"masks/other_grid.nc\"");
    s3.write(S3Location.parse(dir + "catalog.json"), json.getBytes("UTF-8"));

    EventCatalog c = EventCatalog.load(dir + "catalog.json", server.settings());
    assertThat(c.events().stream().map(Event::id).toList(), contains("ar-a", "ar-b", "ar-cells"));
    assertArrayEquals(
        new int[] {7, 8, 9, 12, 13},
        c.event("ar-a").orElseThrow().mask().cellsAt(Instant.parse("2021-01-10T04:00:00Z")));
    String missing =
        c.failures().stream()
            .filter(f -> f.subject().equals("ar-missing"))
            .findFirst()
            .orElseThrow()
            .reason();
    assertThat(missing, containsString("mask file 'no_such_mask.nc' (" + dir + "no_such_mask.nc)"));

    StaticData.clearCache();
    StaticData d =
        StaticData.load(
            new StaticDataSpec(Map.of("m", "masks/other_grid.nc#ar_mask"), null, null)
                .resolvedAgainst(dir + "config.yaml"),
            server.settings());
    assertThat(d.region("m")[0], is(true));
    assertThat(d.region("m")[1], is(false));
    StaticData.clearCache();
  }
}
