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
    return toBuilder().catalog(catalog).build();
  }

  public RunOptions withStore(String store) {
    return toBuilder().store(store).build();
  }

  public RunOptions withMaxCells(Integer maxCells) {
    return toBuilder().maxCells(maxCells).build();
  }

  public RunOptions withMortonCell(Long mortonCell) {
    return toBuilder().mortonCell(mortonCell).build();
  }

  public RunOptions withOverwrite(boolean overwrite) {
    return toBuilder().overwrite(overwrite).build();
  }

  public RunOptions withDryRun(boolean dryRun) {
    return toBuilder().dryRun(dryRun).build();
  }

  /** S3 settings that override the config's {@code s3:} section. */
  public RunOptions withS3(S3Config s3) {
    return toBuilder().s3(s3).build();
  }

  public RunOptions withPipelineArgs(List<String> pipelineArgs) {
    return toBuilder().pipelineArgs(pipelineArgs).build();
  }

  /** A builder holding this object's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.catalog = catalog;
    b.store = store;
    b.maxCells = maxCells;
    b.mortonCell = mortonCell;
    b.overwrite = overwrite;
    b.dryRun = dryRun;
    b.pipelineArgs = pipelineArgs;
    b.s3 = s3;
    return b;
  }

  /** Builds a {@link RunOptions} field by field; every field starts as this object's (or empty). */
  public static final class Builder {
    private String catalog;
    private String store;
    private Integer maxCells;
    private Long mortonCell;
    private boolean overwrite;
    private boolean dryRun;
    private List<String> pipelineArgs;
    private S3Config s3;

    private Builder() {}

    public Builder catalog(String catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder store(String store) {
      this.store = store;
      return this;
    }

    public Builder maxCells(Integer maxCells) {
      this.maxCells = maxCells;
      return this;
    }

    public Builder mortonCell(Long mortonCell) {
      this.mortonCell = mortonCell;
      return this;
    }

    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder pipelineArgs(List<String> pipelineArgs) {
      this.pipelineArgs = pipelineArgs;
      return this;
    }

    public Builder s3(S3Config s3) {
      this.s3 = s3;
      return this;
    }

    public RunOptions build() {
      return new RunOptions(
          catalog, store, maxCells, mortonCell, overwrite, dryRun, pipelineArgs, s3);
    }
  }
}
