package org.magg.pipelines.config;

import java.io.Serializable;
import java.nio.file.Path;
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
import org.magg.io.engine.ContentCache;
import org.magg.io.engine.CubeCatalog;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;
import org.magg.transforms.engine.FileProducer;
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
 * @param s3 how S3 is reached (an {@code s3://} cube root, {@code s3://} file sources); the
 *     optional {@code s3:} section
 */
public record EngineConfig(
    CubeSettings cube,
    Map<String, VarSpec> variables,
    List<Producer> producers,
    String origin,
    S3Config s3)
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
    s3 = s3 == null ? S3Config.NONE : s3;
  }

  /** A config that reaches S3 with the AWS defaults. */
  public EngineConfig(
      CubeSettings cube, Map<String, VarSpec> variables, List<Producer> producers, String origin) {
    this(cube, variables, producers, origin, S3Config.NONE);
  }

  /**
   * This config with the fields {@code overrides} sets (the command line's S3 options) replacing
   * those of its {@code s3:} section, for the cube and for the file producers' S3 sources.
   */
  public EngineConfig withS3(S3Config overrides) {
    if (overrides == null || overrides.equals(S3Config.NONE)) {
      return this;
    }
    S3Config merged = s3.overriddenBy(overrides);
    S3Settings settings = merged.toSettings(S3Config.FieldNames.CLI);
    List<Producer> rebound = new ArrayList<>();
    for (Producer p : producers) {
      rebound.add(
          p instanceof FileProducer f && f.remote() != null
              ? f.withRemote(f.remote().withS3(settings))
              : p);
    }
    return new EngineConfig(cube, variables, rebound, origin, merged);
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
   * @param root the cube's directory (a config's {@code cube.root}, resolved against the config
   *     file's directory) or an {@code s3://bucket/prefix} URL: where the variables' Zarr stores go
   * @param zarrFormat 2 or 3
   * @param grid the grid, tiles and timesteps
   * @param catalog the local directory of the catalog ({@code catalog.sqlite}) and the run logs:
   *     {@code root} itself for a local cube (null means that), required for an {@code s3://} root
   *     (SQLite cannot live on S3)
   * @param cache the content cache's directory ({@code s3://} file sources are fetched into it);
   *     null for {@link ContentCache#defaultDirectory()}
   */
  public record CubeSettings(
      String root, int zarrFormat, CubeGrid grid, String catalog, String cache)
      implements Serializable {
    public CubeSettings {
      Objects.requireNonNull(root, "cube.root is required");
      Objects.requireNonNull(grid, "cube.grid is required");
      if (zarrFormat != 2 && zarrFormat != 3) {
        throw new ConfigException("cube.zarr_format", "must be 2 or 3, got " + zarrFormat);
      }
      if (Storage.isS3(root)) {
        if (catalog == null) {
          throw new ConfigException(
              "cube.catalog",
              "an s3:// cube root ("
                  + root
                  + ") needs a local directory for its catalog (SQLite cannot live on S3); set"
                  + " cube.catalog");
        }
      } else if (catalog != null && !Path.of(catalog).equals(Path.of(root))) {
        throw new ConfigException(
            "cube.catalog",
            "a local cube keeps its catalog in its root ("
                + root
                + "); set cube.catalog only for an s3:// root");
      }
      catalog = catalog == null ? root : catalog;
    }

    /** A local cube at {@code root}, its catalog inside it, the default content cache. */
    public CubeSettings(String root, int zarrFormat, CubeGrid grid) {
      this(root, zarrFormat, grid, null, null);
    }

    /** Whether the stores are on S3. */
    public boolean isS3() {
      return Storage.isS3(root);
    }

    /** The catalog's file: {@code <catalog>/catalog.sqlite}. */
    public Path catalogFile() {
      return Path.of(catalog, CubeCatalog.FILE_NAME);
    }

    /** The content cache's directory. */
    public Path cacheDirectory() {
      return cache != null ? Path.of(cache) : ContentCache.defaultDirectory();
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
