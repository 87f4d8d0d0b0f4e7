package org.magg.pipelines.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.magg.core.ConfigException;
import org.magg.core.engine.ContentHashes;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.VarSpec;
import org.magg.transforms.engine.Producer;

/**
 * An engine config ({@code pipeline.type: engine}): the cube (where, which Zarr format, its grid,
 * tiles and timesteps), the variables, and the producers that make them. Built from YAML by {@link
 * ConfigLoader}, or in Java with producers as objects ({@link #of}).
 *
 * @param cube where the cube is and its grid
 * @param variables the variables by name, sorted
 * @param producers the producers, in the order given (names unique)
 * @param origin where the config came from, for messages ({@code java} when built in code)
 */
public record EngineConfig(
    CubeSettings cube, Map<String, VarSpec> variables, List<Producer> producers, String origin)
    implements MaggConfig {

  /** Copies the collections; checks that producer names are unique. */
  public EngineConfig {
    Objects.requireNonNull(cube, "cube");
    variables = java.util.Collections.unmodifiableMap(new TreeMap<>(variables));
    producers = List.copyOf(producers);
    Map<String, Producer> seen = new LinkedHashMap<>();
    for (Producer p : producers) {
      if (seen.putIfAbsent(p.name(), p) != null) {
        throw new ConfigException(
            "producers." + p.name(), "two producers are named '" + p.name() + "'");
      }
    }
    origin = origin == null ? "java" : origin;
  }

  /**
   * A config of these producers: the variables are those they make (a variable made by two must be
   * declared alike by both).
   */
  public static EngineConfig of(CubeSettings cube, List<? extends Producer> producers) {
    Map<String, VarSpec> vars = new TreeMap<>();
    for (Producer p : producers) {
      for (VarSpec v : p.produces()) {
        vars.putIfAbsent(v.name(), v);
      }
    }
    return new EngineConfig(cube, vars, new ArrayList<>(producers), "java");
  }

  @Override
  public PipelineType type() {
    return PipelineType.ENGINE;
  }

  @Override
  public S3Config s3() {
    return S3Config.NONE;
  }

  /** The producer named {@code name}. @throws IllegalArgumentException if there is none */
  public Producer producer(String name) {
    return producers.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no producer named '" + name + "'"));
  }

  /**
   * The SHA-256 of the config's canonical JSON: the cube's grid and Zarr format, the variables and
   * each producer's configuration (its {@link Producer#configuration()}, needs and outputs). The
   * cube's root is left out, so the same config at another place hashes the same.
   */
  public String configHash() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("cube", cube.describe());
    Map<String, Object> vars = new TreeMap<>();
    variables.forEach((k, v) -> vars.put(k, describe(v)));
    doc.put("variables", vars);
    Map<String, Object> prods = new TreeMap<>();
    for (Producer p : producers) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("configuration", p.configuration());
      d.put("needs", p.needs().names());
      d.put("produces", p.produces().stream().map(VarSpec::name).toList());
      prods.put(p.name(), d);
    }
    doc.put("producers", prods);
    return ContentHashes.sha256OfCanonicalJson(doc);
  }

  static Map<String, Object> describe(VarSpec v) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", v.kind().id());
    d.put("dtype", v.dtype().id());
    d.put("units", v.units());
    d.put("merge", v.mergePolicy() == null ? null : v.mergePolicy().id());
    d.put("max_native_res_m", v.maxNativeResM());
    d.put("required", v.required());
    return d;
  }

  /**
   * Where the cube is and its grid.
   *
   * @param root the cube's local directory (a config's {@code cube.root}, resolved against the
   *     config file's directory)
   * @param zarrFormat 2 or 3
   * @param grid the grid, tiles and timesteps
   */
  public record CubeSettings(String root, int zarrFormat, CubeGrid grid) implements Serializable {
    public CubeSettings {
      Objects.requireNonNull(root, "cube.root is required");
      Objects.requireNonNull(grid, "cube.grid is required");
      if (zarrFormat != 2 && zarrFormat != 3) {
        throw new ConfigException("cube.zarr_format", "must be 2 or 3, got " + zarrFormat);
      }
    }

    Map<String, Object> describe() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("zarr_format", zarrFormat);
      d.put("lat", List.of(grid.lat().start(), grid.lat().step(), grid.lat().count()));
      d.put("lon", List.of(grid.lon().start(), grid.lon().step(), grid.lon().count()));
      d.put("tile", List.of(grid.tileLat(), grid.tileLon()));
      d.put(
          "time",
          List.of(
              grid.time().start().toString(), grid.time().step().toString(), grid.time().count()));
      return d;
    }
  }
}
