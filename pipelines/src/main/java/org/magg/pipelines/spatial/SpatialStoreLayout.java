package org.magg.pipelines.spatial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.grid.Morton;
import org.magg.io.spatial.CellStoreSpec;
import org.magg.io.spatial.GranuleSelection;
import org.magg.io.zarr.ZarrFormat;
import org.magg.pipelines.config.CoordinateSpec;
import org.magg.pipelines.config.OutputConfig;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.pipelines.config.VariableSpec;

/** The store layout of a spatial run, from its config and the selected parent cells. */
final class SpatialStoreLayout {
  private SpatialStoreLayout() {}

  /** The layout of a spatial run's store. */
  static CellStoreSpec of(PipelineConfig config, GranuleSelection selection, int childOrder) {
    int parentOrder = selection.parentOrder();
    int chunkLength = 1 << (2 * (childOrder - parentOrder));
    List<CellStoreSpec.ArraySpec> arrays = new ArrayList<>();
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
          new CellStoreSpec.ArraySpec(
              c.name(),
              ids ? CellStoreSpec.Kind.CELL_IDS : CellStoreSpec.Kind.MORTON,
              -1,
              c.dtype(),
              c.fillValue(),
              attrs));
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
      attrs.putAll(spec.attributes());
      arrays.add(
          new CellStoreSpec.ArraySpec(
              spec.name(),
              CellStoreSpec.Kind.VARIABLE,
              v++,
              spec.dtype(),
              spec.fillValue(),
              attrs));
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
