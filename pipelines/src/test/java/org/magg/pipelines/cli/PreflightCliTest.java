package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.pipelines.samples.SampleData;
import org.magg.pipelines.temporal.TemporalPipelineFixture;

/**
 * Mistakes on the command line end with exit 2 and one line naming the option, the location and the
 * fix, before anything is read or written, with no stack trace unless {@code --verbose}; an output
 * holding files is refused without {@code --overwrite} by every pipeline type.
 */
class PreflightCliTest {
  @TempDir Path dir;

  private Path fields;
  private Path events;
  private Path config;

  @BeforeEach
  void temporalInputs() throws IOException {
    fields = TemporalPipelineFixture.writeFields(dir.resolve("fields"));
    events = dir.resolve("events.json");
    Files.writeString(events, TemporalPipelineFixture.EVENTS);
    config = dir.resolve("temporal.yaml");
    Files.writeString(config, TemporalPipelineFixture.CONFIG);
  }

  /** A temporal run's arguments, with {@code more} after them. */
  private String[] temporal(Path output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--config",
                config.toString(),
                "--events",
                events.toString(),
                "--fields",
                fields.toString(),
                "--output",
                output.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Exit 2, the fragment on standard error in one line, no stack trace. */
  private static void assertRefused(CliRun r, String fragment) {
    assertEquals(2, r.code(), r.out() + r.err());
    assertThat(r.err(), containsString(fragment));
    assertThat(r.err(), not(containsString("Exception")));
    assertThat(r.err(), not(containsString("\tat ")));
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  private static List<String> tree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void temporalOutputHoldingFilesIsRefusedWithoutOverwriteAndClearedWithIt() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("panes"));
    Files.writeString(out.resolve("failures.csv"), "stage,subject,reason\nfield,/old,x\n");
    Files.writeString(out.resolve("panes/old.pane-0.csv"), "old");
    Files.writeString(out.resolve("notes.txt"), "kept");
    List<String> before = tree(out);

    CliRun refused = CliRun.of(temporal(out));
    assertRefused(refused, "output " + out + " already holds 3 file(s); pass --overwrite");
    assertEquals(before, tree(out), "a refused run touches nothing");

    CliRun ok = CliRun.of(temporal(out, "--overwrite"));
    // E3 (a mask cell off the grid) is a failed event; no field file fails
    assertEquals(1, ok.code(), ok.out() + ok.err());
    assertThat(ok.out(), not(containsString("/old")));
    assertFalse(Files.exists(out.resolve("panes")), "the old panes are cleared");
    assertFalse(Files.exists(out.resolve("failures.csv")), "the old failures are cleared");
    assertEquals("kept", Files.readString(out.resolve("notes.txt")), "unrelated files stay");
    assertTrue(Files.exists(out.resolve("events.csv")));
  }

  @Test
  void spatialStoreHoldingFilesIsRefusedWithoutOverwrite() throws Exception {
    SampleData.Result sample =
        SampleData.generate(dir.resolve("sample"), new SampleData.Spec(1, 200, 6, 3L));
    Path store = dir.resolve("s.zarr");
    Files.createDirectories(store);
    Files.writeString(store.resolve(".zgroup"), "{\"zarr_format\": 2}");
    Path temp = dir.resolve("beam-temp");
    Files.createDirectories(temp);
    CliRun r =
        CliRun.of(
            "run",
            "--config",
            "atl06",
            "--catalog",
            sample.catalog().toString(),
            "--store",
            store.toString(),
            "--tempLocation=" + temp);
    assertRefused(r, "store " + store + " already exists; pass --overwrite to replace it");
    assertEquals(List.of("", ".zgroup"), tree(store));
    assertEquals(List.of(""), tree(temp), "a refused run leaves no result directory");
  }

  @Test
  void storeThatIsAnExistingFile() throws Exception {
    Path file = Files.writeString(dir.resolve("store.zarr"), "not a store");
    CliRun r =
        CliRun.of("run", "--config", "atl06", "--catalog", events.toString(), "--store", "" + file);
    assertRefused(r, "--store " + file + " is an existing file; give a directory");
    assertEquals("not a store", Files.readString(file));
  }

  @Test
  void outputOnAMissingParent() throws Exception {
    Path out = dir.resolve("no-such-dir/out");
    CliRun r = CliRun.of(temporal(out));
    assertRefused(
        r, "--output " + out + ": its parent directory " + out.getParent() + " does not exist");
    assertFalse(Files.exists(out.getParent()));
  }

  @Test
  void summaryJsonThatIsADirectory() throws Exception {
    Path out = dir.resolve("out");
    CliRun r = CliRun.of(temporal(out, "--summary-json", dir.toString()));
    assertRefused(r, "--summary-json " + dir + " is an existing directory; give a file name");
    assertFalse(Files.exists(out), "nothing was written");
  }

