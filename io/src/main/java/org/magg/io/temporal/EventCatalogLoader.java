package org.magg.io.temporal;

import java.util.Locale;

/**
 * Reads one catalog file into an {@link EventCatalog}: JSON ({@link JsonCatalogReader}) or CSV
 * ({@link CsvCatalogReader}), chosen by the extension, else by the content. Whole-file problems
 * throw {@link EventCatalogException}; a problem of one event becomes a {@link
 * org.magg.core.Failure} and the others go on ({@link CatalogReport}).
 */
final class EventCatalogLoader {
  private final String location;
  private final FieldGrid expectedGrid;
  private final GridFiles gridFiles;

  EventCatalogLoader(String location, FieldGrid expectedGrid, GridFiles gridFiles) {
    this.location = location;
    this.expectedGrid = expectedGrid;
    this.gridFiles = gridFiles;
  }

  EventCatalog load(String text) {
    String lower = location.toLowerCase(Locale.ROOT);
    boolean json =
        lower.endsWith(".json") || (!lower.endsWith(".csv") && text.stripLeading().startsWith("{"));
    CatalogReport report = new CatalogReport(location);
    try (CatalogFiles files = new CatalogFiles(report, gridFiles)) {
      MaskArrays arrays = new MaskArrays(files);
      FieldGrid grid =
          json
              ? new JsonCatalogReader(report, files, arrays, expectedGrid).read(text)
              : new CsvCatalogReader(report, files, arrays, expectedGrid).read(text);
      return report.catalog(grid);
    }
  }
}
