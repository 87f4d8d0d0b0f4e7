package org.magg.pipelines.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.temporal.EventTableIO;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.samples.SampleData;
import org.magg.pipelines.spatial.RunOptions;
import org.magg.pipelines.spatial.SpatialPipeline;
import org.magg.pipelines.temporal.TemporalGraph;
import org.magg.pipelines.temporal.TemporalPipelineFixture;
import org.magg.pipelines.temporal.TemporalPlan;
import org.magg.pipelines.temporal.TemporalRunOptions;
import org.magg.testing.SharedData;

/**
 * The spatial pipeline translated by the Dataflow runner into a Dataflow job specification, without
 * submitting it and without network or credentials: {@code --templateLocation} makes the runner
 * write the job it would create to a local file and stop, the credential factory gives no-op
 * credentials, the path validator accepts {@code gs://} paths without asking Cloud Storage, and the
 * bundled jar is staged into a local directory. Needs {@code -Pdataflow-runner} and the bundled jar
 * ({@code mvn -Pdataflow-runner package}); the jar can be named with {@code -Dmagg.bundledJar=}.
 */
class DataflowTranslationIT {
  private static Path jar;

  @BeforeAll
  static void requireDataflowRunnerAndJar() {
    boolean runner;
    try {
      Class.forName("org.apache.beam.runners.dataflow.DataflowRunner");
      runner = true;
    } catch (ClassNotFoundException e) {
      runner = false;
    }
    SharedData.requireOrSkip(
        runner,
        "the Dataflow runner is not on the classpath (run with the Maven profile -Pdataflow-runner)");
    jar =
        SharedData.projectDir()
            .resolve(System.getProperty("magg.bundledJar", "target/magg-beam-bundled.jar"))
            .toAbsolutePath()
            .normalize();
    SharedData.requireOrSkip(
        Files.isRegularFile(jar),
        "the bundled jar " + jar + " is missing (build it with mvn -Pdataflow-runner package)");
  }

  @Test
  void spatialPipelineTranslatesIntoADataflowJob(@TempDir Path dir) throws IOException {
    SampleData.Result sample =
        SampleData.generate(dir.resolve("sample"), new SampleData.Spec(3, 200, 6, 3L));
    SpatialPipeline.Plan plan =
        SpatialPipeline.plan(
            ConfigLoader.builtin("atl06"),
            RunOptions.defaults()
                .withCatalog(sample.catalog().toString())
                .withStore(dir.resolve("out.zarr").toString()));
    Path staging = Files.createDirectories(dir.resolve("staging"));
    Path jobFile = dir.resolve("job.json");
    PipelineOptions options = dataflowOptions(staging, jobFile);
    assertEquals("DataflowRunner", Runners.name(options));
    Pipeline pipeline = Pipeline.create(options);
    SpatialPipeline.build(pipeline, plan);
    JsonNode job = translate(pipeline, jobFile);
    JsonNode sdkOptions = job.get("environment").get("sdkPipelineOptions").get("options");
    List<String> steps = stepNames(job);
    for (String ours :
        List.of(
            "Catalog/Granules",
            "ReadPoints/ReadGranules",
            "Statistics/EveryCell",
            "Statistics/GroupByCell",
            "Statistics/CellStatistics",
            "WriteZarr/WriteMetadata",
            "WriteZarr/WriteChunks",
            "WriteZarr/Consolidate")) {
      assertTrue(
          steps.stream().anyMatch(s -> s.equals(ours) || s.startsWith(ours + "/")),
          ours + " has no step: " + steps);
    }

    // The bundled jar is what gets staged: named in the options and copied to the staging area.
    List<String> filesToStage = new ArrayList<>();
    sdkOptions.get("filesToStage").forEach(f -> filesToStage.add(f.asText()));
    assertEquals(List.of(jar.toString()), filesToStage);
    List<Path> staged;
    try (Stream<Path> files = Files.list(staging)) {
      staged =
          files.filter(f -> f.getFileName().toString().startsWith("magg-beam-bundled-")).toList();
    }
    assertEquals(1, staged.size(), "staged: " + staged);
    assertEquals(Files.size(jar), Files.size(staged.get(0)));
    assertThat(
        "the job's packages", packageNames(job), hasItem(staged.get(0).getFileName().toString()));
  }

