package org.magg.pipelines.historical;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names and finds the per-day input files the download phase writes: {@code
 * {prefix}_{start:yyyyMMdd'T'HHmmss}_{end:yyyyMMdd'T'HHmmss}.{csv|json}}, with prefix {@code
 * REACH-ALL} for sensor id {@code ALL} (any case) and the sensor id otherwise. A day's file is
 * found by the glob {@code {prefix}_{yyyyMMdd}T000000_*.{format}}; when several match, the first in
 * sorted order is used and a warning names the others.
 */
final class DayInputs {
  private static final Logger LOG = LoggerFactory.getLogger(DayInputs.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private DayInputs() {}

  /** {@code REACH-ALL} for {@code ALL} (any case), else the sensor id itself. */
  static String prefix(String sensorId) {
    return sensorId.toUpperCase(Locale.ROOT).equals("ALL") ? "REACH-ALL" : sensorId;
  }

  /** The name the download phase gives the file of a window. */
  static String fileName(String sensorId, LocalDateTime start, LocalDateTime end, String format) {
    return prefix(sensorId) + "_" + STAMP.format(start) + "_" + STAMP.format(end) + "." + format;
  }

  /** The glob that finds a day's file, e.g. {@code REACH-ALL_20250904T000000_*.csv}. */
  static String glob(String sensorId, LocalDate day, String format) {
    return prefix(sensorId) + "_" + STAMP.format(day.atStartOfDay()) + "_*." + format;
  }

  /** The day's input file, if any; a missing directory has none. */
  static Optional<Path> find(Path dir, LocalDate day, String sensorId, String format)
      throws IOException {
    String head = prefix(sensorId) + "_" + STAMP.format(day.atStartOfDay()) + "_";
    String tail = "." + format;
    List<Path> matches = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.startsWith(head) && n.endsWith(tail) && n.length() >= head.length() + tail.length()) {
          matches.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    matches.sort(null);
    if (matches.size() > 1) {
      LOG.warn(
          "{}: {} input files match {} in {}; using {}",
          day,
          matches.size(),
          glob(sensorId, day, format),
          dir,
          matches.get(0).getFileName());
    }
    return Optional.of(matches.get(0));
  }
}
