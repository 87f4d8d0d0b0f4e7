package org.magg.pipelines.config;

import static org.magg.core.YamlBinding.or;
import static org.magg.core.YamlBinding.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.magg.core.ConfigException;
import org.magg.core.IsoTimes;
import org.magg.core.YamlBinding;
import org.magg.core.engine.Axis;
import org.magg.core.engine.CostHint;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.DataNeed;
import org.magg.core.engine.MergePolicy;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.io.engine.CachedS3Files;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;
import org.magg.pipelines.config.EngineConfig.CubeSettings;
import org.magg.pipelines.config.YamlScalars.Flag;
import org.magg.pipelines.config.YamlScalars.Int;
import org.magg.pipelines.config.YamlScalars.Iso;
import org.magg.pipelines.config.YamlScalars.Num;
import org.magg.pipelines.config.YamlScalars.Texts;
import org.magg.transforms.engine.DependencyResolver;
import org.magg.transforms.engine.ExpressionProducer;
import org.magg.transforms.engine.FileProducer;
import org.magg.transforms.engine.Producer;

/**
 * The YAML of a {@code pipeline.type: engine} config: {@code cube}, {@code variables} and {@code
 * producers} ({@code file}, {@code expression}, {@code external}), bound to records and built into
 * an {@link EngineConfig}. Paths ({@code cube.root}, a file producer's {@code source}) are relative
 * to the config file. The producers are resolved once ({@link DependencyResolver}), so an unknown
 * variable, a cycle or two producers of one variable without a merge policy are config errors.
 */
final class EngineConfigParser {
  /** The producer types. */
  static final List<String> TYPES = List.of("file", "expression", "external");

  private EngineConfigParser() {}

  static EngineConfig parse(JsonNode root, String origin) {
    Document d = YamlBinding.bind(root, Document.class);
    Path base = baseDirectory(origin);
    S3Config s3 = or(d.s3(), S3Config.NONE);
    S3Settings s3Settings = s3.toSettings(); // checks every field, naming it
    CubeSettings cube = d.cube().toSettings(base, origin);
    CachedS3Files remote = CachedS3Files.in(cube.cacheDirectory(), s3Settings);
    Map<String, VarSpec> variables = new TreeMap<>();
    d.variables().forEach((name, v) -> variables.put(name, v.toSpec(name)));
    List<Producer> producers = new ArrayList<>();
    for (Map.Entry<String, ProducerSection> e : d.producers().entrySet()) {
      producers.add(producer(e.getKey(), e.getValue(), variables, base, cube.catalog(), remote));
    }
    DependencyResolver.resolve(producers, List.of());
    return new EngineConfig(cube, variables, producers, origin, s3);
  }

  /** Whether the config was read from a local file (so it has a directory of its own). */
  private static boolean isLocalFile(String origin) {
    return origin != null
        && !Storage.isS3(origin)
        && Files.isRegularFile(Path.of(origin).toAbsolutePath());
  }

  /**
   * The catalog directory of an {@code s3://} cube root when the config gives none: {@code
   * s3-catalogs/<bucket>/<prefix>} beside the config file. A config that is not a local file has no
   * such place, so it must say.
   */
  static String defaultCatalog(String root, Path base, String origin) {
    if (!isLocalFile(origin)) {
      throw new ConfigException(
          "cube.catalog",
          "the cube root "
              + root
              + " is on S3 and the config ("
              + origin
              + ") is not a local file, so there is no directory beside it for the cube's"
              + " catalog; set cube.catalog to a local directory");
    }
    S3Location loc = S3Location.parse(root);
    Path dir = base.resolve("s3-catalogs").resolve(loc.bucket());
    for (String part : loc.key().split("/")) {
      if (!part.isEmpty()) {
        dir = dir.resolve(part);
      }
    }
    return dir.normalize().toString();
  }

  /** The directory relative paths are resolved against: the config file's, else the current. */
  static Path baseDirectory(String origin) {
    if (origin != null && !Storage.isS3(origin)) {
      Path p = Path.of(origin).toAbsolutePath();
      if (Files.isRegularFile(p) && p.getParent() != null) {
        return p.getParent();
      }
    }
    return Path.of("").toAbsolutePath();
  }

