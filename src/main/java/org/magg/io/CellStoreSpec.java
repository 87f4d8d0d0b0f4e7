package org.magg.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.config.CoordinateSpec;
import org.magg.config.OutputConfig;
import org.magg.config.PipelineConfig;
import org.magg.config.VariableSpec;
import org.magg.grid.Morton;
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

  /** The layout of a spatial run's store. */
  public static CellStoreSpec forSpatial(
      PipelineConfig config, CatalogSelection selection, int childOrder) {
    int parentOrder = selection.parentOrder();
    int chunkLength = 1 << (2 * (childOrder - parentOrder));
    List<ArraySpec> arrays = new ArrayList<>();
    for (CoordinateSpec c : config.aggregation().coordinates().values()) {
      boolean ids = c.name().equals("cell_ids");
      Map<String, Object> attrs = new LinkedHashMap<>();
      if (ids) {
        attrs.put("grid_name", "healpix");
        attrs.put("level", childOrder);
        attrs.put("indexing_scheme", "nested");
        attrs.put("description", "HEALPix nested cell id at the refinement level");
      } else {
        attrs.put("description", "Morton index (mortie) of the cell at the refinement level");
      }
      arrays.add(
          new ArraySpec(
              c.name(), ids ? Kind.CELL_IDS : Kind.MORTON, -1, c.dtype(), c.fillValue(), attrs));
    }
    int v = 0;
    for (VariableSpec spec : config.aggregation().variables().values()) {
      Map<String, Object> attrs = new LinkedHashMap<>();
      if (spec.function() != null) {
        attrs.put("function", spec.function());
        attrs.put("source", spec.source());
        if (!spec.params().isEmpty()) {
          attrs.put("params", spec.params());
        }
      } else {
        attrs.put("expression", spec.expression());
      }
      arrays.add(
          new ArraySpec(spec.name(), Kind.VARIABLE, v++, spec.dtype(), spec.fillValue(), attrs));
    }
    Map<String, Object> dggs = new LinkedHashMap<>();
    dggs.put("name", "healpix");
    dggs.put("refinement_level", childOrder);
    dggs.put("indexing_scheme", "nested");
    dggs.put("spatial_dimension", "cells");
    dggs.put("coordinate", "cell_ids");
    dggs.put("ellipsoid", "WGS84");
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("dggs", dggs);
    attrs.put("parent_order", parentOrder);
    attrs.put("child_order", childOrder);
    attrs.put("layout", "compacted: chunk i holds the children of parent_cells[i] in nested order");
    List<String> parents = new ArrayList<>();
    for (Long c : selection.cells()) {
      parents.add(Morton.format(c));
    }
    attrs.put("parent_cells", parents);
    attrs.put("producer", "magg-beam");
    OutputConfig out = config.output();
    return new CellStoreSpec(
        out.zarrFormat() == 2 ? ZarrFormat.V2 : ZarrFormat.V3,
        Integer.toString(childOrder),
        chunkLength,
        selection.cellCount(),
        arrays,
        attrs,
        out.compressor(),
        out.compressionLevel());
  }
}
