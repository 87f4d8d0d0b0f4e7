package org.magg.io.spatial;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.io.zarr.Compressor;
import org.magg.io.zarr.ZarrFormat;

/**
 * The layout of a cell statistics store, as magg writes it for xdggs: a group at path {@code
 * "{child_order}"} with one 1-D array per coordinate ({@code cell_ids}, {@code morton}) and per
 * output variable, dimension {@code cells}, chunk length {@code 4^(child - parent)}, compacted
 * (chunk {@code i} holds the children of the {@code i}-th selected parent cell).
 *
 * @param format Zarr v3 or v2
 * @param groupPath the group holding the arrays
 * @param chunkLength children per parent cell
 * @param chunkCount selected parent cells
 * @param arrays the arrays, coordinates first
 * @param groupAttributes the group's attributes (xdggs {@code dggs} description and provenance)
 * @param compressor {@code none}, {@code gzip} or {@code zstd}
 * @param compressionLevel level of the compressor
 */
public record CellStoreSpec(
    ZarrFormat format,
    String groupPath,
    int chunkLength,
    int chunkCount,
    List<ArraySpec> arrays,
    Map<String, Object> groupAttributes,
    String compressor,
    int compressionLevel)
    implements Serializable {

  /** What an array holds. */
  public enum Kind {
    CELL_IDS,
    MORTON,
    VARIABLE
  }

  /**
   * One array of the store.
   *
   * @param name array name
   * @param kind what it holds
   * @param variableIndex for variables, the index into {@code CellChunk.values()}; else -1
   * @param dtype data type name ({@code float32}, {@code uint64}, ...)
   * @param fillValue fill value
   * @param attributes array attributes
   */
  public record ArraySpec(
      String name,
      Kind kind,
      int variableIndex,
      String dtype,
      double fillValue,
      Map<String, Object> attributes)
      implements Serializable {
    public ArraySpec {
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
  }

  public CellStoreSpec {
    arrays = List.copyOf(arrays);
    groupAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(groupAttributes));
  }

  /** The compressor as the Zarr writer takes it. */
  public Compressor zarrCompressor() {
    switch (compressor) {
      case "gzip":
        return Compressor.gzip(compressionLevel);
      case "zstd":
        return Compressor.zstd(compressionLevel);
      default:
        return Compressor.none();
    }
  }
}
