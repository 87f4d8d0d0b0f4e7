package org.magg.pipelines.spatial;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.magg.core.ConfigException;
import org.magg.core.Failure;
import org.magg.core.grid.Morton;
import org.magg.io.s3.S3Settings;
import org.magg.io.spatial.CellChunk;
import org.magg.io.spatial.CellStoreSpec;
import org.magg.io.spatial.ChunkWriteResult;
import org.magg.io.spatial.FilterReason;
import org.magg.io.spatial.GranuleCatalog;
import org.magg.io.spatial.GranuleCatalogIO;
import org.magg.io.spatial.GranulePointsIO;
import org.magg.io.spatial.GranuleSelection;
import org.magg.io.spatial.PointSpill;
import org.magg.io.spatial.RunCounters;
import org.magg.io.spatial.ZarrIO;
import org.magg.io.storage.ResultFiles;
import org.magg.pipelines.config.ConfigValidator;
import org.magg.pipelines.config.PipelineConfig;
import org.magg.pipelines.config.VariableSpec;
import org.magg.pipelines.runners.Progress;
import org.magg.pipelines.runners.Runners;
import org.magg.transforms.spatial.CellAggregator;
import org.magg.transforms.spatial.CellAggregators;
import org.magg.transforms.spatial.ComputeCellStatistics;

/**
 * The spatial aggregation pipeline: granule catalog -> read each granule once -> points keyed by
 * parent Morton cell -> GroupByKey -> per-child-cell statistics -> xdggs-layout Zarr store.
 *
 * <p>On the Direct runner, which holds every value of a GroupByKey in memory until its input ends,
 * the read writes each granule's points of a cell to a local file and only the file names are
 * grouped ({@link PointSpill}): the heap holds the granules being read and the cells being
 * computed, whatever the number of points. Other runners group the points themselves (Flink sorts
 * and spills them to disk).
 *
 * <p>{@link #build} assembles the graph on a given {@link Pipeline} and returns the collections a
 * test checks; {@link #run} resolves config and options, runs, and summarises.
 */
public final class SpatialPipeline {
  private SpatialPipeline() {}

  /**
   * Everything a run needs, resolved from the config and the run options.
   *
   * @param config the config
   * @param catalog the catalog location
   * @param selection the selected parent cells and their granules
   * @param childOrder order of the statistics cells
   * @param store output store location
   * @param inputVariables data-source variables the aggregators need, in data-source order
   * @param aggregators one per output variable, in config order
   * @param storeSpec the output store's layout
   * @param s3 how {@code s3://} catalog, granules and store are reached (config and overrides)
   */
  public record Plan(
      PipelineConfig config,
      String catalog,
      GranuleSelection selection,
      int childOrder,
      String store,
      List<String> inputVariables,
      List<CellAggregator> aggregators,
      CellStoreSpec storeSpec,
      S3Settings s3) {}

  /**
   * The collections of a built pipeline.
   *
   * @param chunks one chunk of statistics per selected parent cell
   * @param written what the sink wrote
   * @param failures everything that failed, one collection per stage: granules and groups, cell
   *     statistics, chunk writes. They are not flattened into one: a Flatten would join branches of
   *     the granule read again, and Flink's batch optimizer answers such joins with blocking
   *     exchanges of all the points (flatten them yourself where that does not matter).
   * @param spill where the points are kept between read and statistics (Direct runner), or null
   *     when the runner groups them; {@link PointSpill#deleteAll()} it after the run
   */
  public record Outputs(
      PCollection<CellChunk> chunks,
      PCollection<ChunkWriteResult> written,
      PCollectionList<Failure> failures,
      PointSpill spill) {}

  /** Resolves config and options into a plan; throws on config, catalog or option problems. */
  public static Plan plan(PipelineConfig config, RunOptions options) {
    String catalog = options.catalog() != null ? options.catalog() : config.catalog();
    if (catalog == null) {
      throw new ConfigException(
          "catalog", "no granule catalog given: set `catalog` in the config or pass --catalog");
    }
    String store = store(config, options);
    S3Settings s3 = config.s3().overriddenBy(options.s3()).toSettings();
    GranuleCatalog cat = GranuleCatalog.read(catalog, s3);
    Integer configured = config.output().grid().parentOrder();
    if (configured != null && configured != cat.parentOrder()) {
      throw new ConfigException(
          "output.grid.parent_order",
          configured
              + " does not match the catalog's parent order "
              + cat.parentOrder()
              + " ("
              + catalog
              + "); build the catalog at order "
              + configured
              + " (magg catalog build --parent-order "
              + configured
              + ") or set parent_order to "
              + cat.parentOrder());
    }
    int childOrder = config.output().grid().childOrder();
    ConfigValidator.checkOrders("output.grid.child_order", cat.parentOrder(), childOrder);
    GranuleSelection selection = cat.select(options.maxCells(), options.mortonCell());
    Set<String> known = config.dataSource().variables().keySet();
    List<CellAggregator> aggregators = new ArrayList<>();
    Set<String> needed = new LinkedHashSet<>();
    for (VariableSpec v : config.aggregation().variables().values()) {
      CellAggregator a =
          CellAggregators.compile(
              v.name(), v.function(), v.source(), v.params(), v.expression(), known);
      aggregators.add(a);
      needed.addAll(a.requiredVariables());
    }
    List<String> inputs = new ArrayList<>();
    for (String v : known) {
      if (needed.contains(v)) {
        inputs.add(v);
      }
    }
    CellStoreSpec spec = SpatialStoreLayout.of(config, selection, childOrder);
    return new Plan(config, catalog, selection, childOrder, store, inputs, aggregators, spec, s3);
  }

