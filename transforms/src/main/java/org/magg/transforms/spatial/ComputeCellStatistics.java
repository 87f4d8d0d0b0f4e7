package org.magg.transforms.spatial;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.magg.core.Failure;
import org.magg.core.grid.Morton;
import org.magg.io.spatial.CellChunk;
import org.magg.io.spatial.PointBatch;
import org.magg.io.spatial.PointSpill;
import org.magg.io.spatial.RunCounters;

/**
 * Groups point batches by parent cell (a {@code long} Morton key) and computes every child cell's
 * statistics: one {@link CellChunk} per selected parent cell, including cells that received no
 * points (their chunk holds empty-cell values and the coordinates). A cell whose statistics cannot
 * be computed goes to {@link #FAILURES}; the others complete.
 */
public final class ComputeCellStatistics
    extends PTransform<PCollection<KV<Long, PointBatch>>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  /** One chunk per selected parent cell. */
  public static final TupleTag<CellChunk> CHUNKS = new TupleTag<>() {};

  /** Cells whose statistics failed. */
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  private final List<Long> cells;
  private final CellStatistics statistics;

  private ComputeCellStatistics(List<Long> cells, CellStatistics statistics) {
    this.cells = List.copyOf(cells);
    this.statistics = statistics;
  }

  /**
   * @param cells the selected parent cells in chunk order
   * @param parentOrder their order
   * @param childOrder the order statistics are computed at
   * @param inputVariables names of the batch columns, in batch order
   * @param aggregators one per output variable, in output order
   */
  public static ComputeCellStatistics of(
      List<Long> cells,
      int parentOrder,
      int childOrder,
      List<String> inputVariables,
      List<CellAggregator> aggregators) {
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("at least one parent cell must be selected");
    }
    for (Long c : cells) {
      if (Morton.order(c) != parentOrder) {
        throw new IllegalArgumentException(
            "cell "
                + Morton.format(c)
                + " has order "
                + Morton.order(c)
                + ", expected "
                + parentOrder);
      }
    }
    return new ComputeCellStatistics(
        cells, new CellStatistics(parentOrder, childOrder, inputVariables, aggregators));
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<Long, PointBatch>> points) {
    KvCoder<Long, PointBatch> coder = KvCoder.of(VarLongCoder.of(), PointBatch.coder());
    int vars = statistics.inputVariableCount();
    List<KV<Long, PointBatch>> empties = new ArrayList<>();
    for (Long c : cells) {
      empties.add(KV.of(c, new PointBatch(0, new int[0], new double[vars][0])));
    }
    PCollection<KV<Long, PointBatch>> everyCell =
        points.getPipeline().apply("EveryCell", Create.of(empties).withCoder(coder));
    PCollectionTuple out =
        PCollectionList.of(points)
            .and(everyCell)
            .apply("WithEveryCell", Flatten.pCollections())
            .apply("GroupByCell", GroupByKey.create())
            .apply(
                "CellStatistics",
                ParDo.of(new StatisticsFn(new CellChunks(cells, statistics)))
                    .withOutputTags(CHUNKS, TupleTagList.of(FAILURES)));
    out.get(CHUNKS).setCoder(CellChunk.coder());
    out.get(FAILURES).setCoder(Failure.coder());
    return out;
  }

  /**
   * The same statistics over points a read left in local files ({@link
   * org.magg.io.spatial.GranulePointsIO.ReadAll#spillingTo}): only the file names are grouped by
   * cell, and each cell's points are read back, one cell at a time, by the step that computes its
   * chunk (a file at a time, twice: counting, then placing the points), so that only the cell's
   * sorted columns are held. The output is that of this transform over the same points.
   */
  public Spilled spilled() {
    return new Spilled(cells, statistics);
  }

  /** {@link ComputeCellStatistics} over spilled points; see {@link #spilled()}. */
  public static final class Spilled
      extends PTransform<PCollection<KV<Long, KV<String, String>>>, PCollectionTuple> {
    private static final long serialVersionUID = 1L;

    private final List<Long> cells;
    private final CellStatistics statistics;

    private Spilled(List<Long> cells, CellStatistics statistics) {
      this.cells = cells;
      this.statistics = statistics;
    }

    @Override
    public PCollectionTuple expand(PCollection<KV<Long, KV<String, String>>> files) {
      KvCoder<Long, KV<String, String>> coder =
          KvCoder.of(VarLongCoder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
      List<KV<Long, KV<String, String>>> empties = new ArrayList<>();
      for (Long c : cells) {
        empties.add(KV.of(c, KV.of("", "")));
      }
      PCollection<KV<Long, KV<String, String>>> everyCell =
          files.getPipeline().apply("EveryCell", Create.of(empties).withCoder(coder));
      PCollectionTuple out =
          PCollectionList.of(files)
              .and(everyCell)
              .apply("WithEveryCell", Flatten.pCollections())
              .apply("GroupByCell", GroupByKey.create())
              .apply(
                  "CellStatistics",
                  ParDo.of(new SpilledStatisticsFn(new CellChunks(cells, statistics)))
                      .withOutputTags(CHUNKS, TupleTagList.of(FAILURES)));
      out.get(CHUNKS).setCoder(CellChunk.coder());
      out.get(FAILURES).setCoder(Failure.coder());
      return out;
    }
  }

  /** Computes one parent cell's chunk. */
  static final class StatisticsFn extends DoFn<KV<Long, Iterable<PointBatch>>, CellChunk> {
    private static final long serialVersionUID = 1L;

    private final CellChunks chunks;

    StatisticsFn(CellChunks chunks) {
      this.chunks = chunks;
    }

    @ProcessElement
    public void process(@Element KV<Long, Iterable<PointBatch>> cell, MultiOutputReceiver out) {
      // One pass over the grouped values: runners need not make them re-iterable (Flink's batch
      // GroupByKey does not, unless asked), and the statistics look at the batches twice.
      List<PointBatch> batches = new ArrayList<>();
      for (PointBatch b : cell.getValue()) {
        batches.add(b);
      }
      chunks.emit(cell.getKey(), batches, out);
    }
  }

  /**
   * Computes one parent cell's chunk from its spilled points: the files in granule order (so the
   * points are always added in the same order), each deleted once read.
   */
  static final class SpilledStatisticsFn
      extends DoFn<KV<Long, Iterable<KV<String, String>>>, CellChunk> {
    private static final long serialVersionUID = 1L;

    private final CellChunks chunks;

    SpilledStatisticsFn(CellChunks chunks) {
      this.chunks = chunks;
    }

    @ProcessElement
    public void process(
        @Element KV<Long, Iterable<KV<String, String>>> cell, MultiOutputReceiver out) {
      long morton = cell.getKey();
      List<KV<String, String>> files = new ArrayList<>();
      for (KV<String, String> f : cell.getValue()) {
        if (!f.getValue().isEmpty()) {
          files.add(f);
        }
      }
      files.sort(
          Comparator.comparing((KV<String, String> f) -> f.getKey()).thenComparing(KV::getValue));
      // read from the files at each walk, so only the cell's sorted columns are held at once
      Iterable<PointBatch> batches = () -> new SpilledBatches(morton, files);
      chunks.emit(morton, batches, out);
      for (KV<String, String> f : files) {
        try {
          PointSpill.delete(f.getValue());
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cell " + Morton.format(morton) + ": could not delete " + f.getValue(), e);
        }
      }
    }
  }

  /** The batches of a cell's spilled files, read one file at a time, in the files' order. */
  static final class SpilledBatches implements Iterator<PointBatch> {
    private final long morton;
    private final Iterator<KV<String, String>> files;
    private Iterator<PointBatch> current = Collections.emptyIterator();

    SpilledBatches(long morton, List<KV<String, String>> files) {
      this.morton = morton;
      this.files = files.iterator();
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && files.hasNext()) {
        KV<String, String> f = files.next();
        try {
          current = PointSpill.read(f.getValue()).iterator();
        } catch (IOException e) {
          // the local disk, not the data: the run cannot go on
          throw new UncheckedIOException(
              "cell "
                  + Morton.format(morton)
                  + ": could not read back the points of granule "
                  + f.getKey()
                  + " from "
                  + f.getValue(),
              e);
        }
      }
      return current.hasNext();
    }

    @Override
    public PointBatch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }

  /** Turns one parent cell's batches into its chunk, or a failure; counts both. */
  static final class CellChunks implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<Long, Integer> chunkIndex = new HashMap<>();
    private final CellStatistics statistics;
    private final Counter inFailed =
        Metrics.counter(RunCounters.NAMESPACE, RunCounters.POINTS_IN_FAILED_CELLS);
    private final Counter failed = Metrics.counter(RunCounters.NAMESPACE, RunCounters.CELLS_FAILED);
    private final Counter withData =
        Metrics.counter(RunCounters.NAMESPACE, RunCounters.CHILD_CELLS_WITH_DATA);

    CellChunks(List<Long> cells, CellStatistics statistics) {
      for (int i = 0; i < cells.size(); i++) {
        chunkIndex.put(cells.get(i), i);
      }
      this.statistics = statistics;
    }

    /**
     * Emits the chunk of {@code morton} from its batches, which it walks twice (and once more to
     * count the points of a failed cell); a batch source that cannot be read (an {@link
     * UncheckedIOException}) fails the run instead of the cell.
     */
    void emit(long morton, Iterable<PointBatch> batches, DoFn.MultiOutputReceiver out) {
      Integer index = chunkIndex.get(morton);
      if (index == null) {
        failed.inc();
        inFailed.inc(points(batches));
        out.get(FAILURES)
            .output(
                Failure.cell(
                    Morton.format(morton),
                    "cell "
                        + Morton.format(morton)
                        + " received points but is not a selected cell"));
        return;
      }
      CellChunk chunk;
      try {
        chunk = statistics.compute(morton, index, batches);
      } catch (UncheckedIOException e) {
        throw e;
      } catch (RuntimeException e) {
        failed.inc();
        inFailed.inc(points(batches));
        out.get(FAILURES)
            .output(
                Failure.cell(
                    Morton.format(morton),
                    "cell " + Morton.format(morton) + ": statistics failed: " + e));
        return;
      }
      withData.inc(chunk.childCellsWithData());
      out.get(CHUNKS).output(chunk);
    }

    private static long points(Iterable<PointBatch> batches) {
      long n = 0;
      for (PointBatch b : batches) {
        n += b.size();
      }
      return n;
    }
  }
}
