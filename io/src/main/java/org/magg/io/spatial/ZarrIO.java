package org.magg.io.spatial;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.magg.core.Failure;
import org.magg.core.grid.Morton;
import org.magg.io.s3.S3Settings;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.FileSystemZarrStore;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;
import org.magg.io.zarr.ZarrStores;

/**
 * The Zarr sink of cell statistics (xdggs layout, see {@link CellStoreSpec}). It writes the store's
 * metadata once, then every chunk (each chunk write replaces the whole chunk object, so a retried
 * bundle leaves the same store), then consolidates the metadata. It returns what it wrote and
 * routes chunks that cannot be written to {@link #FAILURES}. Windowing does not matter to it.
 *
 * <pre>{@code
 * PCollectionTuple written = chunks.apply(ZarrIO.write().to("out.zarr").withSpec(spec));
 * }</pre>
 */
public final class ZarrIO {
  /** One result per chunk written. */
  public static final TupleTag<ChunkWriteResult> WRITTEN = new TupleTag<>() {};

  /** Chunks that could not be written. */
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  private ZarrIO() {}

  /** A write with nothing chosen yet: call {@code to} and {@code withSpec}. */
  public static Write write() {
    return new Write(null, null, S3Settings.defaults());
  }

  /**
   * Makes {@code location} ready for a new store: refuses an existing store unless {@code
   * overwrite}, and then deletes it (only when it looks like a Zarr store).
   */
  public static void prepareStore(String location, boolean overwrite) {
    prepareStore(location, overwrite, S3Settings.defaults());
  }

  /**
   * As {@link #prepareStore(String, boolean)}; an {@code s3://} store is reached with {@code s3}.
   */
  public static void prepareStore(String location, boolean overwrite, S3Settings s3) {
    ZarrStore store = ZarrStores.open(location, s3);
    if (checkStore(store, location, overwrite)) {
      try {
        store.deletePrefix("");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare store " + location, e);
      }
    }
  }

  /**
   * The check of {@link #prepareStore(String, boolean, S3Settings)} alone, deleting nothing, for a
   * run to make before it reads anything: an existing store is refused unless {@code overwrite},
   * and a location holding something other than a Zarr store is refused even then.
   *
   * @throws IllegalArgumentException naming the location and {@code --overwrite}
   */
  public static void checkStore(String location, boolean overwrite, S3Settings s3) {
    checkStore(ZarrStores.open(location, s3), location, overwrite);
  }