  @Test
  void missingFieldsEventsCatalogAndConfig() throws Exception {
    Path out = dir.resolve("out");
    Path none = dir.resolve("none");
    Files.delete(events);
    assertRefused(
        CliRun.of(temporal(out)), "--events " + events + " does not exist; give an existing");
    Files.writeString(events, TemporalPipelineFixture.EVENTS);
    List<String> args = new ArrayList<>(List.of(temporal(out)));
    args.set(args.indexOf("--fields") + 1, none.toString());
    assertRefused(
        CliRun.of(args.toArray(String[]::new)),
        "--fields " + none + " does not exist; give an existing directory");
    assertRefused(
        CliRun.of(
            "run", "--config", "atl06", "--catalog", none + ".json", "--store", out.toString()),
        "--catalog " + none + ".json does not exist");
    assertRefused(
        CliRun.of("run", "--config", none + ".yaml", "--store", out.toString()),
        "config file " + none + ".yaml does not exist");
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownCollectionAndBuiltInConfig() throws Exception {
    Path out = dir.resolve("out");
    assertRefused(
        CliRun.of(temporal(out, "--collection", "B=" + fields + "/A/*.nc")),
        "--collection B=...: config " + config + " has no collection 'B' (collections: A)");
    assertRefused(
        CliRun.of("run", "--config", "atl07", "--store", out.toString()),
        "no built-in config named 'atl07'");
    assertFalse(Files.exists(out));
  }

  private Path historicalInput() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    String name = "REACH-ALL_20250904T000000_20250905T000000.csv";
    try (InputStream s = getClass().getResourceAsStream("/org/magg/io/historical/" + name)) {
      Files.copy(s, in.resolve(name));
    }
    return in;
  }

  private static String[] historical(Path in, Path out, Path telemetry) {
    return new String[] {
      "historical",
      "process",
      "--start-date",
      "2025-09-04",
      "--end-date",
      "2025-09-04",
      "--input-dir",
      in.toString(),
      "--output-dir",
      out.toString(),
      "--telemetry",
      telemetry.toString()
    };
  }

  @Test
  void unwritableHistoricalOutputRecordsNoDay() throws Exception {
    Path in = historicalInput();
    Path telemetry = dir.resolve("t.csv");
    // /proc takes no new files, whatever the user's permissions
    Path out = Path.of("/proc/magg-preflight-out");
    CliRun r = CliRun.of(historical(in, out, telemetry));
    assertRefused(
        r, "--output-dir " + out + ": cannot write in /proc (files cannot be created there)");
    assertFalse(Files.exists(telemetry), "no day is recorded, so a fixed rerun does it");
    assertEquals(List.of(), tree(out));
  }

  @Test
  void historicalMissingInputAndTelemetryParent() throws Exception {
    Path in = historicalInput();
    Path out = dir.resolve("cdf");
    Path none = dir.resolve("none");
    assertRefused(
        CliRun.of(historical(none, out, dir.resolve("t.csv"))),
        "--input-dir " + none + " does not exist; give an existing directory");
    Path telemetry = none.resolve("t.csv");
    assertRefused(
        CliRun.of(historical(in, out, telemetry)),
        "--telemetry " + telemetry + ": its parent directory " + none + " does not exist");
    assertFalse(Files.exists(out));
  }

  @Test
  void verbosePrintsTheStackTrace() throws Exception {
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("run", "--verbose", "--config", "atl07", "--store", out.toString());
    assertEquals(2, r.code(), r.err());
    assertThat(r.err(), containsString("no built-in config named 'atl07'"));
    assertThat(r.err(), containsString("\tat "));
    CliRun top = CliRun.of("--verbose", "run", "--config", "atl07", "--store", out.toString());
    assertThat(top.err(), containsString("\tat "));
  }

  @Test
  void badEventCatalogIsOneLineExitTwo() throws Exception {
    Path out = dir.resolve("out");
    Files.writeString(events, "{\"grid\": 3}");
    CliRun r = CliRun.of(temporal(out));
    assertRefused(r, events.toString());
    assertFalse(Files.exists(out));
  }

  @Test
  void anUnexpectedErrorIsOneLineWithItsCauses() {
    Exception e =
        new java.io.UncheckedIOException(
            "cannot read x.nc", new java.io.IOException("x.nc: truncated at byte 12"));
    assertEquals("cannot read x.nc: x.nc: truncated at byte 12", MaggCli.describe(e));
    // a cause already in the message is not repeated
    assertEquals(
        "java.io.IOException: boom",
        MaggCli.describe(new RuntimeException(new java.io.IOException("boom"))));
  }

  @Test
  void aJobTheRunnerGaveUpOnGetsAHintNamingTheRestartStrategy() {
    // the messages Flink 1.19 gives when a TaskManager is lost (seen on the local session cluster)
    String none =
        "Pipeline execution failed: Job failed (JobID: c65d): Job execution failed.: Recovery is"
            + " suppressed by NoRestartBackoffTimeStrategy: TaskManager with id taskmanager is no"
            + " longer reachable.";
    assertThat(MaggCli.runnerHint(none), containsString("restart-strategy.type: fixed-delay"));
    String exhausted =
        "Job execution failed.: Recovery is suppressed by"
            + " FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3, backoffTimeMS=5000)";
    assertThat(MaggCli.runnerHint(exhausted), containsString("more often than"));
    assertEquals(null, MaggCli.runnerHint("cannot read x.nc: truncated at byte 12"));
  }
}
