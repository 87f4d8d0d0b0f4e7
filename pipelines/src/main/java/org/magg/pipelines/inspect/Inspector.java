package org.magg.pipelines.inspect;

import java.io.IOException;
import org.magg.io.storage.Storage;

/**
 * {@code magg inspect}: what an output holds, whatever it is.
 *
 * <pre>{@code
 * Inspection i = Inspector.inspect("out/sample.zarr", Storage.defaults(), true);
 * System.out.print(i.text());     // or i.toJson()
 * }</pre>
 */
public final class Inspector {
  private Inspector() {}

  /**
   * Describes the output at {@code location}.
   *
   * @param ranges whether to read the values for their ranges (Zarr: every written chunk)
   * @throws IllegalArgumentException when nothing is there or it is no output magg reads
   */
  public static Inspection inspect(String location, Storage storage, boolean ranges)
      throws IOException {
    OutputKind kind = OutputKind.detect(location, storage);
    return switch (kind) {
      case ZARR -> ZarrInspector.inspect(location, storage, ranges);
      case CDF -> CdfInspector.inspect(location, storage);
      case EVENT_OUTPUT -> EventOutputInspector.inspect(location, storage);
      case TEMPORAL_OUTPUT -> TemporalOutputInspector.inspect(location, storage);
      case CUBE -> CubeInspector.inspect(location, storage, ranges);
      case DA_RUN -> DaRunInspector.inspect(location, storage);
    };
  }
}