  /** Whether the store holds anything (which {@code overwrite} allows to be deleted). */
  private static boolean checkStore(ZarrStore store, String location, boolean overwrite) {
    try {
      List<String> keys = store.list("");
      if (keys.isEmpty()) {
        return false;
      }
      if (!overwrite) {
        throw new IllegalArgumentException(
            "store " + location + " already exists; pass --overwrite to replace it");
      }
      boolean zarr =
          keys.stream()
              .anyMatch(
                  k -> k.endsWith("zarr.json") || k.endsWith(".zgroup") || k.endsWith(".zarray"));
      if (!zarr) {
        throw new IllegalArgumentException(
            location + " exists and is not a Zarr store; refusing to delete it");
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare store " + location, e);
    }
  }

  /** The group attribute listing the parent cells (Morton ids) whose chunk is incomplete. */
  public static final String FAILED_PARENT_CELLS = "failed_parent_cells";

  /**
   * Marks parent cells as failed in a written store: their Morton ids, in the given order, go into
   * the group attribute {@value #FAILED_PARENT_CELLS}, and the metadata is consolidated again. A
   * failed cell's chunk may hold statistics of only part of its points (the granules that could be
   * read), or be unwritten (fill values). Nothing is changed when {@code cells} is empty, so a run
   * without failures leaves the same store as before.
   */
  public static void markFailedCells(
      String location, CellStoreSpec spec, List<String> cells, S3Settings s3) {
    if (cells.isEmpty()) {
      return;
    }
    try {
      ZarrStore store = ZarrStores.open(location, s3);
      ZarrGroup group = ZarrGroup.open(store, spec.groupPath());
      Map<String, Object> attrs = new LinkedHashMap<>(group.attributes());
      attrs.put(FAILED_PARENT_CELLS, List.copyOf(cells));
      group.withAttributes(attrs);
      ZarrStores.consolidate(store, spec.format());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot mark failed cells " + cells + " in store " + location, e);
    }
  }

  /**
   * Removes what chunk writes killed mid-way left in a local store (S3 writes leave nothing: each
   * is one PUT). A restarted task rewrites the chunk itself, so only the temporary file remains.
   *
   * @return how many temporary files were removed
   */
  public static int removeUnfinishedWrites(String location, S3Settings s3) {
    ZarrStore store = ZarrStores.open(location, s3);
    if (!(store instanceof FileSystemZarrStore local)) {
      return 0;
    }
    try {
      return local.removeTemporaryFiles();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean unfinished writes in store " + location, e);
    }
  }

  /** Writes {@code PCollection<CellChunk>} into a store. */
  public static final class Write extends PTransform<PCollection<CellChunk>, PCollectionTuple> {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final CellStoreSpec spec;
    private final S3Settings s3;

    private Write(String location, CellStoreSpec spec, S3Settings s3) {
      this.location = location;
      this.spec = spec;
      this.s3 = s3;
    }

    /** The store location (a directory, a {@code file:} URI or {@code s3://bucket/prefix}). */
    public Write to(String location) {
      requireNonNull(location, "Store location cannot be null.");
      return new Write(location, spec, s3);
    }

    /** The store layout. */
    public Write withSpec(CellStoreSpec spec) {
      requireNonNull(spec, "Store spec cannot be null.");
      return new Write(location, spec, s3);
    }

    /** How an {@code s3://} store is reached (default: {@link S3Settings#defaults()}). */
    public Write withS3(S3Settings s3) {
      requireNonNull(s3, "S3 settings cannot be null.");
      return new Write(location, spec, s3);
    }

    @Override
    public PCollectionTuple expand(PCollection<CellChunk> chunks) {
      if (location == null) {
        throw new IllegalArgumentException(
            "Store location needs to be provided. Please call `.to`.");
      }
      if (spec == null) {
        throw new IllegalArgumentException(
            "Store spec needs to be provided. Please call `.withSpec`.");
      }
      PCollection<String> template =
          chunks
              .getPipeline()
              .apply("StoreLocation", Create.of(location).withCoder(StringUtf8Coder.of()))
              .apply("WriteMetadata", ParDo.of(new WriteMetadataFn(spec, s3)));
      PCollection<CellChunk> afterMetadata =
          chunks.apply("AfterMetadata", Wait.on(template)).setCoder(CellChunk.coder());
      PCollectionTuple written =
          afterMetadata.apply(
              "WriteChunks",
              ParDo.of(new WriteChunkFn(location, spec, s3))
                  .withOutputTags(WRITTEN, TupleTagList.of(FAILURES)));
      written.get(WRITTEN).setCoder(ChunkWriteResult.coder());
      written.get(FAILURES).setCoder(Failure.coder());
      template
          .apply("AfterChunks", Wait.on(written.get(WRITTEN), written.get(FAILURES)))
          .setCoder(StringUtf8Coder.of())
          .apply("Consolidate", ParDo.of(new ConsolidateFn(spec, s3)));
      return written;
    }
  }

  /** Creates the group and its arrays (replacing any metadata there). */
  static final class WriteMetadataFn extends DoFn<String, String> {
    private static final long serialVersionUID = 1L;
    private final CellStoreSpec spec;
    private final S3Settings s3;

    WriteMetadataFn(CellStoreSpec spec, S3Settings s3) {
      this.spec = spec;
      this.s3 = s3;
    }

    @ProcessElement
    public void process(@Element String location, OutputReceiver<String> out) throws IOException {
      ZarrStore store = ZarrStores.open(location, s3);
      ZarrGroup.create(store, "", spec.format(), Map.of());
      ZarrGroup group =
          ZarrGroup.create(store, spec.groupPath(), spec.format(), spec.groupAttributes());
      long length = (long) spec.chunkLength() * spec.chunkCount();
      for (CellStoreSpec.ArraySpec a : spec.arrays()) {
        DataType type = DataType.fromV3Name(a.dtype());
        ArrayMetadata.Builder md =
            ArrayMetadata.builder()
                .withFormat(spec.format())
                .withShape(length)
                .withChunkShape(spec.chunkLength())
                .withDataType(type)
                .withCompressor(spec.zarrCompressor())
                .withDimensionNames("cells")
                .withAttributes(a.attributes());
        if (type.isFloatingPoint()) {
          md.withFillValue(a.fillValue());
        } else {
          md.withFillValue((long) a.fillValue());
        }
        group.createArray(a.name(), md.build());
      }
      out.output(location);
    }
  }

  /** Writes one parent cell's chunk of every array. */
  static final class WriteChunkFn extends DoFn<CellChunk, ChunkWriteResult> {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final CellStoreSpec spec;
    private final S3Settings s3;
    private final Counter written = RunCounters.counter(RunCounters.CELLS_WRITTEN);
    private final Counter binned = RunCounters.counter(RunCounters.POINTS_BINNED);
    private final Counter failed = RunCounters.counter(RunCounters.CELLS_FAILED);
    private final Counter inFailed = RunCounters.counter(RunCounters.POINTS_IN_FAILED_CELLS);
    private final Counter rewritten = RunCounters.counter(RunCounters.CHUNKS_REWRITTEN);
    private transient ZarrArray[] arrays;

    WriteChunkFn(String location, CellStoreSpec spec, S3Settings s3) {
      this.location = location;
      this.spec = spec;
      this.s3 = s3;
    }

    private ZarrArray[] arrays() throws IOException {
      if (arrays == null) {
        ZarrStore store = ZarrStores.open(location, s3);
        ZarrArray[] opened = new ZarrArray[spec.arrays().size()];
        for (int i = 0; i < opened.length; i++) {
          opened[i] =
              ZarrArray.open(
                  store, spec.groupPath() + "/" + spec.arrays().get(i).name(), spec.format());
        }
        arrays = opened;
      }
      return arrays;
    }

    @ProcessElement
    public void process(@Element CellChunk chunk, MultiOutputReceiver out) {
      String cell = Morton.format(chunk.parentMorton());
      try {
        if (chunk.childCount() != spec.chunkLength()) {
          throw new IllegalArgumentException(
              "chunk has "
                  + chunk.childCount()
                  + " cells, the store expects "
                  + spec.chunkLength());
        }
        if (chunk.chunkIndex() < 0 || chunk.chunkIndex() >= spec.chunkCount()) {
          throw new IllegalArgumentException(
              "chunk index " + chunk.chunkIndex() + " outside [0, " + spec.chunkCount() + ")");
        }
        long[] coords = {chunk.chunkIndex()};
        ZarrArray[] zarr = arrays();
        // The store was new or cleared when the run began: a chunk already there was written by
        // an earlier attempt of this task (its worker was lost); it is written again, whole.
        if (zarr[0].store().exists(zarr[0].chunkKey(coords))) {
          rewritten.inc();
        }
        long bytes = 0;
        for (int i = 0; i < zarr.length; i++) {
          CellStoreSpec.ArraySpec a = spec.arrays().get(i);
          bytes += CellChunkValues.write(zarr[i], coords, a, chunk);
        }
        written.inc();
        binned.inc(chunk.pointsBinned());
        out.get(WRITTEN)
            .output(
                new ChunkWriteResult(
                    chunk.parentMorton(),
                    chunk.chunkIndex(),
                    chunk.pointsBinned(),
                    chunk.childCellsWithData(),
                    bytes));
      } catch (IOException | RuntimeException e) {
        failed.inc();
        inFailed.inc(chunk.pointsBinned());
        out.get(FAILURES)
            .output(
                Failure.cell(
                    cell,
                    "cell "
                        + cell
                        + ": chunk "
                        + chunk.chunkIndex()
                        + " of store "
                        + location
                        + " could not be written: "
                        + e));
      }
    }
  }

  /** Writes consolidated metadata once every chunk is written. */
  static final class ConsolidateFn extends DoFn<String, Void> {
    private static final long serialVersionUID = 1L;
    private final CellStoreSpec spec;
    private final S3Settings s3;

    ConsolidateFn(CellStoreSpec spec, S3Settings s3) {
      this.spec = spec;
      this.s3 = s3;
    }

    @ProcessElement
    public void process(@Element String location) throws IOException {
      ZarrStores.consolidate(ZarrStores.open(location, s3), spec.format());
    }
  }
}
