package org.magg.io.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.magg.core.Json;
import org.magg.core.engine.ContentHashes;
import org.magg.core.engine.InputFingerprint;
import org.magg.core.engine.MergePolicy;
import org.magg.core.engine.VarDtype;
import org.magg.core.engine.VarKind;
import org.magg.core.engine.VarSpec;

/**
 * The cube's catalog, an embedded SQLite database ({@code catalog.sqlite} under the cube's root):
 * the variables and their versions, the tiles (who wrote each, at which native resolution, its
 * version and content hash, when and in which run), the runs, the dead letters of steps that
 * exhausted their retries and, from schema version 2, what each producer's last successful run
 * depended on (its {@link InputFingerprint}) and per run each producer's outcome, the files it read
 * and the variable versions it left, and from schema version 3 what each run ran with (Java, Beam
 * and project versions, the git commit).
 *
 * <p>The schema has a version ({@code schema_version}); opening a catalog applies the {@link
 * CatalogMigration migrations} it lacks, each in a transaction, and refuses a catalog newer than
 * this build knows. Methods are synchronized: one catalog object may be shared by threads of one
 * process.
 */
public final class CubeCatalog implements AutoCloseable {
  /** The {@code t} recorded for the tiles of static variables. */
  public static final int STATIC_T = -1;

  /** The file name under the cube's root. */
  public static final String FILE_NAME = "catalog.sqlite";

  /** The schema's steps: migration {@code i} takes version {@code i} to {@code i + 1}. */
  static final List<CatalogMigration> MIGRATIONS =
      List.of(
          CubeCatalog::createVersion1, CubeCatalog::addRunLineage, CubeCatalog::addRunEnvironment);

  private final Connection db;
  private final Path file;

  private CubeCatalog(Connection db, Path file) {
    this.db = db;
    this.file = file;
  }

  /** Opens (creating if needed) the catalog at {@code file} and brings its schema up to date. */
  public static CubeCatalog open(Path file) throws IOException {
    return open(file, MIGRATIONS);
  }

