package org.magg.pipelines.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.testing.S3TestServer;

/**
 * A streaming temporal run against the S3-compatible test server: the collection's prefix is
 * watched, a day file is uploaded while the pipeline runs, the static data and the event rows live
 * in the bucket too. Values as in {@link TemporalPipelineTest} ({@code T = 100 + h + c}).
 */
class TemporalS3StreamingTest {
  @TempDir Path dir;

  @Test
  void watchedBucketReceivesADayDuringTheRun() throws Exception {
    S3TestServer server = S3TestServer.get();
    S3Objects s3 = S3Objects.of(server.settings());
    String base = "s3://" + S3TestServer.BUCKET + "/temporal/" + UUID.randomUUID() + "/";
    Path local = TemporalPipelineFixture.writeFields(dir.resolve("fields"));
    for (String name : List.of("static/region.nc", "static/area.nc", "A/day1.nc")) {
      s3.write(S3Location.parse(base + "fields/" + name), Files.readAllBytes(local.resolve(name)));
    }
    Path events = dir.resolve("events.json");
    Files.writeString(events, TemporalPipelineFixture.EVENTS);
    String yaml =
        TemporalPipelineFixture.CONFIG
            + "s3: {endpoint: '"
            + server.endpoint()
            + "', path_style: true, region: us-east-1}\n";
    TemporalConfig config = (TemporalConfig) ConfigLoader.parseAny(yaml, "fixture on s3");
    TemporalRunOptions options =
        TemporalRunOptions.batch(events.toString(), base + "fields", base + "out")
            .withWatch(Duration.ofMillis(500), Duration.ofSeconds(5));
    CompletableFuture<TemporalSummary> run =
        CompletableFuture.supplyAsync(() -> TemporalPipeline.run(config, options));
    Thread.sleep(3000);
    s3.write(
        S3Location.parse(base + "fields/A/day2.nc"),
        Files.readAllBytes(local.resolve("A/day2.nc")));
    TemporalSummary summary = run.get(180, TimeUnit.SECONDS);
    // E1 and E2 ok; E3 broken in the catalog; E4 needs a third day that never comes
    assertEquals(2, summary.filesMatched(), summary.toText());
    assertEquals(2, summary.count("ok"), summary.toText());
    assertEquals(1, summary.count("incomplete"), summary.toText());
    assertEquals(1, summary.count("failed"), summary.toText());
    String e1 =
        new String(
            s3.read(S3Location.parse(base + "out/panes/E1.pane-0.csv")), StandardCharsets.UTF_8);
    // E1: max over ais 103, first landfall 107, rainfall 78 (see TemporalPipelineTest)
    assertTrue(
        e1.contains(",ok,2021-01-01T03:00:00Z,2021-01-01T09:00:00Z,103.0,107.0,78.0,33,"), e1);
    String e4 =
        new String(
            s3.read(S3Location.parse(base + "out/panes/E4.pane-0.csv")), StandardCharsets.UTF_8);
    assertTrue(e4.contains(",incomplete,"), e4);
  }
}
