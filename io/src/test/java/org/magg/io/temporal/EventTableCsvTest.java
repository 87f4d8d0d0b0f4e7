package org.magg.io.temporal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.magg.core.Failure;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;

/** The event table's and the failures' CSV: exact bytes, and every cell read back as written. */
class EventTableCsvTest {
  /** A reason with every character that needs quoting, a lone carriage return included. */
  static final String REASON = "mask 'm.nc'\r\nline 2, \"quoted\"\rafter a lone CR\nend";

  /** A reason whose only special character is a carriage return (once written bare). */
  static final String CR_ONLY = "read failed\rretried";

  @Test
  void tableQuotesOnlyWhatNeedsItAndReadsBackAsWritten() throws IOException {
    EventRow ok =
        new EventRow(
            "e,1",
            0,
            3_600_000,
            EventRow.OK,
            "",
            new double[] {1.5, Double.NaN},
            2,
            100,
            "ON_TIME",
            0);
    EventRow failed = EventRow.failed("e2", REASON, 2);
    EventRow crOnly = EventRow.failed("e3", CR_ONLY, 2);
    String text = EventTableCsv.table(List.of("mean", "max"), List.of(ok, failed, crOnly));
    assertThat(
        text,
        is(
            "event_id,status,start,end,mean,max,timesteps,bytes_read,pane,reason\n"
                + "\"e,1\",ok,1970-01-01T00:00:00Z,1970-01-01T01:00:00Z,1.5,,2,100,ON_TIME,\n"
                + "e2,failed,,,,,0,0,ON_TIME,"
                + "\"mask 'm.nc'\r\nline 2, \"\"quoted\"\"\rafter a lone CR\nend\"\n"
                + "e3,failed,,,,,0,0,ON_TIME,\"read failed\rretried\"\n"));
    List<CsvRow> rows = CsvReader.readAll(text, "events.csv");
    assertThat(rows.size(), is(4));
    assertThat(rows.get(1).get(0), is("e,1"));
    assertThat(rows.get(2).get(9), is(REASON));
    assertThat(rows.get(2).size(), is(10));
    assertThat(rows.get(3).get(9), is(CR_ONLY));
    assertThat(rows.get(3).size(), is(10));
  }

  @Test
  void failuresReadBackAsWritten() throws IOException {
    List<Failure> failures =
        List.of(
            new Failure("event", "e2", REASON),
            new Failure("file", "a.nc", "plain reason"),
            new Failure("timestep", "t1", CR_ONLY));
    String text = EventTableCsv.failures(failures);
    assertThat(
        text,
        is(
            "stage,subject,reason\n"
                + "event,e2,\"mask 'm.nc'\r\nline 2, \"\"quoted\"\"\rafter a lone CR\nend\"\n"
                + "file,a.nc,plain reason\n"
                + "timestep,t1,\"read failed\rretried\"\n"));
    List<CsvRow> rows = CsvReader.readAll(text, "failures.csv");
    assertThat(rows.get(1).fields(), is(List.of("event", "e2", REASON)));
    assertThat(rows.get(2).fields(), is(List.of("file", "a.nc", "plain reason")));
    assertThat(rows.get(3).fields(), is(List.of("timestep", "t1", CR_ONLY)));
    // the reason holds three line breaks (CRLF, CR, LF): its row spans lines 2 to 5
    assertThat(rows.stream().map(CsvRow::line).toList(), is(List.of(1L, 2L, 6L, 7L)));
  }
}