  private static Producer producer(
      String name,
      ProducerSection s,
      Map<String, VarSpec> variables,
      Path base,
      String cubeRoot,
      CachedS3Files remote) {
    String at = "producers." + name;
    String type = s.type().trim().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new ConfigException(
          at + ".type", "'" + s.type() + "' is not a producer type (allowed: " + TYPES + ")");
    }
    onlyFor(at, type, "source", s.source(), "file");
    onlyFor(at, type, "expression", s.expression(), "expression");
    onlyFor(at, type, "command", s.command(), "external");
    onlyFor(at, type, "timeout", s.timeout(), "external");
    if (s.produces().isEmpty()) {
      throw new ConfigException(at + ".produces", "list the variables it makes");
    }
    List<VarSpec> produces = new ArrayList<>();
    for (String v : s.produces()) {
      produces.add(declared(at + ".produces", v, variables));
    }
    List<DataNeed> needs = new ArrayList<>();
    for (String v : s.needs()) {
      VarSpec spec = declared(at + ".needs", v, variables);
      needs.add(DataNeed.of(v, spec.kind()));
    }
    DataAdapter adapter;
    try {
      adapter = new DataAdapter(needs);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(at + ".needs", e.getMessage());
    }
    ProducerCapabilities caps = s.capabilities().toCapabilities(at + ".capabilities");
    Retry retry = s.retry();
    switch (type) {
      case "file":
        {
          String source = required(s.source(), at + ".source", "is required (\"path#VARIABLE\")");
          int hash = source.lastIndexOf('#');
          if (hash <= 0 || hash == source.length() - 1) {
            throw new ConfigException(
                at + ".source",
                "expected \"path#VARIABLE\" (for example \"inputs/dem.nc#z\"), got '"
                    + source
                    + "'");
          }
          if (produces.size() != 1 || !needs.isEmpty()) {
            throw new ConfigException(at, "a file producer makes one variable and needs none");
          }
          String path = source.substring(0, hash);
          String location;
          if (Storage.isS3(path)) {
            try {
              location = S3Location.parse(path).url();
            } catch (IllegalArgumentException e) {
              throw new ConfigException(at + ".source", e.getMessage());
            }
          } else {
            location = base.resolve(path).normalize().toString();
          }
          return new FileProducer(
              name,
              produces.get(0),
              source,
              location,
              source.substring(hash + 1),
              caps,
              retry.maxAttempts(),
              retry.backoff(),
              remote);
        }
      case "expression":
        {
          String text = required(s.expression(), at + ".expression", "is required");
          if (produces.size() != 1) {
            throw new ConfigException(
                at + ".produces", "an expression producer makes one variable");
          }
          try {
            return ExpressionProducer.of(
                name, text, adapter, produces.get(0), caps, retry.maxAttempts(), retry.backoff());
          } catch (IllegalArgumentException e) {
            throw new ConfigException(at + ".expression", e.getMessage());
          }
        }
      default:
        try {
          return EngineProducers.external(
              external(name, s, adapter, produces, caps, base), cubeRoot);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(at, e.getMessage());
        }
    }
  }

  /** The {@code external} producer {@code name}, as a record. */
  static ExternalSpec external(
      String name,
      ProducerSection s,
      DataAdapter needs,
      List<VarSpec> produces,
      ProducerCapabilities caps,
      Path base) {
    String at = "producers." + name;
    List<String> command = required(s.command(), at + ".command", "is required (a list)");
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new ConfigException(at + ".command", "must name a program, e.g. [python3, model.py]");
    }
    Duration timeout = or(s.timeout(), Duration.ofHours(1));
    if (timeout.isZero()) {
      throw new ConfigException(at + ".timeout", "must be positive, e.g. PT2M");
    }
    return new ExternalSpec(
        name,
        needs,
        produces,
        command,
        base.toString(),
        timeout,
        s.retry().maxAttempts(),
        s.retry().backoff(),
        caps);
  }

  private static void onlyFor(String at, String type, String field, Object value, String owner) {
    if (value != null && !type.equals(owner)) {
      throw new ConfigException(
          at + "." + field,
          "only " + owner + " producers take " + field + " (this one is " + type + ")");
    }
  }

  private static VarSpec declared(String at, String name, Map<String, VarSpec> variables) {
    VarSpec spec = variables.get(name);
    if (spec == null) {
      throw new ConfigException(
          at,
          "'" + name + "' is not declared under variables (declared: " + variables.keySet() + ")");
    }
    return spec;
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Document(
      ConfigLoader.PipelineSection pipeline,
      Cube cube,
      Map<String, Variable> variables,
      Map<String, ProducerSection> producers,
      S3Config s3) {
    Document {
      required(cube, "cube", "is required (root, grid, tile, time)");
      required(variables, "variables", "is required (name: {kind, dtype, units})");
      required(producers, "producers", "is required (name: {type, produces, ...})");
      variables = new LinkedHashMap<>(variables);
      producers = new LinkedHashMap<>(producers);
      for (Map.Entry<String, Variable> e : variables.entrySet()) {
        required(e.getValue(), "variables." + e.getKey(), "is required (kind, dtype, units)");
      }
      for (Map.Entry<String, ProducerSection> e : producers.entrySet()) {
        required(e.getValue(), "producers." + e.getKey(), "is required (type, produces, ...)");
      }
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Cube(
      String root,
      @JsonDeserialize(using = Int.class) Integer zarrFormat,
      Grid grid,
      Tile tile,
      Time time,
      String catalog,
      String cache) {
    Cube {
      required(root, "root", "is required (a directory, relative to the config file, or s3://...)");
      required(grid, "grid", "is required (lat and lon: start, step, count)");
      required(time, "time", "is required (start, step, count)");
      zarrFormat = or(zarrFormat, 3);
      if (zarrFormat != 2 && zarrFormat != 3) {
        throw new ConfigException("zarr_format", "must be 2 or 3, got " + zarrFormat);
      }
      if (Storage.isS3(root)) {
        try {
          S3Location.parse(root);
        } catch (IllegalArgumentException e) {
          throw new ConfigException("root", e.getMessage());
        }
      } else if (catalog != null) {
        throw new ConfigException(
            "catalog",
            "a local cube keeps its catalog in its root ("
                + root
                + "/catalog.sqlite); set cube.catalog only for an s3:// root");
      }
      if (catalog != null && Storage.isS3(catalog)) {
        throw new ConfigException(
            "catalog", "must be a local directory (SQLite cannot live on S3), got " + catalog);
      }
      if (cache != null && Storage.isS3(cache)) {
        throw new ConfigException("cache", "must be a local directory, got " + cache);
      }
    }

    CubeSettings toSettings(Path base, String origin) {
      Axis lat = grid.lat().toAxis("cube.grid.lat");
      Axis lon = grid.lon().toAxis("cube.grid.lon");
      Tile t = or(tile, new Tile(null, null));
      int tileLat = or(t.lat(), lat.count());
      int tileLon = or(t.lon(), lon.count());
      if (tileLat < 1 || tileLon < 1) {
        throw new ConfigException(
            "cube.tile", "must be at least 1 x 1 cells, got " + tileLat + " x " + tileLon);
      }
      CubeGrid g = new CubeGrid(lat, lon, time.toAxis(), tileLat, tileLon);
      if (Storage.isS3(root)) {
        String url = S3Location.parse(root).url();
        String dir =
            catalog != null
                ? base.resolve(catalog).normalize().toString()
                : defaultCatalog(url, base, origin);
        return new CubeSettings(url, zarrFormat, g, dir, cacheDir(base));
      }
      String local = base.resolve(root).normalize().toString();
      return new CubeSettings(local, zarrFormat, g, null, cacheDir(base));
    }

    private String cacheDir(Path base) {
      return cache == null ? null : base.resolve(cache).normalize().toString();
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Grid(AxisSection lat, AxisSection lon) {
    Grid {
      required(lat, "lat", "is required (start, step, count)");
      required(lon, "lon", "is required (start, step, count)");
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record AxisSection(
      @JsonDeserialize(using = Num.class) Double start,
      @JsonDeserialize(using = Num.class) Double step,
      @JsonDeserialize(using = Int.class) Integer count) {
    AxisSection {
      required(start, "start");
      required(step, "step");
      required(count, "count");
    }

    Axis toAxis(String at) {
      try {
        return new Axis(start, step, count);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(at, e.getMessage());
      }
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Tile(
      @JsonDeserialize(using = Int.class) Integer lat,
      @JsonDeserialize(using = Int.class) Integer lon) {}

  @JsonNaming(SnakeCaseStrategy.class)
  record Time(
      String start,
      @JsonDeserialize(using = Iso.class) Duration step,
      @JsonDeserialize(using = Int.class) Integer count) {
    Time {
      required(start, "start", "is required (e.g. \"2021-07-01T00:00:00Z\")");
      required(step, "step", "is required (e.g. PT1H)");
      required(count, "count");
    }

    TimeAxis toAxis() {
      Instant t0;
      try {
        t0 = IsoTimes.parse(start);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("cube.time.start", e.getMessage());
      }
      try {
        return new TimeAxis(t0, step, count);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("cube.time", e.getMessage());
      }
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Variable(
      String kind,
      String dtype,
      String units,
      String merge,
      String description,
      @JsonDeserialize(using = Num.class) Double maxNativeResM,
      @JsonDeserialize(using = Flag.class) Boolean required) {
    Variable {
      YamlBinding.required(kind, "kind", "is required (static or time)");
      try {
        VarKind.parse(kind);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("kind", e.getMessage());
      }
      try {
        VarDtype.parse(or(dtype, "float32"));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("dtype", e.getMessage());
      }
      if (merge != null) {
        try {
          MergePolicy.parse(merge);
        } catch (IllegalArgumentException e) {
          throw new ConfigException("merge", e.getMessage());
        }
      }
    }

    VarSpec toSpec(String name) {
      try {
        return new VarSpec(
            name,
            VarKind.parse(kind),
            VarDtype.parse(or(dtype, "float32")),
            units,
            merge == null ? null : MergePolicy.parse(merge),
            description,
            maxNativeResM,
            or(required, true));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("variables." + name, e.getMessage());
      }
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record ProducerSection(
      String type,
      @JsonDeserialize(using = Texts.class) List<String> needs,
      @JsonDeserialize(using = Texts.class) List<String> produces,
      String source,
      String expression,
      @JsonDeserialize(using = Texts.class) List<String> command,
      @JsonDeserialize(using = Iso.class) Duration timeout,
      Retry retry,
      Capabilities capabilities) {
    ProducerSection {
      required(type, "type", "is required (" + String.join(", ", TYPES) + ")");
      needs = or(needs, List.of());
      produces = or(produces, List.of());
      retry = or(retry, Retry.ONCE);
      capabilities = or(capabilities, Capabilities.NONE);
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Retry(
      @JsonDeserialize(using = Int.class) Integer maxAttempts,
      @JsonDeserialize(using = Iso.class) Duration backoff) {
    static final Retry ONCE = new Retry(null, null);

    Retry {
      maxAttempts = or(maxAttempts, 1);
      backoff = or(backoff, Duration.ZERO);
      if (maxAttempts < 1) {
        throw new ConfigException("max_attempts", "must be at least 1, got " + maxAttempts);
      }
    }
  }

  @JsonNaming(SnakeCaseStrategy.class)
  record Capabilities(
      @JsonDeserialize(using = Flag.class) Boolean tileParallel,
      @JsonDeserialize(using = Int.class) Integer haloCells,
      @JsonDeserialize(using = Flag.class) Boolean boundaryCoupled,
      @JsonDeserialize(using = Flag.class) Boolean iterative,
      @JsonDeserialize(using = Flag.class) Boolean requiresBarrier,
      String costHint,
      @JsonDeserialize(using = Int.class) Integer memoryBudgetMb) {
    static final Capabilities NONE = new Capabilities(null, null, null, null, null, null, null);

    ProducerCapabilities toCapabilities(String at) {
      CostHint hint;
      try {
        hint = CostHint.valueOf(or(costHint, "cpu").trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            at + ".cost_hint", "must be io, cpu or gpu, got '" + costHint + "'");
      }
      try {
        return new ProducerCapabilities(
            or(haloCells, 0),
            or(tileParallel, false),
            or(boundaryCoupled, false),
            or(iterative, false),
            or(requiresBarrier, false),
            hint,
            or(memoryBudgetMb, 0));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(at, e.getMessage());
      }
    }
  }
}
