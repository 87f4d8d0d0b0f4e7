package org.magg.pipelines.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.magg.core.Failure;
import org.magg.core.csv.CsvReader;
import org.magg.core.csv.CsvRow;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.storage.Storage;

/**
 * Reads back what a temporal run wrote, for its summary: the status of each event (the table in
 * batch; each event's latest pane in streaming) and the failures.
 */
record TableReadBack(Map<String, Integer> statuses, List<Failure> failures, List<String> files) {

  static TableReadBack read(TemporalPipeline.Plan plan, boolean streaming) {
    try {
      String out = plan.output();
      List<String> files = new ArrayList<>();
      Map<String, String> statusById = new TreeMap<>();
      if (streaming) {
        Map<String, long[]> latestPane = new HashMap<>();
        for (String name : list(plan, "panes/")) {
          String file = Storage.join(out, name);
          List<CsvRow> rows = CsvReader.readAll(text(plan, file), file);
          for (CsvRow row : rows.subList(1, rows.size())) {
            String id = row.get(0);
            long pane = Long.parseLong(name.replaceAll(".*\\.pane-(\\d+)\\.csv$", "$1"));
            if (!latestPane.containsKey(id) || latestPane.get(id)[0] < pane) {
              latestPane.put(id, new long[] {pane});
              statusById.put(id, row.get(1));
            }
          }
          files.add(file);
        }
        plan.catalog().failures().forEach(f -> statusById.put(f.subject(), "failed"));
      } else {
        String table = Storage.join(out, "events.csv");
        List<CsvRow> rows = CsvReader.readAll(text(plan, table), table);
        for (CsvRow row : rows.subList(1, rows.size())) {
          statusById.put(row.get(0), row.get(1));
        }
        files.add(table);
        String format = plan.config().output().format();
        if (format.equals("netcdf")) {
          files.add(Storage.join(out, "events.nc"));
        } else if (format.equals("zarr")) {
          files.add(Storage.join(out, "events.zarr"));
        }
      }
      Map<String, Integer> statuses = new TreeMap<>();
      statusById.values().forEach(s -> statuses.merge(s, 1, Integer::sum));
      List<Failure> failures = new ArrayList<>();
      List<String> failureFiles = streaming ? list(plan, "failures/") : List.of("failures.csv");
      for (String name : failureFiles) {
        String path = Storage.join(out, name);
        String text = textIfExists(plan, path);
        if (text == null) {
          continue;
        }
        List<CsvRow> rows = CsvReader.readAll(text, path);
        for (CsvRow row : rows.subList(1, rows.size())) {
          failures.add(new Failure(row.get(0), row.get(1), row.get(2)));
        }
        if (!streaming) {
          files.add(path);
        }
      }
      return new TableReadBack(statuses, failures, files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back the event table: " + e.getMessage(), e);
    }
  }

  private static String text(TemporalPipeline.Plan plan, String path) throws IOException {
    String t = textIfExists(plan, path);
    if (t == null) {
      throw new IOException(path + " was not written");
    }
    return t;
  }

  private static String textIfExists(TemporalPipeline.Plan plan, String path) throws IOException {
    if (S3Location.isS3(path)) {
      byte[] b = S3Objects.of(plan.s3()).readIfExists(S3Location.parse(path));
      return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
    Path p = Path.of(path);
    return Files.exists(p) ? Files.readString(p) : null;
  }

  /** Names under {@code output/prefix}, relative to the output. */
  private static List<String> list(TemporalPipeline.Plan plan, String prefix) throws IOException {
    String out = plan.output();
    List<String> names = new ArrayList<>();
    if (S3Location.isS3(out)) {
      S3Location loc = S3Location.parse(Storage.join(out, prefix));
      String base = S3Location.parse(Storage.join(out, "x")).key();
      base = base.substring(0, base.length() - 1);
      for (String k : S3Objects.of(plan.s3()).listKeys(loc.bucket(), loc.key())) {
        names.add(k.substring(base.length()));
      }
    } else {
      Path dir = Path.of(out).resolve(prefix);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(p -> p.toString().endsWith(".csv"))
              .forEach(p -> names.add(prefix + p.getFileName()));
        }
      }
    }
    names.sort(null);
    return names;
  }
}
