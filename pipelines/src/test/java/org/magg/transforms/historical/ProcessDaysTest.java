package org.magg.transforms.historical;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.historical.Fixtures;
import org.magg.pipelines.historical.HistoricalProcess;

/** The per-day transform on its own: one result per day, a bad day does not stop the others. */
class ProcessDaysTest {
  @TempDir Path tmp;

  @Test
  void oneResultPerDayAndBadDaysAreReported() {
    Path in = tmp.resolve("in");
    Path good = Fixtures.copy(Fixtures.DAY_0904, in);
    Path bad = Fixtures.copy(Fixtures.DAY_0906_BAD, in);
    List<DayTask> tasks =
        List.of(
            DayTask.process("2025-09-04", good.toString()),
            DayTask.process("2025-09-06", bad.toString()),
            DayTask.process("2025-09-07", in.resolve("missing.csv").toString()),
            DayTask.uploadOnly("2025-09-08", in.resolve("reach_all_l1c_prelim_x.cdf").toString()));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<DayResult> results =
        HistoricalProcess.build(p, tasks, ProcessDays.to(tmp.resolve("out").toString()));
    PAssert.that(results)
        .satisfies(
            rs -> {
              Map<String, DayResult> byDay = new HashMap<>();
              rs.forEach(r -> assertEquals(null, byDay.put(r.date(), r), "one result per day"));
              assertEquals(4, byDay.size());
              DayResult ok = byDay.get("2025-09-04");
              assertTrue(ok.processed());
              assertFalse(ok.failed());
              assertEquals(9, ok.recordsKept());
              assertThat(ok.cdfPath(), containsString("reach_all_l1c_prelim_20250904T000000"));
              DayResult b = byDay.get("2025-09-06");
              assertEquals("process", b.errorStage());
              assertThat(b.errorMessage(), containsString("line 3"));
              DayResult m = byDay.get("2025-09-07");
              assertEquals("NoSuchFileException", m.errorType());
              assertThat(m.errorMessage(), containsString("missing.csv"));
              // no upload configured: an upload-only task does nothing
              DayResult u = byDay.get("2025-09-08");
              assertFalse(u.uploadAttempted());
              assertFalse(u.failed());
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  void codersRoundTripAndAreDeterministic() throws Exception {
    DayTask t = DayTask.process("2025-09-04", "/in/REACH-ALL_20250904T000000_20250905T000000.csv");
    CoderProperties.coderDecodeEncodeEqual(DayTask.coder(), t);
    CoderProperties.coderDeterministic(
        DayTask.coder(), t, DayTask.process(t.date(), t.inputPath()));
    DayResult r =
        new DayResult(
            "2025-09-04",
            "RUN_PROCESS",
            true,
            "/out/a.cdf",
            12345,
            0.25,
            "2026-01-01T00:00:00.000000+00:00",
            12,
            1,
            2,
            9,
            true,
            false,
            "",
            "",
            0.5,
            "2026-01-01T00:00:01.000000+00:00",
            "2026-01-01T00:00:02.000000+00:00",
            "upload",
            "IOException",
            "cannot write s3://b/k: \"quoted\"\nsecond line");
    CoderProperties.coderDecodeEncodeEqual(DayResult.coder(), r);
    CoderProperties.coderSerializable(DayResult.coder());
    DayResult.coder().verifyDeterministic();
  }
}
