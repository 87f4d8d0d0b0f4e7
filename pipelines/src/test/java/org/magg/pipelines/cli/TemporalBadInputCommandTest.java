package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;
import org.magg.pipelines.temporal.TemporalPipelineFixture;

/** Bad temporal inputs through the command line: what is reported, counted and written. */
class TemporalBadInputCommandTest {
  @TempDir Path dir;

  private CliRun runTemporal(String events) throws Exception {
    Path fields = TemporalPipelineFixture.writeFields(dir.resolve("fields"));
    Files.writeString(dir.resolve("config.yaml"), TemporalPipelineFixture.CONFIG);
    Files.writeString(dir.resolve("events.json"), events);
    return CliRun.of(
        "run",
        "--config",
        dir.resolve("config.yaml").toString(),
        "--events",
        dir.resolve("events.json").toString(),
        "--fields",
        fields.toString(),
        "--output",
        dir.resolve("out").toString());
  }

  private static String event(String id, String time, int cell) {
    return "{\"id\": \""
        + id
        + "\", \"start\": \""
        + time
        + "\", \"end\": \""
        + time
        + "\", \"masks\": {\""
        + time
        + "\": ["
        + cell
        + "]}}";
  }

  private static String catalog(String... events) {
    return "{\"grid\": {\"lat\": {\"start\": -80, \"step\": 5, \"count\": 3},"
        + " \"lon\": {\"start\": 0, \"step\": 90, \"count\": 4}}, \"events\": ["
        + String.join(", ", events)
        + "]}";
  }

  @Test
  void aRepeatedEventIdKeepsTheValidEventAndFailsTheRepeatInItsOwnRow() throws Exception {
    CliRun r =
        runTemporal(
            catalog(
                event("a", "2021-01-01T03:00:00Z", 0),
                event("b", "2021-01-01T12:00:00Z", 11),
                event("a", "2021-01-01T06:00:00Z", 1)));
    assertEquals(1, r.code(), r.text());
    assertThat(r.text(), containsString("events: 3 = ok 2 + incomplete 0 + failed 1"));
    assertThat(r.text(), not(containsString("\tat org.")));
    List<CsvRow> rows =
        CsvReader.readAll(Files.readString(dir.resolve("out/events.csv")), "events.csv");
    List<String> header = rows.get(0).fields();
    int id = header.indexOf("event_id");
    int status = header.indexOf("status");
    int start = header.indexOf("start");
    int maxT = header.indexOf("max_T_ais");
    int reason = header.indexOf("reason");
    // one row per catalog entry, in catalog order
    assertEquals(4, rows.size(), rows.toString());
    CsvRow first = rows.get(1);
    assertEquals(List.of("a", "ok", "2021-01-01T03:00:00Z"), first.fields().subList(0, 3));
    // T = 100 + hour + cell: hour 3, cell 0
    assertEquals("103.0", first.get(maxT));
    assertEquals("", first.get(reason));
    assertEquals("b", rows.get(2).get(id));
    assertEquals("ok", rows.get(2).get(status));
    CsvRow repeat = rows.get(3);
    assertEquals("a", repeat.get(id));
    assertEquals("failed", repeat.get(status));
    assertEquals("", repeat.get(start));
    assertThat(
        repeat.get(reason),
        containsString(
            "catalog "
                + dir.resolve("events.json")
                + ", event 'a', events[2]: the id is given twice (first at events[0]): this entry"
                + " repeats an earlier event"));
  }

  @Test
  void aCollectionWhoseGlobMatchesNoFileIsAFailureNamingTheGlob() throws Exception {
    Path fields = dir.resolve("fields");
    // the static data is there, collection A's files are not
    TemporalPipelineFixture.writeStatic(fields);
    Files.writeString(dir.resolve("config.yaml"), TemporalPipelineFixture.CONFIG);
    Files.writeString(dir.resolve("events.json"), catalog(event("a", "2021-01-01T03:00:00Z", 0)));
    CliRun r =
        CliRun.of(
            "run",
            "--config",
            dir.resolve("config.yaml").toString(),
            "--events",
            dir.resolve("events.json").toString(),
            "--fields",
            fields.toString(),
            "--output",
            dir.resolve("out").toString());
    assertEquals(1, r.code(), r.text());
    String glob = fields.resolve("A/*.nc").toString();
    assertThat(r.text(), containsString("failures: 1\n"));
    assertThat(
        r.text(), containsString("  field " + glob + ": collection A: no file matches " + glob));
    assertThat(r.text(), not(containsString("\tat org.")));
    List<CsvRow> failures =
        CsvReader.readAll(Files.readString(dir.resolve("out/failures.csv")), "failures.csv");
    assertEquals(2, failures.size(), failures.toString());
    assertEquals(
        List.of("field", glob, "collection A: no file matches " + glob), failures.get(1).fields());
  }
}
