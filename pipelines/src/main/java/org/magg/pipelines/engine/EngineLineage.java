package org.magg.pipelines.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.magg.core.Json;
import org.magg.io.engine.CubeCatalog;
import org.magg.io.engine.FileDigest;
import org.magg.io.engine.ProducerRun;
import org.magg.io.engine.RunRecord;
import org.magg.io.s3.S3Location;
import org.magg.io.storage.Storage;
import org.magg.pipelines.config.EngineConfig;

/**
 * The lineage of one engine run as an OpenLineage {@code RunEvent}, from the cube's catalog: the
 * run (id, status, start and end, the config hash, the Java, Beam and project versions and the git
 * commit recorded when it started, each producer's outcome), the job (the config), the inputs
 * (every file a producer that ran read, with its SHA-256 and size) and the outputs (every variable
 * version a producer that ran left).
 *
 * <p>{@code eventType} is {@code COMPLETE} for a run that succeeded, {@code FAIL} for one that
 * failed in part or in all, {@code RUNNING} for one that has not ended. Facets the OpenLineage spec
 * defines ({@code nominalTime}, {@code datasetVersion}, {@code sourceCodeLocation}) are used where
 * they fit; the rest are {@code magg_*} facets.
 */
public final class EngineLineage {
  /** The OpenLineage spec version the events follow. */
  public static final String SCHEMA_URL =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent";

  /** The namespace of the job. */
  public static final String NAMESPACE = "magg";

  private static final String FACETS = "https://openlineage.io/spec/facets/";
  private static final String RUN_FACET =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet";
  private static final String DATASET_FACET =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetFacet";

  private final Map<String, Object> event;

  private EngineLineage(Map<String, Object> event) {
    this.event = event;
  }

