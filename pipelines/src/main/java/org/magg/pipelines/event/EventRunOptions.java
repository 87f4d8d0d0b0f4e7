package org.magg.pipelines.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.magg.pipelines.config.S3Config;

/**
 * How to run an event pipeline.
 *
 * @param fields the root the collections' {@code files} globs and the static data are relative to
 *     (a directory or {@code s3://bucket/prefix})
 * @param output the output directory (overrides the config's {@code output.location})
 * @param collectionFiles per-collection file patterns that override the config's globs
 * @param watch null for a batch run; else poll the detection collection for new files this often
 *     (streaming)
 * @param stopAfterIdle with {@code watch}: stop when no new file has appeared for this long (null:
 *     never)
 * @param timestepsPerSplit consecutive timesteps of a file per unit of parallel work
 * @param pipelineArgs Beam pipeline options, for example {@code --runner=FlinkRunner}
 * @param s3 S3 settings that override the config's {@code s3:} section
 * @param overwrite replace what an earlier run wrote in {@code output} instead of refusing an
 *     output directory that holds files
 */
public record EventRunOptions(
    String fields,
    String output,
    Map<String, String> collectionFiles,
    Duration watch,
    Duration stopAfterIdle,
    int timestepsPerSplit,
    List<String> pipelineArgs,
    S3Config s3,
    boolean overwrite) {

  public EventRunOptions {
    collectionFiles = collectionFiles == null ? Map.of() : Map.copyOf(collectionFiles);
    pipelineArgs = pipelineArgs == null ? List.of() : List.copyOf(pipelineArgs);
    s3 = s3 == null ? S3Config.NONE : s3;
    if (timestepsPerSplit <= 0) {
      timestepsPerSplit = 24;
    }
  }

  /** A batch run over {@code fields}, writing to {@code output}. */
  public static EventRunOptions batch(String fields, String output) {
    return builder().fields(fields).output(output).build();
  }

  /** A builder with every field empty (defaults). */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether this is a streaming run over a watched collection. */
  public boolean streaming() {
    return watch != null;
  }

  /** A streaming run: poll the collection this often, stop after this long idle (null: never). */
  public EventRunOptions withWatch(Duration poll, Duration stopAfterIdle) {
    return toBuilder().watch(poll).stopAfterIdle(stopAfterIdle).build();
  }

  public EventRunOptions withPipelineArgs(List<String> args) {
    return toBuilder().pipelineArgs(args).build();
  }

  public EventRunOptions withOverwrite(boolean overwrite) {
    return toBuilder().overwrite(overwrite).build();
  }

  /** A builder holding this object's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.fields = fields;
    b.output = output;
    b.collectionFiles = collectionFiles;
    b.watch = watch;
    b.stopAfterIdle = stopAfterIdle;
    b.timestepsPerSplit = timestepsPerSplit;
    b.pipelineArgs = pipelineArgs;
    b.s3 = s3;
    b.overwrite = overwrite;
    return b;
  }

  /** Builds {@link EventRunOptions} field by field. */
  public static final class Builder {
    private String fields;
    private String output;
    private Map<String, String> collectionFiles;
    private Duration watch;
    private Duration stopAfterIdle;
    private int timestepsPerSplit;
    private List<String> pipelineArgs;
    private S3Config s3;
    private boolean overwrite;

    private Builder() {}

    public Builder fields(String fields) {
      this.fields = fields;
      return this;
    }

    public Builder output(String output) {
      this.output = output;
      return this;
    }

    public Builder collectionFiles(Map<String, String> collectionFiles) {
      this.collectionFiles = collectionFiles;
      return this;
    }

    public Builder watch(Duration watch) {
      this.watch = watch;
      return this;
    }

    public Builder stopAfterIdle(Duration stopAfterIdle) {
      this.stopAfterIdle = stopAfterIdle;
      return this;
    }

    public Builder timestepsPerSplit(int timestepsPerSplit) {
      this.timestepsPerSplit = timestepsPerSplit;
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

    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    public EventRunOptions build() {
      return new EventRunOptions(
          fields,
          output,
          collectionFiles,
          watch,
          stopAfterIdle,
          timestepsPerSplit,
          pipelineArgs,
          s3,
          overwrite);
    }
  }
}
