package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.Json;
import org.magg.pipelines.runners.Progress;

/** The progress a spatial run shows when standard error is not a terminal: plain, JSON, none. */
class ProgressCliTest {
  @TempDir static Path dir;
  private static Path catalog;
  private static int cells;

  @BeforeAll
  static void sample() {
    CliRun s =
        CliRun.of(
            "sample",
            "--out",
            dir.resolve("s").toString(),
            "--granules",
            "4",
            "--segments",
            "3000");
    assertEquals(0, s.code(), s.text());
    catalog = dir.resolve("s/catalog.json");
    Matcher m = Pattern.compile("(\\d+) parent cells").matcher(s.out());
    assertTrue(m.find(), s.out());
    cells = Integer.parseInt(m.group(1));
  }

  @AfterEach
  void defaultInterval() {
    System.clearProperty(Progress.INTERVAL_PROPERTY);
  }

  private static CliRun run(String store, String... extra) {
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(
        List.of(
            "run",
            "--config",
            "atl06",
            "--catalog",
            catalog.toString(),
            "--store",
            dir.resolve(store).toString(),
            "--overwrite"));
    CliRun r = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.text());
    return r;
  }

  private static List<String> progressLines(String err) {
    return err.lines().filter(l -> l.startsWith("magg: spatial: ")).toList();
  }

  @Test
  void plainLinesComeEveryIntervalAndEndWithTheFinalCounts() {
    System.setProperty(Progress.INTERVAL_PROPERTY, "0.04");
    CliRun r = run("plain.zarr");
    List<String> lines = progressLines(r.err());
    // the run takes some tenths of a second: counters are read every 20 ms, a line every 40 ms,
    // and the last
    assertTrue(lines.size() >= 2, r.err());
    String last = lines.get(lines.size() - 1);
    assertThat(last, containsString("cells " + cells + "/" + cells));
    assertThat(last, containsString("granules 4/4"));
    assertThat(last, containsString(", 0 errors, "));
    // the summary on standard output is what it always was
    assertThat(r.out(), containsString("Run summary"));
    assertThat(r.out(), not(containsString("elapsed")));
  }

  @Test
  void aRunShorterThanTheIntervalShowsNoLine() {
    System.setProperty(Progress.INTERVAL_PROPERTY, "1000");
    CliRun r = run("short.zarr");
    assertEquals(List.of(), progressLines(r.err()), r.err());
  }

  @Test
  void quietShowsNoProgress() {
    System.setProperty(Progress.INTERVAL_PROPERTY, "0.2");
    CliRun r = run("quiet.zarr", "--quiet");
    assertEquals("", r.err());
  }

  @Test
  void jsonLogFormatWritesOneProgressObjectALine() throws IOException {
    System.setProperty(Progress.INTERVAL_PROPERTY, "0.2");
    CliRun r = run("json.zarr", "--log-format", "json");
    List<String> lines = r.err().lines().toList();
    assertFalse(lines.isEmpty(), r.err());
    JsonNode last = null;
    for (String l : lines) {
      last = Json.mapper().readTree(l);
      assertEquals("progress", last.get("event").asText(), l);
      assertEquals("cells", last.get("unit").asText(), l);
    }
    assertTrue(last.get("final").asBoolean());
    assertEquals(cells, last.get("done").asLong());
    assertEquals(cells, last.get("total").asLong());
    assertEquals(0, last.get("errors").asLong());
    assertEquals("points", last.get("rate_unit").asText());
    assertTrue(last.get("rate").asDouble() > 0, r.err());
    assertTrue(last.get("elapsed_s").asDouble() > 0, r.err());
    assertThat(r.out(), containsString("Run summary"));
  }

  @Test
  void jsonLogFormatWritesTheErrorAsOneObject() throws IOException {
    CliRun r = CliRun.of("--log-format", "json", "run", "--config", "atl07");
    assertEquals(2, r.code(), r.text());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    JsonNode e = Json.mapper().readTree(lines.get(0));
    assertEquals("error", e.get("event").asText());
    assertThat(e.get("message").asText(), containsString("no built-in config named 'atl07'"));
    assertEquals(2, e.get("exit").asInt());
  }
}
