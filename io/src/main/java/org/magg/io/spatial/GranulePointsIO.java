package org.magg.io.spatial;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.magg.core.Failure;
import org.magg.core.grid.SpatialBounds;
import org.magg.io.s3.S3Settings;

/**
 * Reads point granules (HDF5 or CSV, as the data source says) and emits the kept points as columnar
 * batches keyed by parent cell (Morton index). Each granule is read once, whatever the number of
 * cells it crosses. Granules and groups that cannot be read go to {@link #FAILURES} with the
 * reason; the run goes on.
 *
 * <pre>{@code
 * PCollectionTuple read = assignments.apply(GranulePointsIO.readAll()
 *     .withDataSource(config.dataSource()).withVariables(List.of("h_li", "s_li"))
 *     .withOrders(6, 12));
 * PCollection<KV<Long, PointBatch>> points = read.get(GranulePointsIO.POINTS);
 * }</pre>
 */
public final class GranulePointsIO {
  /** Kept points keyed by parent cell. */
  public static final TupleTag<KV<Long, PointBatch>> POINTS = new TupleTag<>() {};

  /**
   * With {@link ReadAll#spillingTo}: per parent cell, the granule and the file its kept points of
   * that cell were written to (instead of {@link #POINTS}).
   */
  public static final TupleTag<KV<Long, KV<String, String>>> SPILLED = new TupleTag<>() {};

  /** Granules and groups that could not be read. */
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  private GranulePointsIO() {}

  /** Reads the granules of a {@code PCollection<GranuleAssignment>}. */
  public static ReadAll readAll() {
    return new ReadAll(null, List.of(), -1, -1, null, S3Settings.defaults(), null);
  }

