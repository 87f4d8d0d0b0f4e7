package org.magg.pipelines;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers' boundaries, checked on the main classes of all four modules: layers depend downwards
 * only (core <- io <- transforms <- pipelines), no two packages depend on each other through any
 * path, the format and storage libraries know nothing of Beam pipelines or configs, and nothing
 * depends on the command line.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  /** Main classes only: neither test classes nor the layers' test jars. */
  private static final ImportOption MAIN_ONLY =
      (Location location) ->
          !location.contains("/test-classes/") && !location.contains("-tests.jar");

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("org.magg");
    // The check must see every layer, or it would pass by seeing nothing.
    for (String layer : new String[] {"core", "io", "transforms", "pipelines"}) {
      String prefix = "org.magg." + layer + ".";
      assertTrue(
          classes.stream().anyMatch(c -> c.getPackageName().startsWith(prefix)),
          "no main class of the " + layer + " layer was imported");
    }
  }

  @Test
  void layersDependDownwardsOnly() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("org.magg..")
        .layer("core")
        .definedBy("org.magg.core..")
        .layer("io")
        .definedBy("org.magg.io..")
        .layer("transforms")
        .definedBy("org.magg.transforms..")
        .layer("pipelines")
        .definedBy("org.magg.pipelines..")
        .whereLayer("pipelines")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("transforms")
        .mayOnlyBeAccessedByLayers("pipelines")
        .whereLayer("io")
        .mayOnlyBeAccessedByLayers("transforms", "pipelines")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.magg.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void formatAndStorageLibrariesKnowNoPipelinesOrConfigs() {
    noClasses()
        .that()
        .resideInAnyPackage("org.magg.io.zarr..", "org.magg.io.netcdf..", "org.magg.io.cdf..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.beam..", "org.magg.pipelines..")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage("org.magg.io.s3..", "org.magg.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.beam.sdk",
            "org.apache.beam.sdk.values..",
            "org.apache.beam.sdk.transforms",
            "org.apache.beam.sdk.io..",
            "org.apache.beam.runners..",
            "org.magg.pipelines..")
        .check(classes);
  }

  @Test
  void nothingDependsOnTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.magg.pipelines.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.magg.pipelines.cli..")
        .check(classes);
  }

  @Test
  void pipelineCodeNamesNoRunner() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.beam.runners..", "org.apache.flink..")
        .check(classes);
  }
}
