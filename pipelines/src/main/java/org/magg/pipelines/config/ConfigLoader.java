package org.magg.pipelines.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.magg.core.ConfigException;
import org.magg.core.grid.SpatialBounds;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3Settings;
import org.magg.io.spatial.PointSource;

/**
 * Loads pipeline configs from YAML files or by built-in name, parses them into records and
 * validates them. Every error is a {@link ConfigException} naming the field.
 */
public final class ConfigLoader {
  /** Names of the configs shipped inside the jar (from the project's {@code configs/}). */
  public static final List<String> BUILTIN_NAMES = List.of("atl06", "atl06_csv", "merra2_storm");

  private static final String BUILTIN_DIR = "/org/magg/configs/";
  private static final YAMLMapper YAML = new YAMLMapper();

  private ConfigLoader() {}

  /** Loads and validates a config file. */
  public static PipelineConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("", "config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Loads and validates a built-in config by name (for example {@code atl06}). */
  public static PipelineConfig builtin(String name) {
    return parse(builtinText(name), "builtin:" + name);
  }

  /** The YAML text of a built-in config. */
  public static String builtinText(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    try (InputStream in = ConfigLoader.class.getResourceAsStream(BUILTIN_DIR + key + ".yaml")) {
      if (in == null || !BUILTIN_NAMES.contains(key)) {
        throw new ConfigException(
            "",
            "no built-in config named '"
                + name
                + "' (built-in: "
                + String.join(", ", BUILTIN_NAMES)
                + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads a spatial config from a file when {@code fileOrName} names an existing file, from S3
   * (with the AWS defaults) for {@code s3://bucket/key}, else as a built-in config name.
   */
  public static PipelineConfig loadFileOrName(String fileOrName) {
    return loadFileOrName(fileOrName, S3Location.isS3(fileOrName) ? S3Settings.defaults() : null);
  }

  /**
   * Like {@link #loadFileOrName(String)}; {@code s3://bucket/key} configs are reached with {@code
   * s3} (the command line's S3 options: the config's own {@code s3:} section is not known before it
   * is read).
   */
  public static PipelineConfig loadFileOrName(String fileOrName, S3Settings s3) {
    String[] textAndOrigin = readFileOrName(fileOrName, s3);
    return parse(textAndOrigin[0], textAndOrigin[1]);
  }

  /**
   * Parses and validates the YAML text of a spatial pipeline config; {@code origin} names its
   * source in messages. A temporal config is refused, naming {@link #parseAny}.
   */
  public static PipelineConfig parse(String yamlText, String origin) {
    MaggConfig c = parseAny(yamlText, origin);
    if (c instanceof PipelineConfig p) {
      return p;
    }
    throw new ConfigException(
        "pipeline.type",
        "config "
            + origin
            + " is a "
            + c.type().yamlName()
            + " pipeline, not a spatial one (run it with `magg run --config ... --events ...`)");
  }

  /** Loads a temporal config from a file, S3 or by built-in name. */
  public static TemporalConfig loadTemporal(String fileOrName, S3Settings s3) {
    MaggConfig c = loadAny(fileOrName, s3);
    if (c instanceof TemporalConfig t) {
      return t;
    }
    throw new ConfigException(
        "pipeline.type",
        "config " + c.origin() + " is a " + c.type().yamlName() + " pipeline, not a temporal one");
  }

  /** Loads any config (spatial or temporal) from a file, S3 (with {@code s3}) or by name. */
  public static MaggConfig loadAny(String fileOrName, S3Settings s3) {
    String[] textAndOrigin = readFileOrName(fileOrName, s3);
    return parseAny(textAndOrigin[0], textAndOrigin[1]);
  }

  /** Parses and validates YAML text of any pipeline type. */
  public static MaggConfig parseAny(String yamlText, String origin) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yamlText);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "", "config " + origin + " is not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ConfigException("", "config " + origin + " is empty");
    }
    YamlNode root = YamlNode.root(tree);
    YamlNode pipeline = root.child("pipeline").allowOnly("type", "name", "description");
    PipelineType type = PipelineType.parse(pipeline.path("type"), pipeline.text("type", "spatial"));
    if (type == PipelineType.TEMPORAL) {
      return TemporalConfigParser.parse(root, origin, s3(root.child("s3")));
    }
    PipelineConfig config = fromTree(root, origin);
    ConfigValidator.validate(config);
    return config;
  }

  private static String[] readFileOrName(String fileOrName, S3Settings s3) {
    if (S3Location.isS3(fileOrName)) {
      S3Location loc;
      try {
        loc = S3Location.parse(fileOrName);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("", "config location " + e.getMessage());
      }
      try {
        return new String[] {S3Objects.of(s3).readText(loc), loc.url()};
      } catch (NoSuchFileException e) {
        throw new ConfigException("", "config file " + loc.url() + " does not exist");
      } catch (IOException e) {
        throw new ConfigException("", "cannot read the config: " + e.getMessage(), e);
      }
    }
    Path p = Path.of(fileOrName);
    if (Files.isRegularFile(p)) {
      try {
        return new String[] {Files.readString(p, StandardCharsets.UTF_8), p.toString()};
      } catch (IOException e) {
        throw new ConfigException("", "cannot read config file " + p + ": " + e.getMessage(), e);
      }
    }
    if (fileOrName.endsWith(".yaml") || fileOrName.endsWith(".yml") || fileOrName.contains("/")) {
      throw new ConfigException("", "config file " + fileOrName + " does not exist");
    }
    return new String[] {builtinText(fileOrName), "builtin:" + fileOrName};
  }

  private static PipelineConfig fromTree(YamlNode root, String origin) {
    root.allowOnly("pipeline", "data_source", "aggregation", "output", "catalog", "bounds", "s3");
    YamlNode pipeline = root.child("pipeline");
    PipelineType type = PipelineType.parse(pipeline.path("type"), pipeline.text("type", "spatial"));
    return new PipelineConfig(
        type,
        dataSource(root.child("data_source")),
        aggregation(root.child("aggregation")),
        output(root.child("output")),
        root.text("catalog", null),
        bounds(root.child("bounds")),
        origin,
        s3(root.child("s3")));
  }

  private static S3Config s3(YamlNode n) {
    if (!n.isPresent()) {
      return S3Config.NONE;
    }
    n.allowOnly(
        "region", "endpoint", "path_style", "requester_pays", "credentials", "max_attempts");
    S3Config c =
        new S3Config(
            n.text("region", null),
            n.text("endpoint", null),
            n.optionalBoolean("path_style"),
            n.optionalBoolean("requester_pays"),
            n.text("credentials", null),
            n.optionalInt("max_attempts"));
    c.toSettings(); // checks every field, naming it
    return c;
  }

  private static PointSource dataSource(YamlNode ds) {
    if (!ds.isPresent()) {
      throw new ConfigException(ds.path(), "is required");
    }
    ds.allowOnly("reader", "driver", "groups", "coordinates", "variables", "quality_filter");
    String readerName = ds.text("reader", "hdf5").toLowerCase(Locale.ROOT);
    PointSource.Reader reader;
    switch (readerName) {
      case "hdf5":
      case "h5coro":
        reader = PointSource.Reader.HDF5;
        break;
      case "csv":
        reader = PointSource.Reader.CSV;
        break;
      default:
        throw new ConfigException(
            ds.path("reader"), "'" + readerName + "' is not a reader (allowed: hdf5, h5coro, csv)");
    }
    YamlNode coords = ds.child("coordinates");
    if (!coords.isPresent()) {
      throw new ConfigException(coords.path(), "is required (latitude and longitude)");
    }
    coords.allowOnly("latitude", "longitude");
    YamlNode qf = ds.child("quality_filter");
    PointSource.QualityFilter filter = null;
    if (qf.isPresent()) {
      qf.allowOnly("dataset", "value");
      Double value = qf.optionalDouble("value");
      filter = new PointSource.QualityFilter(qf.requiredText("dataset"), value == null ? 0 : value);
    }
    return new PointSource(
        reader,
        ds.stringList("groups"),
        coords.requiredText("latitude"),
        coords.requiredText("longitude"),
        ds.stringMap("variables"),
        filter);
  }

  private static AggregationConfig aggregation(YamlNode agg) {
    if (!agg.isPresent()) {
      throw new ConfigException(agg.path(), "is required");
    }
    agg.allowOnly("coordinates", "variables");
    Map<String, CoordinateSpec> coordinates = new LinkedHashMap<>();
    YamlNode coordsNode = agg.child("coordinates");
    if (coordsNode.isPresent()) {
      for (Map.Entry<String, YamlNode> e : coordsNode.entries().entrySet()) {
        YamlNode c = e.getValue().allowOnly("dtype", "fill_value");
        Double fill = c.optionalDouble("fill_value");
        coordinates.put(
            e.getKey(),
            new CoordinateSpec(
                e.getKey(),
                c.text("dtype", defaultCoordinateDtype(e.getKey())),
                fill == null ? 0 : fill));
      }
    } else {
      coordinates.put("cell_ids", new CoordinateSpec("cell_ids", "uint64", 0));
      coordinates.put("morton", new CoordinateSpec("morton", "int64", 0));
    }
    Map<String, VariableSpec> variables = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : agg.child("variables").entries().entrySet()) {
      YamlNode v =
          e.getValue()
              .allowOnly(
                  "function",
                  "source",
                  "params",
                  "expression",
                  "dtype",
                  "fill_value",
                  "description",
                  "units",
                  "long_name");
      String dtype = v.text("dtype", "float32").toLowerCase(Locale.ROOT);
      Double fill = v.optionalDouble("fill_value");
      @SuppressWarnings("unchecked")
      Map<String, Object> params =
          v.has("params") ? (Map<String, Object>) v.child("params").toPlain() : Map.of();
      if (v.has("params") && !(v.child("params").toPlain() instanceof Map)) {
        throw new ConfigException(v.path("params"), "expected a mapping");
      }
      variables.put(
          e.getKey(),
          new VariableSpec(
              e.getKey(),
              v.text("function", null),
              v.text("source", null),
              params,
              v.text("expression", null),
              dtype,
              fill != null ? fill : defaultFill(dtype)));
    }
    return new AggregationConfig(coordinates, variables);
  }

  private static String defaultCoordinateDtype(String name) {
    return "cell_ids".equals(name) ? "uint64" : "int64";
  }

  /** NaN for floating types, 0 for integer types. */
  static double defaultFill(String dtype) {
    return dtype.startsWith("float") ? Double.NaN : 0;
  }

  private static OutputConfig output(YamlNode out) {
    if (!out.isPresent()) {
      throw new ConfigException(out.path(), "is required");
    }
    out.allowOnly("grid", "store", "zarr_format", "compressor", "compression_level");
    YamlNode grid = out.child("grid");
    if (!grid.isPresent()) {
      throw new ConfigException(grid.path(), "is required (type: healpix, child_order: N)");
    }
    grid.allowOnly("type", "indexing_scheme", "child_order", "parent_order");
    GridConfig g =
        new GridConfig(
            grid.requiredText("type").toLowerCase(Locale.ROOT),
            grid.text("indexing_scheme", "nested").toLowerCase(Locale.ROOT),
            grid.requiredInt("child_order"),
            grid.optionalInt("parent_order"));
    String compressor = out.text("compressor", "none").toLowerCase(Locale.ROOT);
    Integer level = out.optionalInt("compression_level");
    int defaultLevel = "zstd".equals(compressor) ? 3 : 5;
    Integer format = out.optionalInt("zarr_format");
    return new OutputConfig(
        g,
        out.text("store", null),
        format == null ? 3 : format,
        compressor,
        level == null ? defaultLevel : level);
  }

  private static SpatialBounds bounds(YamlNode b) {
    if (!b.isPresent()) {
      return null;
    }
    b.allowOnly("spatial", "temporal");
    if (b.has("temporal")) {
      throw new ConfigException(
          b.path("temporal"),
          "temporal bounds are not supported by the spatial pipeline (select granules by date when"
              + " building the catalog instead)");
    }
    YamlNode s = b.child("spatial");
    if (!s.isPresent()) {
      return null;
    }
    s.allowOnly("lon_min", "lat_min", "lon_max", "lat_max");
    double lonMin = req(s, "lon_min");
    double latMin = req(s, "lat_min");
    double lonMax = req(s, "lon_max");
    double latMax = req(s, "lat_max");
    if (!(latMin <= latMax) || latMin < -90 || latMax > 90) {
      throw new ConfigException(
          s.path(),
          "lat_min "
              + latMin
              + " and lat_max "
              + latMax
              + " must satisfy -90 <= lat_min"
              + " <= lat_max <= 90");
    }
    return new SpatialBounds(lonMin, latMin, lonMax, latMax);
  }

  private static double req(YamlNode n, String key) {
    Double d = n.optionalDouble(key);
    if (d == null) {
      throw new ConfigException(n.path(key), "is required");
    }
    return d;
  }
}
