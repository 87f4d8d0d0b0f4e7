package org.magg.pipelines.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.magg.core.RunResult;
import org.magg.io.storage.Storage;

/**
 * The entries of an output directory, one per file or subdirectory (a store or {@code metrics/}
 * counts as one entry, with its files and bytes), and the rows of each CSV file among them.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** An entry: its name, how many files it holds, their bytes, and its CSV rows (or -1). */
  record Entry(String name, int files, long bytes, int rows) {}

  static List<Entry> list(String dir, Storage storage) throws IOException {
    Map<String, long[]> byName = new TreeMap<>();
    boolean s3 = Storage.isS3(dir);
    String prefix =
        s3
            ? Storage.join(dir, "")
            : Storage.localPath(dir).toAbsolutePath().normalize() + java.io.File.separator;
    for (String f : storage.listUnder(dir)) {
      String rest = f.startsWith(prefix) ? f.substring(prefix.length()) : Storage.name(f);
      rest = rest.replace(java.io.File.separatorChar, '/');
      int slash = rest.indexOf('/');
      String name = slash < 0 ? rest : rest.substring(0, slash + 1);
      long[] acc = byName.computeIfAbsent(name, k -> new long[2]);
      acc[0]++;
      // On S3 a size is a request: sizes of the files in subdirectories (store chunks) are left
      // out.
      acc[1] += !s3 || slash < 0 ? storage.size(f) : 0;
    }
    return byName.entrySet().stream()
        .map(
            e -> {
              int rows = -1;
              if (e.getKey().endsWith(".csv")) {
                try {
                  rows = CsvTable.read(Storage.join(dir, e.getKey()), storage).size();
                } catch (IOException | RuntimeException x) {
                  rows = -1;
                }
              }
              return new Entry(e.getKey(), (int) e.getValue()[0], e.getValue()[1], rows);
            })
        .toList();
  }

  /** The entries as JSON and as an aligned table under {@code indent}. */
  static String describe(List<Entry> entries, ArrayNode json, String indent) {
    Table t = new Table().row("file", "files", "size", "rows");
    for (Entry e : entries) {
      ObjectNode o = json.addObject();
      o.put("name", e.name());
      o.put("files", e.files());
      o.put("bytes", e.bytes());
      if (e.rows() >= 0) {
        o.put("rows", e.rows());
      }
      t.row(e.name(), e.files(), RunResult.size(e.bytes()), e.rows() >= 0 ? e.rows() : "");
    }
    return t.render(indent);
  }
}