  /** The store a run writes: {@code --store}, else the config's {@code output.store}. */
  static String store(PipelineConfig config, RunOptions options) {
    String store = options.store() != null ? options.store() : config.output().store();
    if (store == null) {
      throw new ConfigException(
          "output.store", "no output store given: set `output.store` or pass --store");
    }
    return store;
  }

  /** Assembles the pipeline graph for a plan. */
  public static Outputs build(Pipeline pipeline, Plan plan) {
    PipelineConfig config = plan.config();
    GranuleSelection selection = plan.selection();
    PointSpill spill =
        "DirectRunner".equals(Runners.name(pipeline.getOptions())) ? PointSpill.temporary() : null;
    PCollectionTuple read =
        pipeline
            .apply("Catalog", GranuleCatalogIO.read().withSelection(selection))
            .apply(
                "ReadPoints",
                GranulePointsIO.readAll()
                    .withDataSource(config.dataSource())
                    .withVariables(plan.inputVariables())
                    .withOrders(selection.parentOrder(), plan.childOrder())
                    .withBounds(config.bounds())
                    .withS3(plan.s3())
                    .spillingTo(spill));
    ComputeCellStatistics statistics =
        ComputeCellStatistics.of(
            selection.cells(),
            selection.parentOrder(),
            plan.childOrder(),
            plan.inputVariables(),
            plan.aggregators());
    PCollectionTuple stats =
        spill == null
            ? read.get(GranulePointsIO.POINTS).apply("Statistics", statistics)
            : read.get(GranulePointsIO.SPILLED).apply("Statistics", statistics.spilled());
    PCollection<CellChunk> chunks = stats.get(ComputeCellStatistics.CHUNKS);
    PCollectionTuple written =
        chunks.apply(
            "WriteZarr",
            ZarrIO.write().to(plan.store()).withSpec(plan.storeSpec()).withS3(plan.s3()));
    PCollectionList<Failure> failures =
        PCollectionList.of(read.get(GranulePointsIO.FAILURES))
            .and(stats.get(ComputeCellStatistics.FAILURES))
            .and(written.get(ZarrIO.FAILURES));
    return new Outputs(chunks, written.get(ZarrIO.WRITTEN), failures, spill);
  }

  /** Plans, runs and summarises a spatial pipeline. */
  public static RunSummary run(PipelineConfig config, RunOptions options) {
    long start = System.nanoTime();
    if (!options.dryRun()) {
      // an existing store is refused before the catalog or any granule is read
      ZarrIO.checkStore(
          store(config, options),
          options.overwrite(),
          config.s3().overriddenBy(options.s3()).toSettings());
    }
    Plan plan = plan(config, options);
    PipelineOptions beamOptions =
        Runners.options(Runners.withRunnerDefaults(options.pipelineArgs()));
    String runner = Runners.name(beamOptions);
    if (options.dryRun()) {
      return summary(plan, runner, true, Map.of(), List.of(), List.of(), 0, seconds(start));
    }
    // refused before the result directory is made, so a refused run leaves nothing behind
    ZarrIO.prepareStore(plan.store(), options.overwrite(), plan.s3());
    ResultFiles results = ResultFiles.create(beamOptions);
    Map<String, Long> counters;
    List<Failure> failures;
    List<ChunkWriteResult> chunks;
    long repeated;
    PointSpill spill = null;
    try {
      Pipeline pipeline = Pipeline.create(beamOptions);
      Outputs outputs = build(pipeline, plan);
      spill = outputs.spill();
      // Each collection of failures on its own (no Flatten, see Outputs).
      for (PCollection<Failure> f : outputs.failures().getAll()) {
        results.write(f, "failures", Failure.class, null);
      }
      results.write(outputs.written(), "chunks", ChunkWriteResult.class, null);
      PipelineResult result;
      try (Progress.Run progress = Progress.start(RunMetrics.progress(plan), beamOptions)) {
        result = progress.run(pipeline);
        PipelineResult.State state = progress.waitUntilFinish(result);
        if (state != PipelineResult.State.DONE) {
          throw new IllegalStateException("pipeline ended in state " + state);
        }
      }
      ZarrIO.removeUnfinishedWrites(plan.store(), plan.s3());
      counters = RunMetrics.counters(result);
      repeated = ResultFiles.repeated(result);
      failures = results.read("failures", Failure.class);
      chunks = results.read("chunks", ChunkWriteResult.class);
    } finally {
      // a failed run leaves nothing behind either
      results.delete();
      if (spill != null) {
        spill.deleteAll();
      }
    }
    RunSummary summary =
        summary(plan, runner, false, counters, failures, chunks, repeated, seconds(start));
    ZarrIO.markFailedCells(plan.store(), plan.storeSpec(), failedCells(summary), plan.s3());
    return summary;
  }

