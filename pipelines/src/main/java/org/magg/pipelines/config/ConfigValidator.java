package org.magg.pipelines.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.magg.core.ConfigException;
import org.magg.core.grid.SpatialBounds;
import org.magg.io.spatial.PointSource;
import org.magg.transforms.spatial.AggregationConfigException;
import org.magg.transforms.spatial.CellAggregators;

/** Cross-field validation of a parsed config, per pipeline type. */
public final class ConfigValidator {
  /** Data types an output array may have. */
  public static final List<String> DTYPES =
      List.of(
          "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32",
          "float64");

  /** The highest HEALPix order a Morton index can carry. */
  public static final int MAX_ORDER = 18;

  private ConfigValidator() {}

  /** Throws a {@link ConfigException} naming the first problem found. */
  public static void validate(PipelineConfig config) {
    switch (config.type()) {
      case SPATIAL:
        validateSpatial(config);
        break;
      case TEMPORAL:
      case EVENT:
      case ENGINE:
        throw new ConfigException(
            "pipeline.type",
            "'"
                + config.type().yamlName()
                + "' pipelines are not available in this version"
                + " (available: spatial)");
      default:
        throw new AssertionError(config.type());
    }
  }

  private static void validateSpatial(PipelineConfig config) {
    PointSource ds = config.dataSource();
    if (ds.reader() == PointSource.Reader.HDF5 && ds.groups().isEmpty()) {
      throw new ConfigException(
          "data_source.groups", "at least one group is required for the hdf5 reader");
    }
    if (ds.variables().isEmpty()) {
      throw new ConfigException("data_source.variables", "at least one variable is required");
    }
    for (Map.Entry<String, String> v : ds.variables().entrySet()) {
      if (!v.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new ConfigException(
            "data_source.variables." + v.getKey(),
            "a variable name must be an identifier (letters, digits, underscore)");
      }
      if (v.getValue().isBlank()) {
        throw new ConfigException("data_source.variables." + v.getKey(), "path is empty");
      }
    }
    Set<String> known = new LinkedHashSet<>(ds.variables().keySet());
    AggregationConfig agg = config.aggregation();
    if (agg.variables().isEmpty()) {
      throw new ConfigException("aggregation.variables", "at least one variable is required");
    }
    for (CoordinateSpec c : agg.coordinates().values()) {
      String path = "aggregation.coordinates." + c.name();
      if (!c.name().equals("cell_ids") && !c.name().equals("morton")) {
        throw new ConfigException(path, "unknown coordinate (allowed: cell_ids, morton)");
      }
      checkDtype(path, c.dtype(), c.fillValue());
    }
    for (VariableSpec v : agg.variables().values()) {
      String path = "aggregation.variables." + v.name();
      if (agg.coordinates().containsKey(v.name())) {
        throw new ConfigException(path, "a variable cannot have the name of a coordinate");
      }
      checkDtype(path, v.dtype(), v.fillValue());
      try {
        CellAggregators.compile(
            v.name(), v.function(), v.source(), v.params(), v.expression(), known);
      } catch (AggregationConfigException e) {
        String message = e.getMessage();
        String prefix = e.path() + ": ";
        throw new ConfigException(
            e.path(), message.startsWith(prefix) ? message.substring(prefix.length()) : message, e);
      }
    }
    OutputConfig out = config.output();
    GridConfig grid = out.grid();
    if (!"healpix".equals(grid.type())) {
      throw new ConfigException(
          "output.grid.type", "'" + grid.type() + "' is not a grid type (allowed: healpix)");
    }
    if (!"nested".equals(grid.indexingScheme())) {
      throw new ConfigException(
          "output.grid.indexing_scheme",
          "'" + grid.indexingScheme() + "' is not supported (allowed: nested)");
    }
    if (grid.childOrder() < 0 || grid.childOrder() > MAX_ORDER) {
      throw new ConfigException(
          "output.grid.child_order",
          grid.childOrder() + " is out of range (allowed: 0 to " + MAX_ORDER + ")");
    }
    if (grid.parentOrder() != null) {
      checkOrders("output.grid.parent_order", grid.parentOrder(), grid.childOrder());
    }
    if (out.zarrFormat() != 2 && out.zarrFormat() != 3) {
      throw new ConfigException(
          "output.zarr_format", out.zarrFormat() + " is not a Zarr format (allowed: 2, 3)");
    }
    switch (out.compressor()) {
      case "none":
        break;
      case "gzip":
        checkLevel(out.compressionLevel(), 1, 9);
        break;
      case "zstd":
        checkLevel(out.compressionLevel(), 1, 22);
        break;
      default:
        throw new ConfigException(
            "output.compressor",
            "'" + out.compressor() + "' is not a compressor (allowed: none, gzip, zstd)");
    }
    SpatialBounds b = config.bounds();
    if (b != null && (!(b.latMin() <= b.latMax()) || b.latMin() < -90 || b.latMax() > 90)) {
      throw new ConfigException(
          "bounds.spatial",
          "lat_min "
              + b.latMin()
              + " and lat_max "
              + b.latMax()
              + " must satisfy -90 <= lat_min <= lat_max <= 90");
    }
  }

  /**
   * Checks that a parent order suits the child order: 0 &lt;= parent &lt;= child and at most 12
   * orders apart (a chunk then holds 4^12 = 16,777,216 cells).
   */
  public static void checkOrders(String path, int parentOrder, int childOrder) {
    if (parentOrder < 0 || parentOrder > childOrder) {
      throw new ConfigException(
          path,
          "parent order " + parentOrder + " must be between 0 and the child order " + childOrder);
    }
    if (childOrder - parentOrder > 12) {
      throw new ConfigException(
          path,
          "child order "
              + childOrder
              + " is more than 12 orders below parent order "
              + parentOrder
              + " (a chunk would hold 4^"
              + (childOrder - parentOrder)
              + " cells); use a finer parent order");
    }
  }

  private static void checkLevel(int level, int min, int max) {
    if (level < min || level > max) {
      throw new ConfigException(
          "output.compression_level",
          level + " is out of range (allowed: " + min + " to " + max + ")");
    }
  }

  private static void checkDtype(String path, String dtype, double fill) {
    if (!DTYPES.contains(dtype)) {
      throw new ConfigException(
          path + ".dtype",
          "'" + dtype + "' is not a data type (allowed: " + String.join(", ", DTYPES) + ")");
    }
    if (!dtype.startsWith("float") && (Double.isNaN(fill) || Double.isInfinite(fill))) {
      throw new ConfigException(
          path + ".fill_value",
          "an integer type (" + dtype + ") needs a finite integer fill value");
    }
  }
}
