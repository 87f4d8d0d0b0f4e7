package org.magg.pipelines.spatial;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small magg catalogs for tests. */
final class TestCatalogs {
  private TestCatalogs() {}

  static Path write(Path file, int parentOrder, Map<String, List<String>> cells)
      throws IOException {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("short_name", "ATL06");
    meta.put("parent_order", parentOrder);
    meta.put("total_cells", cells.size());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("metadata", meta);
    root.put("catalog", cells);
    new ObjectMapper().writeValue(file.toFile(), root);
    return file;
  }
}