  /** The Morton ids of the summary's failed cells, in chunk order. */
  static List<String> failedCells(RunSummary summary) {
    List<String> failed = new ArrayList<>();
    for (RunSummary.CellResult c : summary.cells()) {
      if ("failed".equals(c.status())) {
        failed.add(c.morton());
      }
    }
    return failed;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static RunSummary summary(
      Plan plan,
      String runner,
      boolean dryRun,
      Map<String, Long> counters,
      List<Failure> failures,
      List<ChunkWriteResult> written,
      long resultsRepeated,
      double wallSeconds) {
    GranuleSelection selection = plan.selection();
    Map<Long, ChunkWriteResult> byCell = new HashMap<>();
    for (ChunkWriteResult r : written) {
      byCell.put(r.parentMorton(), r);
    }
    Map<String, List<String>> errorsBySubject = new HashMap<>();
    for (Failure f : failures) {
      String key =
          f.stage().equals("group")
              ? f.subject().substring(0, f.subject().lastIndexOf('#'))
              : f.subject();
      errorsBySubject.computeIfAbsent(key, k -> new ArrayList<>()).add(f.reason());
    }
    List<RunSummary.CellResult> cells = new ArrayList<>();
    int withData = 0;
    int withErrors = 0;
    int i = 0;
    for (Map.Entry<Long, List<String>> e : selection.granulesByCell().entrySet()) {
      String morton = Morton.format(e.getKey());
      List<String> errors = new ArrayList<>(errorsBySubject.getOrDefault(morton, List.of()));
      for (String g : e.getValue()) {
        errors.addAll(errorsBySubject.getOrDefault(g, List.of()));
      }
      ChunkWriteResult r = byCell.get(e.getKey());
      long points = r == null ? 0 : r.pointsBinned();
      int children = r == null ? 0 : r.childCellsWithData();
      String status;
      if (dryRun) {
        status = "planned";
      } else if (!errors.isEmpty() || r == null) {
        status = "failed";
        if (r == null && errors.isEmpty()) {
          errors.add("cell " + morton + ": no chunk was written");
        }
      } else {
        status = points > 0 ? "ok" : "no_data";
      }
      if (points > 0) {
        withData++;
      }
      if ("failed".equals(status)) {
        withErrors++;
      }
      cells.add(
          new RunSummary.CellResult(
              morton, i++, e.getValue().size(), points, children, status, errors));
    }
    Map<String, Long> filtered = new LinkedHashMap<>();
    for (FilterReason r : FilterReason.values()) {
      filtered.put(r.label(), counters.getOrDefault(RunCounters.filtered(r), 0L));
    }
    return new RunSummary(
        plan.config().type().yamlName(),
        runner,
        plan.store(),
        plan.catalog(),
        selection.parentOrder(),
        plan.childOrder(),
        dryRun,
        selection.cellCount(),
        withData,
        withErrors,
        selection.distinctGranules(),
        counters.getOrDefault(RunCounters.GRANULES_READ, 0L),
        counters.getOrDefault(RunCounters.GRANULES_FAILED, 0L),
        counters.getOrDefault(RunCounters.GROUPS_READ, 0L),
        counters.getOrDefault(RunCounters.GROUPS_MISSING, 0L),
        counters.getOrDefault(RunCounters.GROUPS_FAILED, 0L),
        counters.getOrDefault(RunCounters.POINTS_READ, 0L),
        counters.getOrDefault(RunCounters.POINTS_KEPT, 0L),
        filtered,
        counters.getOrDefault(RunCounters.POINTS_BINNED, 0L),
        counters.getOrDefault(RunCounters.POINTS_IN_FAILED_CELLS, 0L),
        selection.granulesPerCell(),
        wallSeconds,
        cells,
        failures,
        counters.getOrDefault(RunCounters.CHUNKS_REWRITTEN, 0L),
        resultsRepeated);
  }
}
