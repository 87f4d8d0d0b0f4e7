package org.magg.pipelines.historical;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.magg.core.Json;
import org.magg.transforms.historical.DayResult;

/**
 * Brings the {@link DayResult}s from the workers back to the launcher on any runner: one small JSON
 * file per day, named by the day, under a report directory (Beam's file systems: {@code
 * --tempLocation} or a local temporary directory). A retried bundle rewrites its days' files, so
 * the launcher sees exactly one result per day.
 */
final class DayReport {
  private static final ObjectMapper JSON = Json.mapper();

  private DayReport() {}

  /** A fresh report directory under {@code --tempLocation}, else a local temporary directory. */
  static String newDir(PipelineOptions options) {
    String temp = options.getTempLocation();
    String id = "magg-days-" + UUID.randomUUID();
    if (temp != null && !temp.isBlank()) {
      FileSystems.setDefaultPipelineOptions(options);
      try {
        FileSystems.matchNewResource(temp, true);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--tempLocation="
                + temp
                + ": no Beam file system handles this location ("
                + e.getMessage()
                + ")",
            e);
      }
      return temp.endsWith("/") ? temp + id : temp + "/" + id;
    }
    try {
      return Files.createTempDirectory(id).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a report directory", e);
    }
  }

  static void write(PCollection<DayResult> results, String dir) {
    results.apply("ReportDays", ParDo.of(new WriteFn(dir)));
  }

  /** The results, by day. */
  static Map<String, DayResult> read(String dir) {
    Map<String, DayResult> out = new HashMap<>();
    try {
      MatchResult match = FileSystems.match(dir + "/*.json");
      if (match.status() != MatchResult.Status.OK) {
        return out;
      }
      for (MatchResult.Metadata md : match.metadata()) {
        try (InputStream in = Channels.newInputStream(FileSystems.open(md.resourceId()))) {
          DayResult r = JSON.readValue(in, DayResult.class);
          out.put(r.date(), r);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the day report in " + dir, e);
    }
  }

  /** Removes a local report directory (one in a remote temp location is left to its lifecycle). */
  static void deleteQuietly(String dir) {
    if (dir.contains("://")) {
      return;
    }
    try (var paths = Files.walk(java.nio.file.Path.of(dir))) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover directory in the temp area is harmless
    }
  }

  private static final class WriteFn extends DoFn<DayResult, Void> {
    private static final long serialVersionUID = 1L;
    private final String dir;

    WriteFn(String dir) {
      this.dir = dir;
    }

    @ProcessElement
    public void process(@Element DayResult r) throws IOException {
      ResourceId id = FileSystems.matchNewResource(dir + "/" + r.date() + ".json", false);
      try (WritableByteChannel ch = FileSystems.create(id, "application/json")) {
        ch.write(ByteBuffer.wrap(JSON.writeValueAsBytes(r)));
      }
    }
  }
}