  /** Opens the catalog with this list of migrations (tests add steps to it). */
  static CubeCatalog open(Path file, List<CatalogMigration> migrations) throws IOException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // Transactions take the write lock when they begin, so that two processes (or workers)
      // writing tiles wait for each other (busy_timeout) instead of failing at once.
      java.util.Properties props = new java.util.Properties();
      props.setProperty("transaction_mode", "IMMEDIATE");
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA foreign_keys = ON");
        s.execute("PRAGMA busy_timeout = 10000");
      }
      CubeCatalog catalog = new CubeCatalog(c, file);
      try {
        catalog.migrate(migrations);
      } catch (IOException | SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
      return catalog;
    } catch (SQLException e) {
      throw new IOException("cannot open the cube catalog " + file + ": " + e.getMessage(), e);
    }
  }

  /** The schema version the catalog is at. */
  public synchronized int schemaVersion() throws IOException {
    try {
      return readSchemaVersion();
    } catch (SQLException e) {
      throw failure("read the schema version", e);
    }
  }

  private void migrate(List<CatalogMigration> migrations) throws SQLException, IOException {
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    }
    int version = readSchemaVersion();
    if (version > migrations.size()) {
      throw new IOException(
          "the cube catalog "
              + file
              + " has schema version "
              + version
              + ", newer than this build supports ("
              + migrations.size()
              + "); use a newer build or another cube root");
    }
    for (int v = version; v < migrations.size(); v++) {
      db.setAutoCommit(false);
      try {
        migrations.get(v).apply(db);
        try (Statement s = db.createStatement()) {
          s.execute("DELETE FROM schema_version");
          s.execute("INSERT INTO schema_version (version) VALUES (" + (v + 1) + ")");
        }
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw new IOException(
            "cannot migrate the cube catalog "
                + file
                + " from schema version "
                + v
                + " to "
                + (v + 1)
                + ": "
                + e.getMessage(),
            e);
      } finally {
        db.setAutoCommit(true);
      }
    }
  }

  private int readSchemaVersion() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  private static void createVersion1(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE variables (name TEXT PRIMARY KEY, kind TEXT NOT NULL, dtype TEXT NOT NULL,"
              + " units TEXT NOT NULL, merge_policy TEXT, description TEXT NOT NULL,"
              + " max_native_res_m REAL, required INTEGER NOT NULL,"
              + " version INTEGER NOT NULL DEFAULT 0, updated_at TEXT)");
      s.execute(
          "CREATE TABLE tiles (variable TEXT NOT NULL REFERENCES variables(name), t INTEGER NOT"
              + " NULL, tile_lat INTEGER NOT NULL, tile_lon INTEGER NOT NULL, source TEXT NOT"
              + " NULL, native_res REAL, version INTEGER NOT NULL, content_hash TEXT NOT NULL,"
              + " produced_at TEXT NOT NULL, run_id TEXT NOT NULL,"
              + " PRIMARY KEY (variable, t, tile_lat, tile_lon))");
      s.execute(
          "CREATE TABLE runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, ended_at TEXT,"
              + " status TEXT NOT NULL, config_hash TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE dead_letters (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL,"
              + " producer TEXT NOT NULL, subject TEXT NOT NULL, attempts INTEGER NOT NULL,"
              + " reason TEXT NOT NULL, recorded_at TEXT NOT NULL)");
    }
  }

  /**
   * Schema 2: {@code fingerprints} (per producer, what its last successful run depended on), and
   * per run {@code run_producers} (status, attempts, reason), {@code run_inputs} (the files read,
   * with SHA-256 and size) and {@code run_outputs} (the variable versions each producer left).
   */
  private static void addRunLineage(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE fingerprints (producer TEXT PRIMARY KEY, config_hash TEXT NOT NULL,"
              + " input_versions TEXT NOT NULL, file_hashes TEXT NOT NULL, run_id TEXT NOT NULL,"
              + " recorded_at TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE run_producers (run_id TEXT NOT NULL, producer TEXT NOT NULL,"
              + " status TEXT NOT NULL, attempts INTEGER NOT NULL, reason TEXT NOT NULL,"
              + " PRIMARY KEY (run_id, producer))");
      s.execute(
          "CREATE TABLE run_inputs (run_id TEXT NOT NULL, producer TEXT NOT NULL,"
              + " location TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,"
              + " PRIMARY KEY (run_id, producer, location))");
      s.execute(
          "CREATE TABLE run_outputs (run_id TEXT NOT NULL, producer TEXT NOT NULL,"
              + " variable TEXT NOT NULL, version INTEGER NOT NULL,"
              + " PRIMARY KEY (run_id, producer, variable))");
    }
  }

  /**
   * Schema 3: {@code run_environment}, per run what it ran with (name and value: the Java, Beam and
   * project versions, the git commit of the config's checkout), so a run's lineage is what that run
   * used.
   */
  private static void addRunEnvironment(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE run_environment (run_id TEXT NOT NULL, name TEXT NOT NULL,"
              + " value TEXT NOT NULL, PRIMARY KEY (run_id, name))");
    }
  }

  // ------------------------------------------------------------------ variables

  /**
   * Records {@code spec}, or checks it against the one recorded: kind and element type must agree
   * (the stored array depends on them); units, merge policy, description, resolution limit and
   * required are updated.
   *
   * @throws IllegalArgumentException if the kind or element type differ from the recorded ones
   */
  public synchronized void registerVariable(VarSpec spec) throws IOException {
    try {
      Optional<VarSpec> old = variable(spec.name());
      if (old.isPresent()) {
        VarSpec o = old.get();
        if (o.kind() != spec.kind() || o.dtype() != spec.dtype()) {
          throw new IllegalArgumentException(
              "variable '"
                  + spec.name()
                  + "' is "
                  + spec.kind().id()
                  + " "
                  + spec.dtype().id()
                  + " but the cube holds it as "
                  + o.kind().id()
                  + " "
                  + o.dtype().id()
                  + "; use another name or another cube root");
        }
        try (PreparedStatement p =
            db.prepareStatement(
                "UPDATE variables SET units = ?, merge_policy = ?, description = ?,"
                    + " max_native_res_m = ?, required = ? WHERE name = ?")) {
          p.setString(1, spec.units());
          p.setString(2, spec.mergePolicy() == null ? null : spec.mergePolicy().id());
          p.setString(3, spec.description());
          p.setObject(4, spec.maxNativeResM());
          p.setInt(5, spec.required() ? 1 : 0);
          p.setString(6, spec.name());
          p.executeUpdate();
        }
        return;
      }
      try (PreparedStatement p =
          db.prepareStatement(
              "INSERT INTO variables (name, kind, dtype, units, merge_policy, description,"
                  + " max_native_res_m, required, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
        p.setString(1, spec.name());
        p.setString(2, spec.kind().id());
        p.setString(3, spec.dtype().id());
        p.setString(4, spec.units());
        p.setString(5, spec.mergePolicy() == null ? null : spec.mergePolicy().id());
        p.setString(6, spec.description());
        p.setObject(7, spec.maxNativeResM());
        p.setInt(8, spec.required() ? 1 : 0);
        p.executeUpdate();
      }
    } catch (SQLException e) {
      throw failure("record variable '" + spec.name() + "'", e);
    }
  }

  /** The recorded spec of {@code name}, if any. */
  public synchronized Optional<VarSpec> variable(String name) throws IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT kind, dtype, units, merge_policy, description, max_native_res_m, required"
                + " FROM variables WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String merge = r.getString(4);
        double res = r.getDouble(6);
        Double maxRes = r.wasNull() ? null : res;
        return Optional.of(
            new VarSpec(
                name,
                VarKind.parse(r.getString(1)),
                VarDtype.parse(r.getString(2)),
                r.getString(3),
                merge == null ? null : MergePolicy.parse(merge),
                r.getString(5),
                maxRes,
                r.getInt(7) != 0));
      }
    } catch (SQLException e) {
      throw failure("read variable '" + name + "'", e);
    }
  }

  /** The names of the recorded variables, sorted. */
  public synchronized List<String> variableNames() throws IOException {
    List<String> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT name FROM variables ORDER BY name")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw failure("list the variables", e);
    }
  }

  /**
   * The variable's version: 0 before any write, one more each time a write changed a tile's
   * content.
   *
   * @throws IllegalArgumentException if the variable is not recorded
   */
  public synchronized long variableVersion(String name) throws IOException {
    try (PreparedStatement p =
        db.prepareStatement("SELECT version FROM variables WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new IllegalArgumentException("the cube has no variable '" + name + "'");
        }
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("read the version of '" + name + "'", e);
    }
  }

  // ---------------------------------------------------------------------- tiles

  /**
   * Records a write of one tile. Its version becomes 1 if it is new, one more if its content hash
   * changed, and stays if not; in the first two cases the variable's version also goes up by one.
   * Source, resolution, time and run are those of this write in every case.
   *
   * @return the tile as now recorded
   */
  public synchronized TileRecord recordTile(
      String variable,
      int t,
      int tileLat,
      int tileLon,
      String source,
      double nativeResM,
      String contentHash,
      Instant producedAt,
      String runId)
      throws IOException {
    try {
      db.setAutoCommit(false);
      try {
        Optional<TileRecord> old = tileRow(variable, t, tileLat, tileLon);
        boolean changed = old.isEmpty() || !old.get().contentHash().equals(contentHash);
        long version = old.map(o -> changed ? o.version() + 1 : o.version()).orElse(1L);
        try (PreparedStatement p =
            db.prepareStatement(
                "INSERT OR REPLACE INTO tiles (variable, t, tile_lat, tile_lon, source,"
                    + " native_res, version, content_hash, produced_at, run_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          p.setString(1, variable);
          p.setInt(2, t);
          p.setInt(3, tileLat);
          p.setInt(4, tileLon);
          p.setString(5, source);
          p.setObject(6, Double.isNaN(nativeResM) ? null : nativeResM);
          p.setLong(7, version);
          p.setString(8, contentHash);
          p.setString(9, producedAt.toString());
          p.setString(10, runId);
          p.executeUpdate();
        }
        if (changed) {
          try (PreparedStatement p =
              db.prepareStatement(
                  "UPDATE variables SET version = version + 1, updated_at = ? WHERE name = ?")) {
            p.setString(1, producedAt.toString());
            p.setString(2, variable);
            if (p.executeUpdate() != 1) {
              throw new IllegalArgumentException("the cube has no variable '" + variable + "'");
            }
          }
        }
        db.commit();
        return new TileRecord(
            variable,
            t,
            tileLat,
            tileLon,
            source,
            nativeResM,
            version,
            contentHash,
            producedAt,
            runId);
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(
          "record tile t=" + t + " (" + tileLat + ", " + tileLon + ") of '" + variable + "'", e);
    }
  }

  /** The recorded tile, if it was ever written. */
  public synchronized Optional<TileRecord> tile(String variable, int t, int tileLat, int tileLon)
      throws IOException {
    try {
      return tileRow(variable, t, tileLat, tileLon);
    } catch (SQLException e) {
      throw failure("read a tile of '" + variable + "'", e);
    }
  }

  /**
   * The recorded tiles of {@code variable} with {@code t} in {@code [t0, t1)}, in (t, lat, lon)
   * order.
   */
  public synchronized List<TileRecord> tiles(String variable, int t0, int t1) throws IOException {
    List<TileRecord> out = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT t, tile_lat, tile_lon, source, native_res, version, content_hash, produced_at,"
                + " run_id FROM tiles WHERE variable = ? AND t >= ? AND t < ?"
                + " ORDER BY t, tile_lat, tile_lon")) {
      p.setString(1, variable);
      p.setInt(2, t0);
      p.setInt(3, t1);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(tileOf(variable, r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("list the tiles of '" + variable + "'", e);
    }
  }

  private Optional<TileRecord> tileRow(String variable, int t, int tileLat, int tileLon)
      throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT t, tile_lat, tile_lon, source, native_res, version, content_hash, produced_at,"
                + " run_id FROM tiles WHERE variable = ? AND t = ? AND tile_lat = ? AND tile_lon"
                + " = ?")) {
      p.setString(1, variable);
      p.setInt(2, t);
      p.setInt(3, tileLat);
      p.setInt(4, tileLon);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(tileOf(variable, r)) : Optional.empty();
      }
    }
  }

  private static TileRecord tileOf(String variable, ResultSet r) throws SQLException {
    double res = r.getDouble(5);
    if (r.wasNull()) {
      res = Double.NaN;
    }
    return new TileRecord(
        variable,
        r.getInt(1),
        r.getInt(2),
        r.getInt(3),
        r.getString(4),
        res,
        r.getLong(6),
        r.getString(7),
        Instant.parse(r.getString(8)),
        r.getString(9));
  }

  // ----------------------------------------------------------------------- runs

  /** Records a run as {@code running}. @throws IllegalArgumentException if the id is taken */
  public synchronized void startRun(String runId, Instant startedAt, String configHash)
      throws IOException {
    if (run(runId).isPresent()) {
      throw new IllegalArgumentException("run '" + runId + "' is already in the catalog");
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO runs (run_id, started_at, status, config_hash) VALUES (?, ?, 'running', ?)")) {
      p.setString(1, runId);
      p.setString(2, startedAt.toString());
      p.setString(3, configHash);
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("record run '" + runId + "'", e);
    }
  }

  /** Records the end of a run and its status. @throws IllegalArgumentException if it is unknown */
  public synchronized void finishRun(String runId, Instant endedAt, String status)
      throws IOException {
    try (PreparedStatement p =
        db.prepareStatement("UPDATE runs SET ended_at = ?, status = ? WHERE run_id = ?")) {
      p.setString(1, endedAt.toString());
      p.setString(2, status);
      p.setString(3, runId);
      if (p.executeUpdate() != 1) {
        throw new IllegalArgumentException("run '" + runId + "' is not in the catalog");
      }
    } catch (SQLException e) {
      throw failure("finish run '" + runId + "'", e);
    }
  }

  /** The run, if recorded. */
  public synchronized Optional<RunRecord> run(String runId) throws IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT started_at, ended_at, status, config_hash FROM runs WHERE run_id = ?")) {
      p.setString(1, runId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String ended = r.getString(2);
        return Optional.of(
            new RunRecord(
                runId,
                Instant.parse(r.getString(1)),
                ended == null ? null : Instant.parse(ended),
                r.getString(3),
                r.getString(4)));
      }
    } catch (SQLException e) {
      throw failure("read run '" + runId + "'", e);
    }
  }

  // --------------------------------------------------------------- dead letters

  /** Records a step or tile that exhausted its attempts. */
  public synchronized void recordDeadLetter(DeadLetter letter) throws IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT INTO dead_letters (run_id, producer, subject, attempts, reason, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, letter.runId());
      p.setString(2, letter.producer());
      p.setString(3, letter.subject());
      p.setInt(4, letter.attempts());
      p.setString(5, letter.reason());
      p.setString(6, letter.recordedAt().toString());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("record a dead letter of '" + letter.producer() + "'", e);
    }
  }

  /** The dead letters of a run, in the order recorded. */
  public synchronized List<DeadLetter> deadLetters(String runId) throws IOException {
    List<DeadLetter> out = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT producer, subject, attempts, reason, recorded_at FROM dead_letters"
                + " WHERE run_id = ? ORDER BY id")) {
      p.setString(1, runId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new DeadLetter(
                  runId,
                  r.getString(1),
                  r.getString(2),
                  r.getInt(3),
                  r.getString(4),
                  Instant.parse(r.getString(5))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("read the dead letters of run '" + runId + "'", e);
    }
  }

  /** The runs recorded, oldest first. */
  public synchronized List<RunRecord> runs() throws IOException {
    List<String> ids = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT run_id FROM runs ORDER BY started_at, run_id")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    } catch (SQLException e) {
      throw failure("list the runs", e);
    }
    List<RunRecord> out = new ArrayList<>();
    for (String id : ids) {
      run(id).ifPresent(out::add);
    }
    return out;
  }

  // ---------------------------------------------------------------- fingerprints

  /**
   * Records what {@code producer}'s successful run {@code runId} depended on, replacing the last.
   */
  public synchronized void recordFingerprint(
      String producer, InputFingerprint fingerprint, String runId, Instant at) throws IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO fingerprints (producer, config_hash, input_versions,"
                + " file_hashes, run_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, producer);
      p.setString(2, fingerprint.configHash());
      p.setString(3, ContentHashes.canonicalJson(fingerprint.inputVersions()));
      p.setString(4, ContentHashes.canonicalJson(fingerprint.fileHashes()));
      p.setString(5, runId);
      p.setString(6, at.toString());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("record the fingerprint of '" + producer + "'", e);
    }
  }

  /** What {@code producer}'s last successful run depended on, if it ever ran. */
  public synchronized Optional<InputFingerprint> fingerprint(String producer) throws IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT config_hash, input_versions, file_hashes FROM fingerprints WHERE producer = ?")) {
      p.setString(1, producer);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Map<String, Long> versions =
            Json.mapper().readValue(r.getString(2), new TypeReference<TreeMap<String, Long>>() {});
        Map<String, String> files =
            Json.mapper()
                .readValue(r.getString(3), new TypeReference<TreeMap<String, String>>() {});
        return Optional.of(new InputFingerprint(r.getString(1), versions, files));
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IOException(
          "cube catalog "
              + file
              + ": cannot read the fingerprint of '"
              + producer
              + "': "
              + e.getMessage(),
          e);
    }
  }

  // ------------------------------------------------------------ run lineage

  /** Records a producer's outcome in a run (replacing one recorded before for the same run). */
  public synchronized void recordProducerRun(ProducerRun run) throws IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO run_producers (run_id, producer, status, attempts, reason)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, run.runId());
      p.setString(2, run.producer());
      p.setString(3, run.status());
      p.setInt(4, run.attempts());
      p.setString(5, run.reason());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("record the outcome of '" + run.producer() + "'", e);
    }
  }

  /** The producers' outcomes in a run, by producer name. */
  public synchronized List<ProducerRun> producerRuns(String runId) throws IOException {
    List<ProducerRun> out = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT producer, status, attempts, reason FROM run_producers WHERE run_id = ?"
                + " ORDER BY producer")) {
      p.setString(1, runId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new ProducerRun(runId, r.getString(1), r.getString(2), r.getInt(3), r.getString(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("read the producers of run '" + runId + "'", e);
    }
  }

  /** Records a file a producer read in a run. */
  public synchronized void recordInputFile(String runId, String producer, FileDigest file)
      throws IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO run_inputs (run_id, producer, location, sha256, size)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, runId);
      p.setString(2, producer);
      p.setString(3, file.location());
      p.setString(4, file.sha256());
      p.setLong(5, file.size());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("record an input of '" + producer + "'", e);
    }
  }

  /** The files read in a run, by producer, by producer then location. */
  public synchronized Map<String, List<FileDigest>> inputFiles(String runId) throws IOException {
    Map<String, List<FileDigest>> out = new TreeMap<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT producer, location, sha256, size FROM run_inputs WHERE run_id = ?"
                + " ORDER BY producer, location")) {
      p.setString(1, runId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
              .add(new FileDigest(r.getString(2), r.getString(3), r.getLong(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("read the inputs of run '" + runId + "'", e);
    }
  }

  /** Records the version a producer left a variable at in a run. */
  public synchronized void recordOutputVersion(
      String runId, String producer, String variable, long version) throws IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO run_outputs (run_id, producer, variable, version)"
                + " VALUES (?, ?, ?, ?)")) {
      p.setString(1, runId);
      p.setString(2, producer);
      p.setString(3, variable);
      p.setLong(4, version);
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("record an output of '" + producer + "'", e);
    }
  }

  /** The variable versions producers left in a run: producer to variable to version, sorted. */
  public synchronized Map<String, Map<String, Long>> outputVersions(String runId)
      throws IOException {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT producer, variable, version FROM run_outputs WHERE run_id = ?"
                + " ORDER BY producer, variable")) {
      p.setString(1, runId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.computeIfAbsent(r.getString(1), k -> new TreeMap<>())
              .put(r.getString(2), r.getLong(3));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("read the outputs of run '" + runId + "'", e);
    }
  }

  /**
   * Records what a run ran with (for example {@code java} -> {@code 17.0.9}), replacing values
   * recorded under the same names.
   */
  public synchronized void recordRunEnvironment(String runId, Map<String, String> values)
      throws IOException {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR REPLACE INTO run_environment (run_id, name, value) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> e : values.entrySet()) {
        p.setString(1, runId);
        p.setString(2, e.getKey());
        p.setString(3, e.getValue());
        p.executeUpdate();
      }
    } catch (SQLException e) {
      throw failure("record the environment of run '" + runId + "'", e);
    }
  }

  /** What a run ran with, by name, sorted; empty for a run recorded before schema version 3. */
  public synchronized Map<String, String> runEnvironment(String runId) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (PreparedStatement p =
        db.prepareStatement("SELECT name, value FROM run_environment WHERE run_id = ?")) {
      p.setString(1, runId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getString(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("read the environment of run '" + runId + "'", e);
    }
  }

  /** Where the catalog is. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      db.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  private IOException failure(String what, SQLException e) {
    return new IOException("cube catalog " + file + ": cannot " + what + ": " + e.getMessage(), e);
  }
}
