package org.magg.pipelines.config;

import static org.magg.core.YamlBinding.or;
import static org.magg.core.YamlBinding.required;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magg.core.ConfigException;
import org.magg.core.YamlBinding;
import org.magg.core.grid.SpatialBounds;
import org.magg.io.spatial.PointSource;
import org.magg.io.spatial.PointSource.Reader;
import org.magg.pipelines.config.YamlScalars.Int;
import org.magg.pipelines.config.YamlScalars.Num;
import org.magg.pipelines.config.YamlScalars.Texts;

/**
 * The YAML of a spatial config ({@code pipeline.type: spatial}, the default; magg's own configs
 * load unchanged): the records Jackson binds it to, magg's defaults, and their mapping onto {@link
 * PipelineConfig}. Cross-field rules are {@link ConfigValidator}'s.
 */
final class SpatialConfigParser {
  private static final Map<String, Reader> READERS =
      Map.of("hdf5", Reader.HDF5, "h5coro", Reader.HDF5, "csv", Reader.CSV);

  private SpatialConfigParser() {}

  static PipelineConfig parse(JsonNode root, PipelineType type, String origin) {
    Document d = YamlBinding.bind(root, Document.class);
    S3Config s3 = or(d.s3(), S3Config.NONE);
    s3.toSettings(); // checks every field, naming it
    return new PipelineConfig(
        type,
        d.dataSource().toSource(),
        d.aggregation().toConfig(),
        d.output().toConfig(),
        d.catalog(),
        d.bounds() == null ? null : d.bounds().toBounds(),
        origin,
        s3);
  }

