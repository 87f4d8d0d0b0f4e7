package org.magg.transforms.historical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.historical.TelemetryRow;
import org.magg.io.historical.TelemetryRow.Column;
import org.magg.io.historical.TelemetryStatus;

/** The state table of {@link DayAction}, one test per row (and per branch of a row). */
class DayActionTest {
  @TempDir Path dir;
  private int n;

  private TelemetryRow prior(TelemetryStatus status, boolean cdfExists) throws IOException {
    Path cdf = dir.resolve((n++) + "/reach_all_l1c_prelim_20260101T000000_v1.0.0.cdf");
    if (cdfExists) {
      Files.createDirectories(cdf.getParent());
      Files.write(cdf, new byte[] {1});
    }
    return TelemetryRow.empty()
        .with(Column.STATUS, status.name())
        .with(Column.CDF_PATH, cdf.toString());
  }

  private static DayAction decide(
      TelemetryRow prior, boolean upload, boolean input, boolean retry) {
    return DayAction.decide(prior, upload, input, retry);
  }

  @Test
  void noPriorRowProcessesOrSkipsWithoutInput() {
    assertEquals(DayAction.RUN_PROCESS, decide(null, false, true, false));
    assertEquals(DayAction.RUN_PROCESS, decide(null, true, true, false));
    assertEquals(DayAction.SKIP_NO_INPUT, decide(null, false, false, false));
  }

  @Test
  void uploadedIsComplete() throws IOException {
    assertEquals(
        DayAction.SKIP_EXISTING, decide(prior(TelemetryStatus.UPLOADED, true), true, true, false));
    assertEquals(
        DayAction.SKIP_EXISTING,
        decide(prior(TelemetryStatus.UPLOADED, false), false, false, true));
  }

  @Test
  void processedUploadingUploadsOnlyWhenItsCdfExists() throws IOException {
    assertEquals(
        DayAction.RUN_UPLOAD_ONLY,
        decide(prior(TelemetryStatus.PROCESSED, true), true, true, false));
    assertEquals(
        DayAction.RUN_UPLOAD_ONLY,
        decide(prior(TelemetryStatus.PROCESSED, true), true, false, false));
  }

  @Test
  void processedLocalIsCompleteWhenItsCdfExists() throws IOException {
    assertEquals(
        DayAction.SKIP_EXISTING,
        decide(prior(TelemetryStatus.PROCESSED, true), false, true, false));
  }

  @Test
  void processedWithoutItsCdfProcessesAgainOrSkipsWithoutInput() throws IOException {
    assertEquals(
        DayAction.RUN_PROCESS, decide(prior(TelemetryStatus.PROCESSED, false), false, true, false));
    assertEquals(
        DayAction.RUN_PROCESS, decide(prior(TelemetryStatus.PROCESSED, false), true, true, false));
    assertEquals(
        DayAction.SKIP_NO_INPUT,
        decide(prior(TelemetryStatus.PROCESSED, false), true, false, false));
    TelemetryRow noPath = TelemetryRow.empty().with(Column.STATUS, "PROCESSED");
    assertEquals(DayAction.RUN_PROCESS, decide(noPath, false, true, false));
  }

  @Test
  void uploadPendingUploadsOnlyWhenItsCdfExists() throws IOException {
    assertEquals(
        DayAction.RUN_UPLOAD_ONLY,
        decide(prior(TelemetryStatus.UPLOAD_PENDING, true), true, true, false));
    assertEquals(
        DayAction.RUN_PROCESS,
        decide(prior(TelemetryStatus.UPLOAD_PENDING, false), true, true, false));
    assertEquals(
        DayAction.SKIP_NO_INPUT,
        decide(prior(TelemetryStatus.UPLOAD_PENDING, false), true, false, false));
  }

  @Test
  void failedIsSkippedUnlessRetriedAndThenNeverUploadOnly() throws IOException {
    assertEquals(
        DayAction.SKIP_FAILED, decide(prior(TelemetryStatus.FAILED, true), true, true, false));
    assertEquals(
        DayAction.RUN_PROCESS, decide(prior(TelemetryStatus.FAILED, true), true, true, true));
    assertEquals(
        DayAction.SKIP_NO_INPUT, decide(prior(TelemetryStatus.FAILED, false), false, false, true));
  }

  @Test
  void skippedNoInputProcessesWhenInputAppearsElseIsTerminal() throws IOException {
    assertEquals(
        DayAction.RUN_PROCESS,
        decide(prior(TelemetryStatus.SKIPPED_NO_INPUT, false), false, true, false));
    assertEquals(
        DayAction.SKIP_TERMINAL,
        decide(prior(TelemetryStatus.SKIPPED_NO_INPUT, false), false, false, false));
  }

  @Test
  void anyOtherStatusProcessesOrSkipsWithoutInput() throws IOException {
    for (TelemetryStatus s :
        new TelemetryStatus[] {
          TelemetryStatus.PROCESS_PENDING,
          TelemetryStatus.DOWNLOAD_PENDING,
          TelemetryStatus.DOWNLOADED,
          TelemetryStatus.SKIPPED_NO_DATA
        }) {
      assertEquals(DayAction.RUN_PROCESS, decide(prior(s, true), true, true, false), s.name());
      assertEquals(DayAction.SKIP_NO_INPUT, decide(prior(s, true), true, false, false), s.name());
    }
    TelemetryRow unknown = TelemetryRow.empty().with(Column.STATUS, "SOMETHING_ELSE");
    assertEquals(DayAction.RUN_PROCESS, decide(unknown, false, true, false));
    assertEquals(DayAction.SKIP_NO_INPUT, decide(unknown, false, false, false));
  }
}
