package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.pipelines.samples.SampleData;

class MaggCliTest {

  @Test
  void mortonEncodeKnownValues() {
    CliRun r = CliRun.of("morton", "encode", "--order", "6", "45", "-122");
    assertEquals(0, r.code(), r.err());
    assertEquals("3234123", r.out().trim());
    assertEquals(
        "-3331423232321",
        CliRun.of("morton", "encode", "--order", "12", "--", "-45", "10").out().trim());
  }

  @Test
  void mortonEncodeReadsStandardInput() {
    InputStream saved = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              "45 -122\n# comment\n-45 10\n".getBytes(StandardCharsets.UTF_8)));
      CliRun r = CliRun.of("morton", "encode", "--order", "6");
      assertEquals(0, r.code(), r.err());
      // -45, 10 at order 6 is the order-12 index cut to its first 7 digits
      assertEquals("3234123\n-3331423\n", r.out());
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void mortonDecodeParentChildren() {
    CliRun d = CliRun.of("morton", "decode", "3234123");
    assertEquals(0, d.code(), d.err());
    assertThat(d.out(), containsString("order: 6"));
    // base 2, digits 234123 -> in-base index bits 01 10 11 00 01 10 = 0b011011000110 = 1734
    assertThat(d.out(), containsString("nested: " + ((2L << 12) + 1734)));
    assertEquals("323412", CliRun.of("morton", "parent", "3234123", "--order", "5").out().trim());
    assertEquals(
        "32341231\n32341232\n32341233\n32341234\n",
        CliRun.of("morton", "children", "3234123", "--order", "7").out());
    CliRun bad = CliRun.of("morton", "decode", "3235");
    assertEquals(2, bad.code());
    assertThat(bad.err(), containsString("3235"));
  }

  @Test
  void configShowAndValidate(@TempDir Path dir) throws Exception {
    CliRun show = CliRun.of("config", "show", "atl06");
    assertEquals(0, show.code());
    assertThat(show.out(), containsString("h_li: \"/{group}/land_ice_segments/h_li\""));
    Path f = dir.resolve("bad.yaml");
    Files.writeString(
        f, show.out().replace("source: h_li\n      params", "source: h\n      params"));
    CliRun bad = CliRun.of("config", "validate", f.toString());
    assertEquals(2, bad.code());
    assertThat(
        bad.err(),
        containsString(
            "aggregation.variables.h_mean.source: 'h' is not a data_source variable (known: h_li,"
                + " s_li)"));
    CliRun ok = CliRun.of("config", "validate", "atl06");
    assertEquals(0, ok.code(), ok.err());
    assertThat(ok.out(), containsString("valid"));
  }

  @Test
  void runDryRunOverwriteAndSummaryJson(@TempDir Path dir) throws Exception {
    SampleData.Result sample =
        SampleData.generate(dir.resolve("sample"), new SampleData.Spec(2, 800, 6, 7L));
    Path store = dir.resolve("out.zarr");
    CliRun dry =
        CliRun.of(
            "run",
            "--config",
            "atl06",
            "--catalog",
            sample.catalog().toString(),
            "--store",
            store.toString(),
            "--dry-run");
    assertEquals(0, dry.code(), dry.err());
    assertThat(dry.out(), containsString("Dry run"));
    assertThat(dry.out(), containsString("granules per cell:"));
    assertFalse(Files.exists(store), "a dry run writes nothing");

    Path json = dir.resolve("summary.json");
    CliRun first =
        CliRun.of(
            "run",
            "--config",
            "atl06",
            "--catalog",
            sample.catalog().toString(),
            "--store",
            store.toString(),
            "--max-cells",
            "1",
            "--summary-json",
            json.toString(),
            "--runner=DirectRunner");
    assertEquals(0, first.code(), first.err() + first.out());
    JsonNode summary = new ObjectMapper().readTree(json.toFile());
    assertEquals(1, summary.get("totalCells").asInt());
    assertEquals(summary.get("pointsKept").asLong(), summary.get("pointsBinned").asLong());
    assertTrue(Files.exists(store.resolve("12/zarr.json")));

    CliRun again =
        CliRun.of(
            "run",
            "--config",
            "atl06",
            "--catalog",
            sample.catalog().toString(),
            "--store",
            store.toString());
    assertEquals(2, again.code());
    assertThat(again.err(), containsString("already exists; pass --overwrite"));

    CliRun notACell =
        CliRun.of(
            "run",
            "--config",
            "atl06",
            "--catalog",
            sample.catalog().toString(),
            "--store",
            store.toString(),
            "--overwrite",
            "--morton-cell",
            "3234123");
    assertEquals(2, notACell.code());
    assertThat(notACell.err(), containsString("3234123 is not in catalog"));

    CliRun badRunner =
        CliRun.of(
            "run",
            "--config",
            "atl06",
            "--catalog",
            sample.catalog().toString(),
            "--store",
            store.toString(),
            "--overwrite",
            "--runner=FlinkRunner");
    assertEquals(2, badRunner.code());
    assertThat(badRunner.err(), containsString("-Pflink-runner"));
  }
}
