package org.magg.pipelines.spatial;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.magg.core.Failure;
import org.magg.core.Json;
import org.magg.io.spatial.ChunkWriteResult;

/**
 * Brings per-record outcomes (failures, written chunks) from the workers back to the launcher, on
 * any runner: each record is a small JSON file under a report directory, named by its content, so a
 * retried bundle rewrites the same file instead of adding one.
 */
final class RunReport {
  private static final ObjectMapper JSON = Json.mapper();

  private RunReport() {}

  /** Reports each collection of failures on its own (no Flatten, see SpatialPipeline.Outputs). */
  static void writeFailures(PCollectionList<Failure> failures, String dir) {
    for (int i = 0; i < failures.size(); i++) {
      failures.get(i).apply("ReportFailures" + (i + 1), ParDo.of(new WriteFailureFn(dir)));
    }
  }

  static void writeChunks(PCollection<ChunkWriteResult> written, String dir) {
    written.apply("ReportChunks", ParDo.of(new WriteChunkFn(dir)));
  }

  static List<Failure> readFailures(String dir) {
    List<Failure> out = new ArrayList<>();
    for (Map<?, ?> m : readAll(dir + "/failures/*.json")) {
      out.add(
          new Failure(
              (String) m.get("stage"), (String) m.get("subject"), (String) m.get("reason")));
    }
    return out;
  }

  static List<ChunkWriteResult> readChunks(String dir) {
    List<ChunkWriteResult> out = new ArrayList<>();
    for (Map<?, ?> m : readAll(dir + "/chunks/*.json")) {
      out.add(
          new ChunkWriteResult(
              ((Number) m.get("parentMorton")).longValue(),
              ((Number) m.get("chunkIndex")).intValue(),
              ((Number) m.get("pointsBinned")).longValue(),
              ((Number) m.get("childCellsWithData")).intValue(),
              ((Number) m.get("rawBytes")).longValue()));
    }
    return out;
  }

  private static List<Map<?, ?>> readAll(String pattern) {
    try {
      MatchResult match = FileSystems.match(pattern);
      List<Map<?, ?>> out = new ArrayList<>();
      if (match.status() != MatchResult.Status.OK) {
        return out;
      }
      for (MatchResult.Metadata md : match.metadata()) {
        try (InputStream in = Channels.newInputStream(FileSystems.open(md.resourceId()))) {
          out.add(JSON.readValue(in, Map.class));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read run report " + pattern, e);
    }
  }

  static void write(String dir, String kind, Object record) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(record);
    String name;
    try {
      name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ResourceId id = FileSystems.matchNewResource(dir + "/" + kind + "/" + name + ".json", false);
    try (WritableByteChannel ch = FileSystems.create(id, "application/json")) {
      ch.write(ByteBuffer.wrap(bytes));
    }
  }

  private static final class WriteFailureFn extends DoFn<Failure, Void> {
    private static final long serialVersionUID = 1L;
    private final String dir;

    WriteFailureFn(String dir) {
      this.dir = dir;
    }

    @ProcessElement
    public void process(@Element Failure f) throws IOException {
      write(
          dir,
          "failures",
          Map.of("stage", f.stage(), "subject", f.subject(), "reason", f.reason()));
    }
  }

  private static final class WriteChunkFn extends DoFn<ChunkWriteResult, Void> {
    private static final long serialVersionUID = 1L;
    private final String dir;

    WriteChunkFn(String dir) {
      this.dir = dir;
    }

    @ProcessElement
    public void process(@Element ChunkWriteResult r) throws IOException {
      write(
          dir,
          "chunks",
          Map.of(
              "parentMorton", r.parentMorton(),
              "chunkIndex", r.chunkIndex(),
              "pointsBinned", r.pointsBinned(),
              "childCellsWithData", r.childCellsWithData(),
              "rawBytes", r.rawBytes()));
    }
  }
}
