package org.magg.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import org.magg.transforms.cycles.TwinExperiment;

class DaCommandTest {
  private static List<String> lines(String out) {
    return out.lines().toList();
  }

  private static String last(CliRun r, int fromEnd) {
    List<String> l = lines(r.out());
    return l.get(l.size() - fromEnd);
  }

  /** The last three lines, with the values of the same experiment run directly. */
  @Test
  void lorenz96PrintsTheRmsesLast() {
    CliRun r =
        CliRun.of(
            "da",
            "lorenz96",
            "--filter",
            "etkf",
            "--members",
            "24",
            "--steps",
            "1500",
            "--burn-in",
            "400",
            "--inflation",
            "1.02");
    assertEquals(0, r.code(), r.text());
    ExperimentResult direct =
        TwinExperiment.run(ExperimentSpec.sakov("etkf", 24, 1.02, Double.NaN, 1500, 1));
    assertEquals(
        String.format(Locale.ROOT, "analysis_rmse=%.4f", direct.analysisRmse()), last(r, 3));
    assertEquals(String.format(Locale.ROOT, "free_rmse=%.4f", direct.freeRmse()), last(r, 2));
    assertEquals("obs_error=1", last(r, 1));
    assertTrue(direct.analysisRmse() < 0.25 && direct.freeRmse() > 3, direct.toString());
    assertThat(r.out(), containsString("cycles/s"));
  }

  @Test
  void lorenz96OptionsReachTheExperiment() {
    CliRun r =
        CliRun.of(
            "da",
            "lorenz96",
            "--filter",
            "letkf",
            "--members",
            "8",
            "--steps",
            "300",
            "--burn-in",
            "100",
            "--inflation",
            "1.05",
            "--obs-every",
            "2",
            "--obs-error",
            "0.5",
            "--obs-indices",
            "0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38",
            "--seed",
            "3",
            "--no-rotation");
    assertEquals(0, r.code(), r.text());
    assertEquals("obs_error=0.5", last(r, 1));
    assertThat(r.out(), containsString("localization radius 4,"));
    assertThat(r.out(), containsString("rotation off"));
    assertThat(r.out(), containsString("20 variables observed every 2 step(s) with error sd 0.5"));
    ExperimentResult direct =
        TwinExperiment.run(
            new ExperimentSpec(
                "letkf",
                8,
                300,
                100,
                1.05,
                4,
                false,
                2,
                0.5,
                8,
                0.05,
                3,
                new int[] {
                  0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38
                },
                40));
    assertEquals(
        String.format(Locale.ROOT, "analysis_rmse=%.4f", direct.analysisRmse()), last(r, 3));
  }

  /** With Beam options the experiment runs as a pipeline, with the same result. */
  @Test
  void lorenz96AsAPipelineGivesTheSameResult() {
    String[] args = {
      "da",
      "lorenz96",
      "--filter",
      "enkf",
      "--members",
      "10",
      "--steps",
      "400",
      "--burn-in",
      "100",
      "--inflation",
      "1.1"
    };
    CliRun inProcess = CliRun.of(args);
    String[] withRunner = java.util.Arrays.copyOf(args, args.length + 1);
    withRunner[args.length] = "--runner=DirectRunner";
    CliRun pipeline = CliRun.of(withRunner);
    assertEquals(0, pipeline.code(), pipeline.text());
    assertEquals(last(inProcess, 3), last(pipeline, 3));
    assertEquals(last(inProcess, 2), last(pipeline, 2));
  }

  private static void refused(String option, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(2, r.code(), r.text());
    assertThat(r.err(), containsString(option));
    assertEquals(1, r.err().lines().count(), "one line: " + r.err());
    assertEquals("", r.out());
  }

  private static String[] lorenz(String... more) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "da",
                "lorenz96",
                "--filter",
                "etkf",
                "--members",
                "8",
                "--steps",
                "100",
                "--burn-in",
                "10",
                "--inflation",
                "1.02"));
    for (int i = 0; i < more.length; i += 2) {
      int at = a.indexOf(more[i]);
      if (at >= 0) {
        a.set(at + 1, more[i + 1]);
      } else {
        a.add(more[i]);
        a.add(more[i + 1]);
      }
    }
    return a.toArray(new String[0]);
  }

  @Test
  void badLorenz96InputIsAUsageError() {
    refused("--members must be at least 2, got 1", lorenz("--members", "1"));
    refused("--inflation must be at least 1, got 0.99", lorenz("--inflation", "0.99"));
    refused(
        "--localization-radius must be at least 0, got -1",
        lorenz("--filter", "letkf", "--localization-radius", "-1"));
    refused(
        "--burn-in must be at least 0 and less than --steps (100), got 100",
        lorenz("--burn-in", "100"));
    refused(
        "--obs-indices: the observation operator's index 40 is outside the state of 40 variables",
        lorenz("--obs-indices", "0,40"));
    refused("--filter must be enkf, etkf or letkf, got 'kf'", lorenz("--filter", "kf"));
    refused("--obs-error must be > 0", lorenz("--obs-error", "0"));
    refused(
        "--localization-radius applies to --filter letkf only",
        lorenz("--localization-radius", "3"));
  }

  @Test
  void badSweepInputIsAUsageError() {
    refused(
        "--members must be at least 2, got 1",
        "da",
        "sweep",
        "--filter",
        "etkf",
        "--members",
        "8,1",
        "--inflation",
        "1.02");
    refused(
        "--inflation must be at least 1, got 0.9",
        "da",
        "sweep",
        "--filter",
        "etkf",
        "--members",
        "8",
        "--inflation",
        "1.02,0.9");
    refused(
        "--localization-radius must be at least 0, got -2.0",
        "da",
        "sweep",
        "--filter",
        "letkf",
        "--members",
        "8",
        "--inflation",
        "1.02",
        "--localization-radius",
        "4,-2");
    refused(
        "--burn-in must be at least 0 and less than --steps (50), got 400",
        "da",
        "sweep",
        "--filter",
        "etkf",
        "--members",
        "8",
        "--inflation",
        "1.02",
        "--steps",
        "50");
  }

  /** The table and the CSV list every combination (LETKF with the default radius 4). */
  @Test
  void sweepPrintsTheTableAndWritesTheCsv(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("out/sweep.csv");
    CliRun r =
        CliRun.of(
            "da",
            "sweep",
            "--filter",
            "etkf,letkf",
            "--members",
            "6,8",
            "--inflation",
            "1.05",
            "--steps",
            "200",
            "--burn-in",
            "50",
            "--output",
            csv.toString());
    assertEquals(0, r.code(), r.text());
    List<String> table = lines(r.out());
    assertThat(
        table.get(0),
        containsString("filter  members  inflation  localization  analysis_rmse  free_rmse"));
    assertThat(r.out(), containsString("sweep: 4 experiments in "));
    List<String> rows = Files.readAllLines(csv);
    assertEquals(
        "filter,members,inflation,localization,analysis_rmse,free_rmse,wall_s", rows.get(0));
    assertEquals(5, rows.size(), rows.toString());
    ExperimentResult letkf8 =
        TwinExperiment.run(
            new ExperimentSpec("letkf", 8, 200, 50, 1.05, 4, true, 1, 1, 8, 0.05, 1, null, 40));
    assertTrue(
        rows.get(4)
            .startsWith(
                String.format(
                    Locale.ROOT,
                    "letkf,8,1.05,4,%.4f,%.4f,",
                    letkf8.analysisRmse(),
                    letkf8.freeRmse())),
        rows.get(4));
    assertTrue(rows.get(1).startsWith("etkf,6,1.05,-,"), rows.get(1));
  }
}
