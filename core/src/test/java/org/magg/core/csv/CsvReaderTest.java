package org.magg.core.csv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<List<String>> fields(List<CsvRow> rows) {
    return rows.stream().map(CsvRow::fields).toList();
  }

  private static List<Long> lines(List<CsvRow> rows) {
    return rows.stream().map(CsvRow::line).toList();
  }

  @Test
  void quotesLineEndsAndBlankLines() throws IOException {
    List<CsvRow> rows = CsvReader.readAll("a,b\r\n\"x,\"\"y\"\"\",2\n\nlast,\n", null);
    assertThat(
        fields(rows), is(List.of(List.of("a", "b"), List.of("x,\"y\"", "2"), List.of("last", ""))));
    // the blank line 3 is skipped, and the row after it keeps its own line number
    assertThat(lines(rows), is(List.of(1L, 2L, 4L)));
  }

  @Test
  void lineBreaksInsideQuotesAndLinesOfOnlySpaces() throws IOException {
    List<CsvRow> rows =
        CsvReader.readAll("h1,h2\n\"multi\r\nline\",\"cr\rin\"\r   \ny,\n\n\nz,\"\"", "f.csv");
    assertThat(
        fields(rows),
        is(
            List.of(
                List.of("h1", "h2"),
                List.of("multi\r\nline", "cr\rin"),
                List.of("y", ""),
                List.of("z", ""))));
    // row 2's quoted fields hold two line breaks (\r\n, \r): it ends on line 4; line 5 is spaces
    assertThat(lines(rows), is(List.of(1L, 2L, 6L, 9L)));
    assertThat(rows.get(1).size(), is(2));
    assertThat(rows.get(1).get(1), is("cr\rin"));
  }

  @Test
  void byteOrderMarkIsDroppedAndTextAfterAClosingQuoteJoinsTheField() throws IOException {
    List<CsvRow> rows = CsvReader.readAll("\uFEFF\"a\",b\n\"ab\"c, \"d\" ,e\"f", null);
    assertThat(fields(rows), is(List.of(List.of("a", "b"), List.of("abc", " \"d\" ", "e\"f"))));
  }

  @Test
  void trimmedReaderStripsFieldsAndAllowsSpacesBeforeAQuote() throws IOException {
    try (CsvReader in =
        CsvReader.openTrimmed(new StringReader(" id , start \n a ,  \" x, y \" , 2 \n"), null)) {
      assertThat(in.next().fields(), is(List.of("id", "start")));
      CsvRow row = in.next();
      assertThat(row.fields(), is(List.of("a", "x, y", "2")));
      assertThat(row.get(1), is("x, y"));
      assertThat(row.line(), is(2L));
      assertThat(in.next(), is((CsvRow) null));
    }
  }

  @Test
  void anUnclosedQuoteNamesTheSourceAndTheLineOfItsRow() {
    IOException e =
        assertThrows(IOException.class, () -> CsvReader.readAll("a,b\n\"open,1\n2,3\n", null));
    assertThat(e.getMessage(), is("line 2: a quoted field is not closed before end of file"));
    e =
        assertThrows(
            IOException.class, () -> CsvReader.readAll("a,b\n\n1,\"x\ny\",\"open\n", "in.csv"));
    assertThat(
        e.getMessage(), is("in.csv: line 3: a quoted field is not closed before end of file"));
  }

  @Test
  void emptyTextHasNoRows() throws IOException {
    assertThat(CsvReader.readAll("", null), is(List.of()));
    assertThat(CsvReader.readAll("\n\r\n  \n", null), is(List.of()));
  }
}
