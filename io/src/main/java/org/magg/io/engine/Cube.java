package org.magg.io.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.magg.core.engine.ContentHashes;
import org.magg.core.engine.CubeGrid;
import org.magg.core.engine.Field;
import org.magg.core.engine.MergePolicy;
import org.magg.core.engine.Region;
import org.magg.core.engine.TimeAxis;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrStore;

/**
 * The engine's data cube: one Zarr store per variable under a root ({@code <root>/<var>.zarr}, a
 * local directory or an {@code s3://bucket/prefix}) and a {@link CubeCatalog} ({@code
 * catalog.sqlite}, in the root of a local cube, in a local directory of its own for a cube on S3:
 * SQLite cannot live on S3) of what each tile holds. Writes are by whole tiles and merge with what
 * is stored by the variable's {@link MergePolicy}; {@link #satisfaction} tells whether the cube
 * holds a variable over a time range at a fine enough resolution.
 *
 * <p>One writer per tile at a time: two concurrent writes to the same tile of the same variable may
 * lose one of them (the catalog itself is transactional). On S3 each chunk (one tile at one
 * timestep) is one object written by one whole-object PUT.
 */
public final class Cube implements AutoCloseable {
  private final String root;
  private final CubeGrid grid;
  private final ZarrFormat format;
  private final CubeCatalog catalog;
  private final Map<String, VariableArray> arrays;

  private Cube(
      String root,
      CubeGrid grid,
      ZarrFormat format,
      CubeCatalog catalog,
      Map<String, VariableArray> arrays) {
    this.root = root;
    this.grid = grid;
    this.format = format;
    this.catalog = catalog;
    this.arrays = arrays;
  }

  /**
   * Opens the local cube at {@code root} (its catalog {@code <root>/catalog.sqlite}), creating the
   * stores and the catalog it lacks. Each variable is recorded in the catalog (kind and element
   * type must agree with a store or record already there).
   *
   * @param zarrFormat 2 or 3
   * @throws IllegalArgumentException for a zarr format other than 2 or 3, two variables of one
   *     name, or a variable that disagrees with what the cube holds
   */
  public static Cube open(Path root, CubeGrid grid, int zarrFormat, Collection<VarSpec> variables)
      throws IOException {
    Objects.requireNonNull(root, "root");
    return open(
        root.toString(),
        root.resolve(CubeCatalog.FILE_NAME),
        S3Settings.defaults(),
        grid,
        zarrFormat,
        variables);
  }