  /**
   * The lineage of run {@code runId} of the cube {@code config} names.
   *
   * @throws IllegalArgumentException when the cube has no catalog or no such run (naming the runs
   *     it has)
   */
  public static EngineLineage of(EngineConfig config, String runId) {
    String root = config.cube().root();
    Path file = config.cube().catalogFile();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "cube " + root + " has no runs (no " + file + "); run `magg engine run` first");
    }
    try (CubeCatalog catalog = CubeCatalog.open(file)) {
      Optional<RunRecord> found = catalog.run(runId);
      if (found.isEmpty()) {
        throw unknownRun(root, runId, catalog.runs());
      }
      RunRecord run = found.get();
      Map<String, String> env = catalog.runEnvironment(runId);
      String producer = "magg-beam/" + env.getOrDefault(RunEnvironment.MAGG, "(unknown)");
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("eventType", eventType(run.status()));
      e.put("eventTime", (run.endedAt() != null ? run.endedAt() : run.startedAt()).toString());
      e.put("producer", producer);
      e.put("schemaURL", SCHEMA_URL);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("runId", runId);
      r.put("facets", runFacets(producer, run, env, catalog.producerRuns(runId)));
      e.put("run", r);
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("namespace", NAMESPACE);
      job.put("name", jobName(config));
      job.put("facets", jobFacets(producer, env));
      e.put("job", job);
      e.put("inputs", inputs(producer, catalog.inputFiles(runId)));
      e.put("outputs", outputs(producer, root, catalog.outputVersions(runId)));
      return new EngineLineage(e);
    } catch (IOException ex) {
      throw new UncheckedIOException("lineage of run " + runId + ": " + ex.getMessage(), ex);
    }
  }

  /** The event, as maps and lists in the order written. */
  public Map<String, Object> event() {
    return event;
  }

  /** The event as indented JSON, ending with a newline. */
  public String toJson() {
    try {
      return Json.pretty().writeValueAsString(event) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the lineage as JSON: " + e.getMessage(), e);
    }
  }

  static String eventType(String status) {
    return switch (status) {
      case "succeeded" -> "COMPLETE";
      case "running" -> "RUNNING";
      default -> "FAIL";
    };
  }

  private static IllegalArgumentException unknownRun(
      String root, String runId, List<RunRecord> runs) {
    List<String> ids = runs.stream().map(RunRecord::runId).toList();
    String known =
        ids.isEmpty()
            ? "it has none yet"
            : ids.size() <= 10
                ? "runs: " + ids
                : "latest 10 of "
                    + ids.size()
                    + " runs: "
                    + ids.subList(ids.size() - 10, ids.size());
    return new IllegalArgumentException(
        "cube " + root + " has no run '" + runId + "' (" + known + ")");
  }

  /** The config file's name, or the cube's root for a config built in code. */
  private static String jobName(EngineConfig config) {
    String origin = config.origin();
    if (origin != null && !origin.equals("java") && !Storage.isS3(origin)) {
      Path p = Path.of(origin).getFileName();
      if (p != null) {
        return p.toString();
      }
    }
    return config.cube().root();
  }

  private static Map<String, Object> facet(String producer, String schemaUrl) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("_producer", producer);
    f.put("_schemaURL", schemaUrl);
    return f;
  }

  private static Map<String, Object> runFacets(
      String producer, RunRecord run, Map<String, String> env, List<ProducerRun> producers) {
    Map<String, Object> facets = new LinkedHashMap<>();
    Map<String, Object> nominal =
        facet(producer, FACETS + "1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet");
    nominal.put("nominalStartTime", run.startedAt().toString());
    if (run.endedAt() != null) {
      nominal.put("nominalEndTime", run.endedAt().toString());
    }
    facets.put("nominalTime", nominal);
    Map<String, Object> status = facet(producer, RUN_FACET);
    status.put("status", run.status());
    status.put("startedAt", run.startedAt().toString());
    status.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
    facets.put("magg_run", status);
    Map<String, Object> config = facet(producer, RUN_FACET);
    config.put("configHash", run.configHash());
    facets.put("magg_config", config);
    if (env.containsKey(RunEnvironment.JAVA)) {
      Map<String, Object> versions = facet(producer, RUN_FACET);
      versions.put("java", env.get(RunEnvironment.JAVA));
      versions.put("javaVendor", env.get(RunEnvironment.JAVA_VENDOR));
      versions.put("beam", env.get(RunEnvironment.BEAM));
      versions.put("magg", env.get(RunEnvironment.MAGG));
      facets.put("magg_versions", versions);
    }
    Map<String, Object> outcomes = new TreeMap<>();
    for (ProducerRun p : producers) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("status", p.status());
      o.put("attempts", p.attempts());
      o.put("reason", p.reason());
      outcomes.put(p.producer(), o);
    }
    Map<String, Object> prods = facet(producer, RUN_FACET);
    prods.put("producers", outcomes);
    facets.put("magg_producers", prods);
    return facets;
  }

  /** {@code sourceCodeLocation} when the run's config was in a git checkout. */
  private static Map<String, Object> jobFacets(String producer, Map<String, String> env) {
    Map<String, Object> facets = new LinkedHashMap<>();
    String sha = env.get(RunEnvironment.GIT_SHA);
    if (sha != null) {
      Map<String, Object> f =
          facet(
              producer,
              FACETS + "1-0-1/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet");
      f.put("type", "git");
      f.put("url", Path.of(env.get(RunEnvironment.GIT_TOP)).toUri().toString());
      f.put("version", sha);
      String ref = env.get(RunEnvironment.GIT_REF);
      if (ref != null) {
        f.put("branch", ref.startsWith("refs/heads/") ? ref.substring(11) : ref);
      }
      facets.put("sourceCodeLocation", f);
    }
    return facets;
  }

  /** Every file read, once, with the producers that read it. */
  private static List<Object> inputs(String producer, Map<String, List<FileDigest>> byProducer) {
    Map<String, FileDigest> files = new TreeMap<>();
    Map<String, List<String>> readers = new TreeMap<>();
    byProducer.forEach(
        (p, list) -> {
          for (FileDigest f : list) {
            files.put(f.location(), f);
            readers.computeIfAbsent(f.location(), k -> new ArrayList<>()).add(p);
          }
        });
    List<Object> out = new ArrayList<>();
    for (FileDigest f : files.values()) {
      Map<String, Object> facets = new LinkedHashMap<>();
      Map<String, Object> version =
          facet(
              producer,
              FACETS + "1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet");
      version.put("datasetVersion", f.sha256());
      facets.put("datasetVersion", version);
      Map<String, Object> content = facet(producer, DATASET_FACET);
      content.put("sha256", f.sha256());
      content.put("size", f.size());
      content.put("readBy", readers.get(f.location()));
      facets.put("magg_file", content);
      out.add(dataset(f.location(), facets));
    }
    return out;
  }

  /** Every variable version a producer left. */
  private static List<Object> outputs(
      String producer, String root, Map<String, Map<String, Long>> byProducer) {
    List<Object> out = new ArrayList<>();
    byProducer.forEach(
        (p, vars) ->
            vars.forEach(
                (v, version) -> {
                  Map<String, Object> facets = new LinkedHashMap<>();
                  Map<String, Object> dv =
                      facet(
                          producer,
                          FACETS
                              + "1-0-1/DatasetVersionDatasetFacet.json#/$defs/"
                              + "DatasetVersionDatasetFacet");
                  dv.put("datasetVersion", Long.toString(version));
                  facets.put("datasetVersion", dv);
                  Map<String, Object> mv = facet(producer, DATASET_FACET);
                  mv.put("variable", v);
                  mv.put("version", version);
                  mv.put("producer", p);
                  facets.put("magg_variable", mv);
                  out.add(dataset(Storage.join(root, v + ".zarr"), facets));
                }));
    return out;
  }

  /**
   * A dataset named as OpenLineage names them: namespace {@code file} and the path, or namespace
   * {@code s3://bucket} and the key.
   */
  private static Map<String, Object> dataset(String name, Map<String, Object> facets) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (Storage.isS3(name)) {
      S3Location loc = S3Location.parse(name);
      d.put("namespace", "s3://" + loc.bucket());
      d.put("name", loc.key());
    } else {
      d.put("namespace", "file");
      d.put("name", name);
    }
    d.put("facets", facets);
    return d;
  }
}
