package org.magg.transforms.event;

import java.util.Objects;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GridSlice;
import org.magg.io.gridded.SliceFn;
import org.magg.io.temporal.FieldGrid;

/**
 * Detects the objects of each field timestep, in parallel: evaluates the {@link SliceMask}, labels
 * the connected components on the {@link DetectionGrid} and keeps those the {@link DetectionRules}
 * allow ({@link ObjectDetector}). Emits one {@link StepObjects} per timestep, with the slice's
 * timestamp, even when nothing was detected (the timestep still counts for tracking). A timestep
 * that cannot be evaluated (a variable missing, a field on another grid) goes to {@link #FAILURES}
 * with the reason.
 */
public final class DetectObjects extends PTransform<PCollection<FieldSlice>, PCollectionTuple> {
  /** The objects of each timestep. */
  public static final TupleTag<StepObjects> OBJECTS = new TupleTag<>() {};

  /** Timesteps that could not be evaluated. */
  public static final TupleTag<Failure> FAILURES = new TupleTag<>() {};

  private final DetectionGrid grid;
  private final DetectionRules rules;
  private final SliceMask mask;
  private final boolean[] landfall;

  private DetectObjects(
      DetectionGrid grid, DetectionRules rules, SliceMask mask, boolean[] landfall) {
    this.grid = grid;
    this.rules = rules;
    this.mask = mask;
    this.landfall = landfall;
  }

  /**
   * @param grid the grid every field must be on, with its cell areas
   * @param rules connectivity and minimum sizes
   * @param mask the detection predicate and value field
   */
  public static DetectObjects of(DetectionGrid grid, DetectionRules rules, SliceMask mask) {
    Objects.requireNonNull(grid, "Detection grid cannot be null.");
    Objects.requireNonNull(rules, "Detection rules cannot be null.");
    Objects.requireNonNull(mask, "Slice mask cannot be null.");
    return new DetectObjects(grid, rules, mask, null);
  }

  /** Also marks the objects touching {@code region} (one flag per cell; null for none). */
  public DetectObjects withLandfall(boolean[] region) {
    ObjectDetector.of(grid, rules).withLandfall(region); // checks the size
    return new DetectObjects(grid, rules, mask, region == null ? null : region.clone());
  }

  @Override
  public PCollectionTuple expand(PCollection<FieldSlice> slices) {
    PCollectionTuple out =
        slices.apply(
            "DetectObjects",
            ParDo.of(new DetectFn(grid, rules, mask, landfall))
                .withOutputTags(OBJECTS, TupleTagList.of(FAILURES)));
    out.get(OBJECTS).setCoder(StepObjects.coder());
    out.get(FAILURES).setCoder(Failure.coder());
    return out;
  }

  /**
   * The same detection as a {@link SliceFn}, to run inside the reading step ({@link
   * org.magg.io.gridded.GriddedFieldIO.Read#thenApply}) so that field slices are neither held nor
   * passed between steps; a timestep that cannot be evaluated becomes the same failure as here.
   */
  public SliceFn<StepObjects> asSliceFn() {
    return new DetectSliceFn(grid, rules, mask, landfall);
  }

  /** Detects the objects of one slice; counts timesteps, objects and failures. */
  static final class DetectSliceFn implements SliceFn<StepObjects> {
    private static final long serialVersionUID = 1L;
    private final DetectionGrid grid;
    private final DetectionRules rules;
    private final SliceMask mask;
    private final boolean[] landfall;
    private final Counter steps = Metrics.counter("events", "timesteps_detected");
    private final Counter objects = Metrics.counter("events", "objects_detected");
    private final Counter failed = Metrics.counter("events", "timesteps_failed");
    private transient ObjectDetector detector;

    DetectSliceFn(DetectionGrid grid, DetectionRules rules, SliceMask mask, boolean[] landfall) {
      this.grid = grid;
      this.rules = rules;
      this.mask = mask;
      this.landfall = landfall;
    }

    @Override
    public void setup() {
      detector = ObjectDetector.of(grid, rules).withLandfall(landfall);
    }

    @Override
    public StepObjects apply(FieldSlice slice) {
      StepObjects found;
      try {
        checkGrid(slice);
        MaskedField field = mask.evaluate(slice);
        found = detector.detect(slice.time(), field.mask(), field.values());
      } catch (RuntimeException e) {
        failed.inc();
        throw e;
      }
      steps.inc();
      objects.inc(found.objects().size());
      return found;
    }

    /** Refuses a slice with a variable on another grid than the detection grid. */
    private void checkGrid(FieldSlice slice) {
      FieldGrid expected = grid.grid();
      double[] lat = null;
      double[] lon = null;
      for (var e : slice.variables().entrySet()) {
        GridSlice g = e.getValue();
        if (g.lat() == lat && g.lon() == lon) {
          continue;
        }
        lat = g.lat();
        lon = g.lon();
        String why = expected.mismatch(new FieldGrid(lat, lon));
        if (why != null) {
          throw new IllegalArgumentException(
              "variable '"
                  + e.getKey()
                  + "' is on another grid than the detection grid "
                  + expected.describe()
                  + ": "
                  + why
                  + "; regrid the file to the detection grid or move it out of the fields");
        }
      }
    }
  }

  static final class DetectFn extends DoFn<FieldSlice, StepObjects> {
    private final DetectSliceFn fn;

    DetectFn(DetectionGrid grid, DetectionRules rules, SliceMask mask, boolean[] landfall) {
      this.fn = new DetectSliceFn(grid, rules, mask, landfall);
    }

    @Setup
    public void setup() {
      fn.setup();
    }

    @ProcessElement
    public void process(@Element FieldSlice slice, MultiOutputReceiver out) {
      StepObjects found;
      try {
        found = fn.apply(slice);
      } catch (RuntimeException e) {
        out.get(FAILURES).output(fn.failure(slice, e));
        return;
      }
      out.get(OBJECTS).output(found);
    }
  }
}
