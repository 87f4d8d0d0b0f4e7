package org.magg.core.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/** The Commons CSV formats behind the reader and the writer: RFC 4180, comma and double quote. */
final class CsvFormats {
  private CsvFormats() {}

  /**
   * Reading: empty lines are records (so line numbers stay exact; {@link CsvReader} skips them),
   * and text after a closing quote joins the field ({@code "ab"c} reads {@code abc}).
   */
  static final CSVFormat READ = CSVFormat.RFC4180.builder().setTrailingData(true).get();

  /** Reading, with white space allowed before an opening quote ({@link CsvRow} strips fields). */
  static final CSVFormat READ_TRIMMED = READ.builder().setIgnoreSurroundingSpaces(true).get();

  /** Writing a cell that holds a comma, quote or line break: quoted, quotes doubled. */
  static final CSVFormat QUOTED = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

  /** Writing any other cell: as it is (no quote character at all). */
  static final CSVFormat BARE = CSVFormat.RFC4180.builder().setQuote(null).get();
}
