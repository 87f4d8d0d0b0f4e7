package org.magg.pipelines.plot;

import java.io.IOException;
import org.magg.io.storage.Storage;
import org.magg.pipelines.inspect.OutputKind;

/**
 * {@code magg plot}: a PNG quick-look of an output.
 *
 * <pre>{@code
 * String what = Plotter.plot("out/sample.zarr", "h_mean", "h_mean.png", Storage.defaults());
 * }</pre>
 */
public final class Plotter {
  private Plotter() {}

  /**
   * Draws the output at {@code location} into the PNG file {@code out} (local or S3).
   *
   * @param variable the variable of a cell store, or the metric of an event output (null: the
   *     default, {@code h_mean} or the first metric)
   * @return one line saying what was drawn
   * @throws IllegalArgumentException when the output cannot be drawn, naming it and why
   */
  public static String plot(String location, String variable, String out, Storage storage)
      throws IOException {
    OutputKind kind = OutputKind.detect(location, storage);
    Canvas canvas;
    String description;
    switch (kind) {
      case ZARR -> {
        CellMapPlot.Drawn d = CellMapPlot.draw(location, storage, variable);
        canvas = d.canvas();
        description = d.description();
      }
      case EVENT_OUTPUT -> {
        EventPlot.Drawn d = EventPlot.draw(location, storage, variable);
        canvas = d.canvas();
        description = d.description();
      }
      case DA_RUN -> {
        RmsePlot.Drawn d = RmsePlot.draw(location, storage);
        canvas = d.canvas();
        description = d.description();
      }
      default ->
          throw new IllegalArgumentException(
              location
                  + ": a "
                  + kind.description()
                  + " has no plot; plot a spatial cell store, an event output directory or a DA run"
                  + " directory");
    }
    storage.write(out, canvas.png());
    return description;
  }
}