  /**
   * Opens the cube whose stores are under {@code root} (a local directory, or {@code
   * s3://bucket/prefix} reached with {@code s3}) and whose catalog is the local file {@code
   * catalogFile}, creating the stores and the catalog it lacks.
   *
   * @throws IllegalArgumentException as {@link #open(Path, CubeGrid, int, Collection)}, and when
   *     the catalog of an {@code s3://} root does not exist yet but the root already holds stores
   *     of these variables (they were recorded in another catalog: which one is ambiguous, so it
   *     must be named)
   */
  public static Cube open(
      String root,
      Path catalogFile,
      S3Settings s3,
      CubeGrid grid,
      int zarrFormat,
      Collection<VarSpec> variables)
      throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(catalogFile, "catalogFile");
    Objects.requireNonNull(grid, "grid");
    ZarrFormat format =
        switch (zarrFormat) {
          case 2 -> ZarrFormat.V2;
          case 3 -> ZarrFormat.V3;
          default ->
              throw new IllegalArgumentException(
                  "cube.zarr_format must be 2 or 3, got " + zarrFormat);
        };
    Map<String, VarSpec> byName = new LinkedHashMap<>();
    for (VarSpec v : variables) {
      if (byName.putIfAbsent(v.name(), v) != null) {
        throw new IllegalArgumentException("variable '" + v.name() + "' is declared twice");
      }
    }
    Map<String, ZarrStore> stores = new LinkedHashMap<>();
    for (VarSpec v : byName.values()) {
      stores.put(v.name(), VariableArray.store(root, v.name(), s3));
    }
    if (Storage.isS3(root) && !Files.exists(catalogFile)) {
      for (Map.Entry<String, ZarrStore> e : stores.entrySet()) {
        if (VariableArray.exists(e.getValue())) {
          throw new IllegalArgumentException(
              "the cube "
                  + root
                  + " already holds "
                  + e.getValue().location()
                  + " but its catalog "
                  + catalogFile
                  + " does not exist: the cube was written with another catalog; set"
                  + " cube.catalog to that catalog's directory, or use another cube root");
        }
      }
    }
    CubeCatalog catalog = CubeCatalog.open(catalogFile);
    try {
      Map<String, VariableArray> arrays = new HashMap<>();
      for (VarSpec v : byName.values()) {
        catalog.registerVariable(v);
        arrays.put(v.name(), VariableArray.openOrCreate(stores.get(v.name()), v, grid, format));
      }
      return new Cube(root, grid, format, catalog, arrays);
    } catch (IOException | RuntimeException e) {
      catalog.close();
      throw e;
    }
  }

  /** Where the stores are: a local directory or an {@code s3://bucket/prefix} URL. */
  public String root() {
    return root;
  }

  public CubeGrid grid() {
    return grid;
  }

  public ZarrFormat format() {
    return format;
  }

  public CubeCatalog catalog() {
    return catalog;
  }

  /** The specs of the cube's variables, by name. */
  public Map<String, VarSpec> variables() {
    return arrays.values().stream()
        .map(VariableArray::spec)
        .collect(Collectors.toMap(VarSpec::name, v -> v, (a, b) -> a, java.util.TreeMap::new));
  }

  /** The store of {@code variable}: {@code <root>/<variable>.zarr} (a path or an S3 URL). */
  public String location(String variable) {
    return VariableArray.location(root, require(variable).spec().name());
  }

  /**
   * The values of {@code variable} over {@code region} (its time range ignored for a static
   * variable); cells never written are NaN. The field's native resolution is NaN (unknown).
   */
  public Field read(String variable, Region region) throws IOException {
    VariableArray a = require(variable);
    checkInside(region, a.spec().kind());
    return new Field(variable, a.spec().kind(), region, a.read(region), Double.NaN);
  }

  /**
   * Merges {@code field} into the cube by its variable's merge policy, tile by tile and timestep by
   * timestep, and records each tile in the catalog with {@code source}, the field's native
   * resolution (the grid's {@link CubeGrid#nominalResolutionM nominal one} if NaN), the SHA-256 of
   * the tile's stored values and {@code runId}.
   *
   * @throws IllegalArgumentException if the variable is unknown, the field's kind differs from it,
   *     or the region is off the grid or not aligned to whole tiles
   */
  public TileWrite write(Field field, String source, String runId) throws IOException {
    VariableArray a = require(field.variable());
    VarSpec spec = a.spec();
    if (field.kind() != spec.kind()) {
      throw new IllegalArgumentException(
          "field '"
              + field.variable()
              + "' is "
              + field.kind().id()
              + " but the cube holds it as "
              + spec.kind().id());
    }
    Region r = field.region();
    checkInside(r, spec.kind());
    checkAligned(r, field.variable());
    MergePolicy policy = spec.effectiveMergePolicy();
    double res = Double.isNaN(field.nativeResM()) ? grid.nominalResolutionM() : field.nativeResM();
    boolean time = spec.kind() == VarKind.TIME;
    int t0 = time ? r.t0() : CubeCatalog.STATIC_T;
    int t1 = time ? r.t1() : CubeCatalog.STATIC_T + 1;
    int written = 0;
    int changed = 0;
    Instant now = Instant.now();
    for (int t = t0; t < t1; t++) {
      for (int ti = r.lat0() / grid.tileLat(); ti * grid.tileLat() < r.lat1(); ti++) {
        for (int tj = r.lon0() / grid.tileLon(); tj * grid.tileLon() < r.lon1(); tj++) {
          Region tile = grid.tile(0, 1, ti, tj);
          double[] incoming = new double[tile.cellsPerStep()];
          int k = 0;
          for (int i = tile.lat0(); i < tile.lat1(); i++) {
            for (int j = tile.lon0(); j < tile.lon1(); j++) {
              incoming[k++] = field.at(time ? t - r.t0() : 0, i - r.lat0(), j - r.lon0());
            }
          }
          int st = time ? t : 0;
          double[] merged = policy.merge(a.readTile(st, ti, tj), incoming);
          byte[] stored = a.writeTile(st, ti, tj, merged);
          Optional<TileRecord> before = catalog.tile(field.variable(), t, ti, tj);
          TileRecord after =
              catalog.recordTile(
                  field.variable(),
                  t,
                  ti,
                  tj,
                  source,
                  res,
                  ContentHashes.sha256(stored),
                  now,
                  runId);
          written++;
          if (before.isEmpty() || before.get().version() != after.version()) {
            changed++;
          }
        }
      }
    }
    return new TileWrite(
        field.variable(), written, changed, catalog.variableVersion(field.variable()));
  }

  /**
   * Whether the cube holds {@code spec}'s variable at every tile of every timestep in {@code
   * [tStart, tEnd)} (a static variable: every tile, the times ignored), each written at a native
   * resolution {@code spec} {@link VarSpec#acceptsResolution accepts}. A range that reaches outside
   * the cube's time axis is never satisfied.
   */
  public Satisfaction satisfaction(VarSpec spec, Instant tStart, Instant tEnd) throws IOException {
    require(spec.name());
    int t0;
    int t1;
    if (spec.kind() == VarKind.STATIC) {
      t0 = CubeCatalog.STATIC_T;
      t1 = t0 + 1;
    } else {
      TimeAxis axis = grid.time();
      Instant end = axis.at(axis.count() - 1).plus(axis.step());
      if (tStart.isBefore(axis.start()) || tEnd.isAfter(end)) {
        return new Satisfaction(
            false,
            0,
            0,
            0,
            "["
                + tStart
                + ", "
                + tEnd
                + ") reaches outside the cube's time axis ["
                + axis.start()
                + ", "
                + end
                + ")");
      }
      t0 = axis.ceilIndex(tStart);
      t1 = Math.max(t0, axis.ceilIndex(tEnd));
    }
    Map<List<Integer>, TileRecord> have = new HashMap<>();
    for (TileRecord tr : catalog.tiles(spec.name(), t0, t1)) {
      have.put(List.of(tr.t(), tr.tileLat(), tr.tileLon()), tr);
    }
    int expected = 0;
    int missing = 0;
    int coarse = 0;
    String first = "";
    for (int t = t0; t < t1; t++) {
      for (int ti = 0; ti < grid.tilesLat(); ti++) {
        for (int tj = 0; tj < grid.tilesLon(); tj++) {
          expected++;
          TileRecord tr = have.get(List.of(t, ti, tj));
          String where =
              (t == CubeCatalog.STATIC_T ? "" : "t=" + t + " ") + "tile (" + ti + ", " + tj + ")";
          if (tr == null) {
            missing++;
            if (first.isEmpty()) {
              first = where + " was never written";
            }
          } else if (!spec.acceptsResolution(tr.nativeResM())) {
            coarse++;
            if (first.isEmpty()) {
              first =
                  where
                      + " has native resolution "
                      + (Double.isNaN(tr.nativeResM()) ? "unknown" : tr.nativeResM() + " m")
                      + ", coarser than max_native_res_m "
                      + spec.maxNativeResM()
                      + " m";
            }
          }
        }
      }
    }
    if (missing == 0 && coarse == 0) {
      return new Satisfaction(true, expected, 0, 0, "");
    }
    return new Satisfaction(
        false,
        expected,
        missing,
        coarse,
        spec.name()
            + ": "
            + missing
            + " of "
            + expected
            + " tiles missing, "
            + coarse
            + " too coarse; first: "
            + first);
  }

  /** Whether {@link #satisfaction} is satisfied. */
  public boolean satisfies(VarSpec spec, Instant tStart, Instant tEnd) throws IOException {
    return satisfaction(spec, tStart, tEnd).satisfied();
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }

  private VariableArray require(String variable) {
    VariableArray a = arrays.get(variable);
    if (a == null) {
      Set<String> known = new java.util.TreeSet<>(arrays.keySet());
      throw new IllegalArgumentException(
          "the cube has no variable '" + variable + "' (it has " + known + ")");
    }
    return a;
  }

  private void checkInside(Region r, VarKind kind) {
    boolean timeOk = kind == VarKind.STATIC || r.t1() <= grid.time().count();
    if (!timeOk || r.lat1() > grid.lat().count() || r.lon1() > grid.lon().count()) {
      throw new IllegalArgumentException(
          "region "
              + r
              + " is outside the grid of "
              + grid.time().count()
              + " timesteps x "
              + grid.lat().count()
              + " x "
              + grid.lon().count()
              + " cells");
    }
  }

  private void checkAligned(Region r, String variable) {
    boolean lat =
        r.lat0() % grid.tileLat() == 0
            && (r.lat1() % grid.tileLat() == 0 || r.lat1() == grid.lat().count());
    boolean lon =
        r.lon0() % grid.tileLon() == 0
            && (r.lon1() % grid.tileLon() == 0 || r.lon1() == grid.lon().count());
    if (!lat || !lon) {
      throw new IllegalArgumentException(
          "a write of '"
              + variable
              + "' over "
              + r
              + " does not cover whole tiles of "
              + grid.tileLat()
              + " x "
              + grid.tileLon()
              + " cells; write whole tiles (the last along each axis may be smaller)");
    }
  }
}