  /**
   * The temporal pipeline (event windows, the per-event CombineFn, the table sink) translates too.
   */
  @Test
  void temporalPipelineTranslatesIntoADataflowJob(@TempDir Path dir) throws Exception {
    Path fields = TemporalPipelineFixture.writeFields(dir.resolve("fields"));
    Path events = dir.resolve("events.json");
    Files.writeString(events, TemporalPipelineFixture.EVENTS);
    TemporalConfig config =
        (TemporalConfig) ConfigLoader.parseAny(TemporalPipelineFixture.CONFIG, "fixture");
    TemporalPlan plan =
        TemporalPlan.load(
            config,
            TemporalRunOptions.batch(
                events.toString(), fields.toString(), "gs://magg-test-bucket/out"));
    Path staging = Files.createDirectories(dir.resolve("staging"));
    Path jobFile = dir.resolve("job.json");
    Pipeline pipeline = Pipeline.create(dataflowOptions(staging, jobFile));
    TemporalGraph.Outputs outputs = TemporalGraph.build(pipeline, plan);
    outputs
        .rows()
        .apply(
            "WriteTable",
            EventTableIO.write(
                plan.output(), plan.metricNames(), List.of("E1", "E2", "E4"), "netcdf", plan.s3()));
    List<String> steps = stepNames(translate(pipeline, jobFile));
    for (String ours :
        List.of(
            "Read A",
            "Steps of A",
            "EventMarkers",
            "ReduceEvents/EventWindows",
            "ReduceEvents/Reduce",
            "Rows",
            "WriteTable/WriteTable")) {
      assertTrue(
          steps.stream().anyMatch(s -> s.equals(ours) || s.startsWith(ours + "/")),
          ours + " has no step: " + steps);
    }
  }

  /** Dataflow options that translate without network or credentials, writing the job to a file. */
  private static PipelineOptions dataflowOptions(Path staging, Path jobFile) {
    return Runners.options(
        List.of(
            "--runner=DataflowRunner",
            "--project=magg-test-project",
            "--region=us-central1",
            "--gcpTempLocation=gs://magg-test-bucket/tmp",
            "--tempLocation=gs://magg-test-bucket/tmp",
            "--stagingLocation=" + staging,
            "--filesToStage=" + jar,
            "--templateLocation=" + jobFile,
            "--jobName=magg-translation-test",
            "--credentialFactoryClass="
                + "org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
            "--pathValidatorClass="
                + "org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator"));
  }

  /** The user names of a job's steps. */
  private static List<String> stepNames(JsonNode job) {
    List<String> steps = new ArrayList<>();
    for (JsonNode step : job.get("steps")) {
      // the transform's full name (a typed value in the job's JSON)
      steps.add(step.get("properties").get("user_name").get("value").asText());
    }
    return steps;
  }

  /**
   * Runs the Dataflow runner on the pipeline (it writes the job and stops) and checks that every
   * transform of the graph translated; returns the job.
   */
  private static JsonNode translate(Pipeline pipeline, Path jobFile) throws IOException {
    assertEquals("DataflowRunner", Runners.name(pipeline.getOptions()));

    pipeline.run();

    JsonNode job = new ObjectMapper().readTree(jobFile.toFile());
    assertEquals("magg-translation-test", job.get("name").asText());
    assertEquals("JOB_TYPE_BATCH", job.get("type").asText());
    JsonNode sdkOptions = job.get("environment").get("sdkPipelineOptions").get("options");
    assertEquals("magg-test-project", sdkOptions.get("project").asText());
    assertEquals("us-central1", sdkOptions.get("region").asText());
    List<String> steps = stepNames(job);
    // Every primitive the runner translated (after it replaced some composites, such as Reshuffle
    // or View.AsList, by its own) is a step, lies below a step (a ParDo's step is named after its
    // composite) or has steps below it; our own transforms are checked by name by the callers.
    List<String> missing = new ArrayList<>();
    for (String t : primitiveTransforms(pipeline)) {
      boolean covered =
          steps.stream()
              .anyMatch(s -> s.equals(t) || t.startsWith(s + "/") || s.startsWith(t + "/"));
      if (!covered) {
        missing.add(t);
      }
    }
    assertTrue(missing.isEmpty(), "not translated: " + missing + "; steps: " + steps);
    return job;
  }

  /** Full names of the primitive transforms of the graph as it stands. */
  private static List<String> primitiveTransforms(Pipeline pipeline) {
    List<String> names = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            names.add(node.getFullName());
          }
        });
    return names;
  }

  /** Names of the packages the job's worker pools are given. */
  private static List<String> packageNames(JsonNode job) {
    List<String> names = new ArrayList<>();
    for (JsonNode pool : job.get("environment").path("workerPools")) {
      for (JsonNode p : pool.path("packages")) {
        names.add(p.get("name").asText());
      }
    }
    return names;
  }
}
