package org.magg.runners;

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
import org.magg.config.ConfigLoader;
import org.magg.pipelines.RunOptions;
import org.magg.pipelines.SampleData;
import org.magg.pipelines.SpatialPipeline;
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
    PipelineOptions options =
        Runners.options(
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
    assertEquals("DataflowRunner", Runners.name(options));
    Pipeline pipeline = Pipeline.create(options);
    SpatialPipeline.build(pipeline, plan);
    List<String> transforms = primitiveTransforms(pipeline);

    pipeline.run();

    JsonNode job = new ObjectMapper().readTree(jobFile.toFile());
    assertEquals("magg-translation-test", job.get("name").asText());
    assertEquals("JOB_TYPE_BATCH", job.get("type").asText());
    JsonNode sdkOptions = job.get("environment").get("sdkPipelineOptions").get("options");
    assertEquals("magg-test-project", sdkOptions.get("project").asText());
    assertEquals("us-central1", sdkOptions.get("region").asText());
    List<String> steps = new ArrayList<>();
    for (JsonNode step : job.get("steps")) {
      // the transform's full name (a typed value in the job's JSON)
      steps.add(step.get("properties").get("user_name").get("value").asText());
    }
    // The runner replaces some composites (Reshuffle, View.AsList) by its own before translating:
    // every primitive it translated is a step (or expanded into steps below its name), and every
    // primitive of our graph is either one of them or lies in a composite the runner replaced,
    // which then has steps of its own.
    List<String> translated = primitiveTransforms(pipeline);
    List<String> surviving = allTransforms(pipeline);
    List<String> missing = new ArrayList<>();
    for (String t : translated) {
      if (steps.stream().noneMatch(s -> s.equals(t) || s.startsWith(t + "/"))) {
        missing.add(t);
      }
    }
    for (String t : transforms) {
      if (translated.contains(t)) {
        continue;
      }
      String replaced = t;
      while (replaced.contains("/") && !surviving.contains(replaced)) {
        replaced = replaced.substring(0, replaced.lastIndexOf('/'));
      }
      String composite = replaced;
      if (!surviving.contains(composite)
          || composite.equals(t)
          || steps.stream().noneMatch(s -> s.startsWith(composite + "/"))) {
        missing.add(t + " (replaced within " + composite + ")");
      }
    }
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

  /** Full names of the primitive transforms, before the runner replaces any. */
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

  /** Full names of all transforms, composite and primitive. */
  private static List<String> allTransforms(Pipeline pipeline) {
    List<String> names = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            names.add(node.getFullName());
            return CompositeBehavior.ENTER_TRANSFORM;
          }

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
