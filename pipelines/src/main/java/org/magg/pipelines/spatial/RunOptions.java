package org.magg.pipelines.spatial;

import java.util.List;
import org.magg.pipelines.config.S3Config;

/**
 * How to run a pipeline. Values left null fall back to the config ({@code catalog}, {@code
 * output.store}).
 *
 * @param catalog granule catalog JSON (overrides the config's {@code catalog})
 * @param store output store location (overrides {@code output.store})
 * @param maxCells process only the first N cells of the catalog, in key order
 * @param mortonCell process only this parent cell (must be a catalog key)
 * @param overwrite replace an existing store instead of refusing
 * @param dryRun plan and print the selection; read and write nothing
 * @param pipelineArgs Beam pipeline options, for example {@code --runner=FlinkRunner}
 * @param s3 S3 settings that override the config's {@code s3:} section (fields left null keep it)
 */
public record RunOptions(
    String catalog,
    String store,
    Integer maxCells,
    Long mortonCell,
    boolean overwrite,
    boolean dryRun,
    List<String> pipelineArgs,
    S3Config s3) {

  public RunOptions {
    pipelineArgs = pipelineArgs == null ? List.of() : List.copyOf(pipelineArgs);
    s3 = s3 == null ? S3Config.NONE : s3;
  }

  /** Options without S3 overrides. */
  public RunOptions(
      String catalog,
      String store,
      Integer maxCells,
      Long mortonCell,
      boolean overwrite,
      boolean dryRun,
      List<String> pipelineArgs) {
    this(catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, S3Config.NONE);
  }

  /** Options with everything taken from the config, on the default (Direct) runner. */
  public static RunOptions defaults() {
    return new RunOptions(null, null, null, null, false, false, List.of());
  }

  public RunOptions withCatalog(String catalog) {
    return new RunOptions(
        catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, s3);
  }

  public RunOptions withStore(String store) {
    return new RunOptions(
        catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, s3);
  }

  public RunOptions withMaxCells(Integer maxCells) {
    return new RunOptions(
        catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, s3);
  }

  public RunOptions withMortonCell(Long mortonCell) {
    return new RunOptions(
        catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, s3);
  }

  public RunOptions withOverwrite(boolean overwrite) {
    return new RunOptions(
        catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, s3);
  }

  public RunOptions withDryRun(boolean dryRun) {
    return new RunOptions(
        catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, s3);
  }

  /** S3 settings that override the config's {@code s3:} section. */
  public RunOptions withS3(S3Config s3) {
    return new RunOptions(
        catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, s3);
  }

  public RunOptions withPipelineArgs(List<String> pipelineArgs) {
    return new RunOptions(
        catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, s3);
  }
}
