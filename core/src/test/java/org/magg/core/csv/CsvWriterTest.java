package org.magg.core.csv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void quotesOnlyCellsWithACommaQuoteOrLineBreak() {
    String text =
        CsvWriter.withLf()
            .row("", "plain", " lead", "trail ", "#x", "-1.5", "")
            .row("a,b", "say \"hi\"", "cr\rhere", "lf\nhere", "")
            .text();
    assertThat(
        text,
        is(
            ",plain, lead,trail ,#x,-1.5,\n"
                + "\"a,b\",\"say \"\"hi\"\"\",\"cr\rhere\",\"lf\nhere\",\n"));
  }

  @Test
  void crlfRowsAndNullCells() {
    assertThat(
        CsvWriter.withCrlf().row(Arrays.asList("a", null, "b")).row("c").text(),
        is("a,,b\r\nc\r\n"));
  }

  @Test
  void everyCellReadsBackAsWritten() throws IOException {
    List<String> cells =
        List.of("", "x", "a,b", "\"", "\"\"", "cr\r", "\rlead", "crlf\r\nend", "\n", " sp ", "é,ü");
    for (CsvWriter w : List.of(CsvWriter.withLf(), CsvWriter.withCrlf())) {
      w.row(List.of("h")).row(cells).row(List.of("last", ""));
      List<CsvRow> rows = CsvReader.readAll(w.text(), null);
      assertThat(rows.size(), is(3));
      assertThat(rows.get(1).fields(), is(cells));
      assertThat(rows.get(2).fields(), is(List.of("last", "")));
    }
  }
}
