package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.pipelines.temporal.TemporalPipelineFixture;
import org.magg.testing.S3TestServer;

/**
 * {@code s3://} inputs that do not exist are refused before any work (exit 2, one line naming the
 * option and the location), as local ones are; inputs that exist pass the check.
 */
class S3PreflightCliTest {
  private static S3TestServer server;
  private static String root;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.get();
    root = "s3://" + S3TestServer.BUCKET + "/preflight/" + UUID.randomUUID() + "/";
    S3Objects s3 = S3Objects.of(server.settings());
    s3.write(
        S3Location.parse(root + "events.json"),
        TemporalPipelineFixture.EVENTS.getBytes(StandardCharsets.UTF_8));
    s3.write(S3Location.parse(root + "fields/A/day1.nc"), new byte[] {1});
    s3.write(
        S3Location.parse(root + "catalog.json"),
        "{\"metadata\": {\"parent_order\": 6}, \"catalog\": {}}".getBytes(StandardCharsets.UTF_8));
  }

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of("run"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--s3-endpoint",
            server.endpoint(),
            "--s3-path-style",
            "--s3-region",
            "us-east-1",
            "--s3-credentials",
            "default"));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static void assertRefused(CliRun r, String fragment) {
    assertEquals(2, r.code(), r.text());
    assertThat(r.err(), containsString(fragment));
    assertThat(r.err(), not(containsString("\tat ")));
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  private String[] temporal(String events, String fields) throws Exception {
    Path config = Files.writeString(dir.resolve("temporal.yaml"), TemporalPipelineFixture.CONFIG);
    return new String[] {
      "--config",
      config.toString(),
      "--events",
      events,
      "--fields",
      fields,
      "--output",
      dir.resolve("out").toString()
    };
  }

  @Test
  void missingEventsAndFieldsOnS3() throws Exception {
    assertRefused(
        run(temporal(root + "none.json", root + "fields")),
        "--events " + root + "none.json does not exist; give an existing object");
    // the events exist (so their check passes); the fields prefix holds nothing
    assertRefused(
        run(temporal(root + "events.json", root + "no-fields")),
        "--fields " + root + "no-fields does not exist (no object under it)");
    // a prefix that holds objects passes; the run then goes on to the output check
    Files.writeString(dir.resolve("out"), "a file");
    assertRefused(
        run(temporal(root + "events.json", root + "fields")),
        "--output " + dir.resolve("out") + " is an existing file");
    assertFalse(Files.isDirectory(dir.resolve("out")));
  }

  @Test
  void missingGranuleCatalogOnS3() throws Exception {
    Path store = dir.resolve("store.zarr");
    assertRefused(
        run("--config", "atl06", "--catalog", root + "none.json", "--store", store.toString()),
        "--catalog " + root + "none.json does not exist; give an existing object");
    // an existing catalog passes; the existing store is then refused
    Files.createDirectories(store);
    Files.writeString(store.resolve(".zgroup"), "{\"zarr_format\": 2}");
    assertRefused(
        run("--config", "atl06", "--catalog", root + "catalog.json", "--store", store.toString()),
        "store " + store + " already exists; pass --overwrite");
  }
}