  /** NaN for floating types, 0 for integer types. */
  static double defaultFill(String dtype) {
    return dtype.startsWith("float") ? Double.NaN : 0;
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Document(
      ConfigLoader.PipelineSection pipeline,
      DataSource dataSource,
      Aggregation aggregation,
      Output output,
      String catalog,
      Bounds bounds,
      S3Config s3) {
    Document {
      required(dataSource, "data_source");
      required(aggregation, "aggregation");
      required(output, "output");
    }
  }

  /** {@code driver} is magg's h5coro option: accepted, not used. */
  @JsonNaming(SnakeCaseStrategy.class)
  record DataSource(
      String reader,
      JsonNode driver,
      @JsonDeserialize(using = Texts.class) List<String> groups,
      Coordinates coordinates,
      @JsonSetter(contentNulls = Nulls.AS_EMPTY) Map<String, String> variables,
      QualityFilter qualityFilter) {
    DataSource {
      reader = or(reader, "hdf5").toLowerCase(Locale.ROOT);
      if (!READERS.containsKey(reader)) {
        throw new ConfigException(
            "reader", "'" + reader + "' is not a reader (allowed: hdf5, h5coro, csv)");
      }
      required(coordinates, "coordinates", "is required (latitude and longitude)");
    }

    PointSource toSource() {
      return new PointSource(
          READERS.get(reader),
          or(groups, List.of()),
          coordinates.latitude(),
          coordinates.longitude(),
          or(variables, Map.of()),
          qualityFilter == null
              ? null
              : new PointSource.QualityFilter(qualityFilter.dataset(), qualityFilter.value()));
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Coordinates(String latitude, String longitude) {
    Coordinates {
      required(latitude, "latitude");
      required(longitude, "longitude");
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record QualityFilter(String dataset, @JsonDeserialize(using = Num.class) Double value) {
    QualityFilter {
      required(dataset, "dataset");
      value = or(value, 0.0);
    }
  }

  /** Without {@code coordinates}, both coordinates with their default types. */
  @JsonNaming(SnakeCaseStrategy.class)
  record Aggregation(Map<String, Coordinate> coordinates, Map<String, Variable> variables) {
    AggregationConfig toConfig() {
      Map<String, CoordinateSpec> coords = new LinkedHashMap<>();
      if (coordinates == null) {
        coords.put("cell_ids", new CoordinateSpec("cell_ids", "uint64", 0));
        coords.put("morton", new CoordinateSpec("morton", "int64", 0));
      } else {
        coordinates.forEach((name, c) -> coords.put(name, or(c, Coordinate.NONE).toSpec(name)));
      }
      Map<String, VariableSpec> vars = new LinkedHashMap<>();
      if (variables != null) {
        variables.forEach((name, v) -> vars.put(name, or(v, Variable.NONE).toSpec(name)));
      }
      return new AggregationConfig(coords, vars);
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Coordinate(String dtype, @JsonDeserialize(using = Num.class) Double fillValue) {
    static final Coordinate NONE = new Coordinate(null, null);

    CoordinateSpec toSpec(String name) {
      String type = or(dtype, "cell_ids".equals(name) ? "uint64" : "int64");
      return new CoordinateSpec(name, type, or(fillValue, 0.0));
    }
  }

  /**
   * {@code long_name}, {@code units} and {@code description} (magg's) become attributes of the
   * stored array, as CF readers (xarray, plots) expect them.
   */
  @JsonNaming(SnakeCaseStrategy.class)
  record Variable(
      String function,
      String source,
      Map<String, Object> params,
      String expression,
      String dtype,
      @JsonDeserialize(using = Num.class) Double fillValue,
      JsonNode description,
      JsonNode units,
      JsonNode longName) {
    static final Variable NONE = new Variable(null, null, null, null, null, null, null, null, null);

    VariableSpec toSpec(String name) {
      String type = or(dtype, "float32").toLowerCase(Locale.ROOT);
      Map<String, String> attributes = new LinkedHashMap<>();
      text(attributes, "long_name", longName, name);
      text(attributes, "units", units, name);
      text(attributes, "description", description, name);
      return new VariableSpec(
          name,
          function,
          source,
          params,
          expression,
          type,
          or(fillValue, defaultFill(type)),
          attributes);
    }

    /** Puts a scalar field's text; refuses a list or a mapping, naming the field. */
    private static void text(Map<String, String> into, String field, JsonNode value, String name) {
      if (value == null || value.isNull()) {
        return;
      }
      if (!value.isValueNode()) {
        throw new ConfigException(
            "aggregation.variables." + name + "." + field,
            "is a " + value.getNodeType().toString().toLowerCase(Locale.ROOT) + ", expected text");
      }
      into.put(field, value.asText());
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Output(
      Grid grid,
      String store,
      @JsonDeserialize(using = Int.class) Integer zarrFormat,
      String compressor,
      @JsonDeserialize(using = Int.class) Integer compressionLevel) {
    Output {
      required(grid, "grid", "is required (type: healpix, child_order: N)");
    }

    OutputConfig toConfig() {
      String c = or(compressor, "none").toLowerCase(Locale.ROOT);
      int level = or(compressionLevel, "zstd".equals(c) ? 3 : 5);
      return new OutputConfig(grid.toConfig(), store, or(zarrFormat, 3), c, level);
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Grid(
      String type,
      String indexingScheme,
      @JsonDeserialize(using = Int.class) Integer childOrder,
      @JsonDeserialize(using = Int.class) Integer parentOrder) {
    Grid {
      required(type, "type");
      required(childOrder, "child_order");
    }

    GridConfig toConfig() {
      return new GridConfig(
          type.toLowerCase(Locale.ROOT),
          or(indexingScheme, "nested").toLowerCase(Locale.ROOT),
          childOrder,
          parentOrder);
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Bounds(Box spatial, JsonNode temporal) {
    Bounds {
      if (temporal != null && !temporal.isNull()) {
        throw new ConfigException(
            "temporal",
            "temporal bounds are not supported by the spatial pipeline (select granules by date"
                + " when building the catalog instead)");
      }
    }

    SpatialBounds toBounds() {
      return spatial == null
          ? null
          : new SpatialBounds(
              spatial.lonMin(), spatial.latMin(), spatial.lonMax(), spatial.latMax());
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Box(
      @JsonDeserialize(using = Num.class) Double lonMin,
      @JsonDeserialize(using = Num.class) Double latMin,
      @JsonDeserialize(using = Num.class) Double lonMax,
      @JsonDeserialize(using = Num.class) Double latMax) {
    Box {
      required(lonMin, "lon_min");
      required(latMin, "lat_min");
      required(lonMax, "lon_max");
      required(latMax, "lat_max");
    }
  }
}