  /** The read transform; configure it with the {@code with...} methods. */
  public static final class ReadAll
      extends PTransform<PCollection<GranuleAssignment>, PCollectionTuple> {
    private static final long serialVersionUID = 1L;

    private final PointSource source;
    private final List<String> variables;
    private final int parentOrder;
    private final int childOrder;
    private final SpatialBounds bounds;
    private final S3Settings s3;
    private final PointSpill spill;

    private ReadAll(
        PointSource source,
        List<String> variables,
        int parentOrder,
        int childOrder,
        SpatialBounds bounds,
        S3Settings s3,
        PointSpill spill) {
      this.source = source;
      this.variables = List.copyOf(variables);
      this.parentOrder = parentOrder;
      this.childOrder = childOrder;
      this.bounds = bounds;
      this.s3 = s3;
      this.spill = spill;
    }

    /** The data source: reader, groups, coordinate, variable and quality paths. */
    public ReadAll withDataSource(PointSource source) {
      requireNonNull(source, "Data source cannot be null.");
      return new ReadAll(source, variables, parentOrder, childOrder, bounds, s3, spill);
    }

    /** The data-source variables to read, in the order the batches carry them. */
    public ReadAll withVariables(List<String> variables) {
      requireNonNull(variables, "Variables cannot be null.");
      return new ReadAll(source, variables, parentOrder, childOrder, bounds, s3, spill);
    }

    /** The parent (catalog) order and the child (statistics) order. */
    public ReadAll withOrders(int parentOrder, int childOrder) {
      return new ReadAll(source, variables, parentOrder, childOrder, bounds, s3, spill);
    }

    /** Drops points outside these bounds (reason {@code outside_bounds}); null keeps all. */
    public ReadAll withBounds(SpatialBounds bounds) {
      return new ReadAll(source, variables, parentOrder, childOrder, bounds, s3, spill);
    }

    /** How {@code s3://} granules are reached (default: {@link S3Settings#defaults()}). */
    public ReadAll withS3(S3Settings s3) {
      requireNonNull(s3, "S3 settings cannot be null.");
      return new ReadAll(source, variables, parentOrder, childOrder, bounds, s3, spill);
    }

    /**
     * Writes the kept points to local files (one per granule and parent cell) and emits their names
     * on {@link #SPILLED} instead of the batches on {@link #POINTS}; null emits the batches.
     */
    public ReadAll spillingTo(PointSpill spill) {
      return new ReadAll(source, variables, parentOrder, childOrder, bounds, s3, spill);
    }

    @Override
    public PCollectionTuple expand(PCollection<GranuleAssignment> input) {
      if (source == null) {
        throw new IllegalArgumentException(
            "Data source needs to be provided. Please call `.withDataSource`.");
      }
      if (parentOrder < 0 || childOrder < 0) {
        throw new IllegalArgumentException(
            "Orders need to be provided. Please call `.withOrders(parent, child)`.");
      }
      for (String v : variables) {
        if (!source.variables().containsKey(v)) {
          throw new IllegalArgumentException(
              "variable '"
                  + v
                  + "' is not a data_source variable (known: "
                  + String.join(", ", source.variables().keySet())
                  + ")");
        }
      }
      PointReader reader =
          source.reader() == PointSource.Reader.HDF5
              ? new Hdf5PointReader(source, variables, s3)
              : new CsvPointReader(source, variables, s3);
      Double quality = source.qualityFilter() == null ? null : source.qualityFilter().value();
      PointBinner binner = new PointBinner(parentOrder, childOrder, bounds, quality);
      PCollectionTuple out =
          input.apply(
              "ReadGranules",
              ParDo.of(new ReadPointsFn(reader, binner, variables.size(), spill))
                  .withOutputTags(POINTS, TupleTagList.of(FAILURES).and(SPILLED)));
      out.get(POINTS).setCoder(KvCoder.of(VarLongCoder.of(), PointBatch.coder()));
      out.get(SPILLED)
          .setCoder(
              KvCoder.of(
                  VarLongCoder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
      out.get(FAILURES).setCoder(Failure.coder());
      return out;
    }
  }

  /** Reads one granule and emits its kept points, one batch per parent cell. */
  static final class ReadPointsFn extends DoFn<GranuleAssignment, KV<Long, PointBatch>> {
    private static final long serialVersionUID = 1L;

    /** Malformed rows of a granule reported one by one; the rest are only counted. */
    static final int MALFORMED_ROWS_LISTED = 10;

    private final PointReader reader;
    private final PointBinner binner;
    private final int variableCount;
    private final PointSpill spill;

    private final Counter granulesRead = RunCounters.counter(RunCounters.GRANULES_READ);
    private final Counter granulesFailed = RunCounters.counter(RunCounters.GRANULES_FAILED);
    private final Counter groupsRead = RunCounters.counter(RunCounters.GROUPS_READ);
    private final Counter groupsMissing = RunCounters.counter(RunCounters.GROUPS_MISSING);
    private final Counter groupsFailed = RunCounters.counter(RunCounters.GROUPS_FAILED);
    private final Counter pointsRead = RunCounters.counter(RunCounters.POINTS_READ);
    private final Counter pointsKept = RunCounters.counter(RunCounters.POINTS_KEPT);
    private final Map<FilterReason, Counter> filtered = RunCounters.filterCounters();

    ReadPointsFn(PointReader reader, PointBinner binner, int variableCount, PointSpill spill) {
      this.reader = reader;
      this.binner = binner;
      this.variableCount = variableCount;
      this.spill = spill;
    }

    @ProcessElement
    public void process(@Element GranuleAssignment assignment, MultiOutputReceiver out) {
      String granule = assignment.granule();
      PointBinner.Granule acc = binner.start(assignment.parentCells(), variableCount);
      int[] groups = new int[3];
      long[] malformed = new long[1];
      try {
        reader.read(
            granule,
            new PointReader.Listener() {
              @Override
              public void columns(PointColumns columns) {
                groups[0]++;
                acc.add(columns);
              }

              @Override
              public void groupMissing(String group) {
                groups[1]++;
              }

              @Override
              public void groupFailed(String group, String reason) {
                groups[2]++;
                out.get(FAILURES).output(Failure.group(granule, group, reason));
              }

              @Override
              public void rowMalformed(String group, long line, String reason) {
                acc.malformedRow();
                if (++malformed[0] <= MALFORMED_ROWS_LISTED) {
                  out.get(FAILURES).output(Failure.row(granule, line, reason));
                }
              }
            });
      } catch (Exception e) {
        // The whole granule is unusable: report it, keep nothing from it, and go on.
        granulesFailed.inc();
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!reason.contains(granule)) {
          reason = "granule " + granule + ": " + reason;
        }
        out.get(FAILURES).output(Failure.granule(granule, reason));
        return;
      }
      granulesRead.inc();
      groupsRead.inc(groups[0]);
      groupsMissing.inc(groups[1]);
      groupsFailed.inc(groups[2]);
      pointsRead.inc(acc.read);
      pointsKept.inc(acc.kept);
      for (FilterReason r : FilterReason.values()) {
        long n = acc.filtered[r.ordinal()];
        if (n > 0) {
          filtered.get(r).inc(n);
        }
      }
      for (Map.Entry<Long, List<PointBatch>> e : acc.batches().entrySet()) {
        if (spill == null) {
          for (PointBatch b : e.getValue()) {
            out.get(POINTS).output(KV.of(e.getKey(), b));
          }
          continue;
        }
        String file;
        try {
          file = spill.write(e.getKey(), e.getValue());
        } catch (IOException x) {
          // the local disk, not the granule: the run cannot go on
          throw new UncheckedIOException(
              "could not write the points of granule " + granule + " to " + spill.root(), x);
        }
        out.get(SPILLED).output(KV.of(e.getKey(), KV.of(granule, file)));
      }
    }
  }
}
