package org.magg.pipelines.temporal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.magg.pipelines.config.S3Config;

/**
 * How to run a temporal pipeline.
 *
 * @param events the event catalog (JSON or CSV; local or {@code s3://})
 * @param fields the root the collections' {@code files} globs and the static data are relative to
 *     (a directory or {@code s3://bucket/prefix})
 * @param output the output directory (overrides the config's {@code output.location})
 * @param collectionFiles per-collection file patterns that override the config's globs
 * @param watch null for a batch run; else poll the collections for new files this often (streaming)
 * @param stopAfterIdle with {@code watch}: stop when no new file has appeared for this long (null:
 *     never)
 * @param allowedLateness how long after an event's window closes a late timestep still updates it
 * @param timestepsPerSplit consecutive timesteps of a file per unit of parallel work
 * @param pipelineArgs Beam pipeline options, for example {@code --runner=FlinkRunner}
 * @param s3 S3 settings that override the config's {@code s3:} section
 * @param overwrite replace the table, panes and failures of an earlier run in {@code output}
 *     instead of refusing an output directory that holds files
 */
public record TemporalRunOptions(
    String events,
    String fields,
    String output,
    Map<String, String> collectionFiles,
    Duration watch,
    Duration stopAfterIdle,
    Duration allowedLateness,
    int timestepsPerSplit,
    List<String> pipelineArgs,
    S3Config s3,
    boolean overwrite) {

  public TemporalRunOptions {
    collectionFiles = collectionFiles == null ? Map.of() : Map.copyOf(collectionFiles);
    allowedLateness = allowedLateness == null ? Duration.ZERO : allowedLateness;
    pipelineArgs = pipelineArgs == null ? List.of() : List.copyOf(pipelineArgs);
    s3 = s3 == null ? S3Config.NONE : s3;
    if (timestepsPerSplit <= 0) {
      timestepsPerSplit = 24;
    }
  }

  /** As the canonical constructor, not overwriting. */
  public TemporalRunOptions(
      String events,
      String fields,
      String output,
      Map<String, String> collectionFiles,
      Duration watch,
      Duration stopAfterIdle,
      Duration allowedLateness,
      int timestepsPerSplit,
      List<String> pipelineArgs,
      S3Config s3) {
    this(
        events,
        fields,
        output,
        collectionFiles,
        watch,
        stopAfterIdle,
        allowedLateness,
        timestepsPerSplit,
        pipelineArgs,
        s3,
        false);
  }

  /** A batch run. */
  public static TemporalRunOptions batch(String events, String fields, String output) {
    return new TemporalRunOptions(
        events, fields, output, Map.of(), null, null, Duration.ZERO, 24, List.of(), S3Config.NONE);
  }

  /** Whether this is a streaming run over watched collections. */
  public boolean streaming() {
    return watch != null;
  }

  public TemporalRunOptions withCollectionFiles(Map<String, String> files) {
    return toBuilder().collectionFiles(files).build();
  }

  /** A streaming run: poll the collections this often, stop after this long idle (null: never). */
  public TemporalRunOptions withWatch(Duration poll, Duration stopAfterIdle) {
    return toBuilder().watch(poll).stopAfterIdle(stopAfterIdle).build();
  }

  public TemporalRunOptions withAllowedLateness(Duration lateness) {
    return toBuilder().allowedLateness(lateness).build();
  }

  public TemporalRunOptions withTimestepsPerSplit(int n) {
    return toBuilder().timestepsPerSplit(n).build();
  }

  public TemporalRunOptions withPipelineArgs(List<String> args) {
    return toBuilder().pipelineArgs(args).build();
  }

  /** S3 settings that override the config's {@code s3:} section. */
  public TemporalRunOptions withS3(S3Config s3Overrides) {
    return toBuilder().s3(s3Overrides).build();
  }

  /** Whether to replace what an earlier run wrote in the output directory. */
  public TemporalRunOptions withOverwrite(boolean overwrite) {
    return toBuilder().overwrite(overwrite).build();
  }

  /** A builder holding this object's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.events = events;
    b.fields = fields;
    b.output = output;
    b.collectionFiles = collectionFiles;
    b.watch = watch;
    b.stopAfterIdle = stopAfterIdle;
    b.allowedLateness = allowedLateness;
    b.timestepsPerSplit = timestepsPerSplit;
    b.pipelineArgs = pipelineArgs;
    b.s3 = s3;
    b.overwrite = overwrite;
    return b;
  }

  /**
   * Builds {@link TemporalRunOptions} field by field; every field starts as this object's (or
   * empty).
   */
  public static final class Builder {
    private String events;
    private String fields;
    private String output;
    private Map<String, String> collectionFiles;
    private Duration watch;
    private Duration stopAfterIdle;
    private Duration allowedLateness;
    private int timestepsPerSplit;
    private List<String> pipelineArgs;
    private S3Config s3;
    private boolean overwrite;

    private Builder() {}

    public Builder events(String events) {
      this.events = events;
      return this;
    }

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

    public Builder allowedLateness(Duration allowedLateness) {
      this.allowedLateness = allowedLateness;
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

    public TemporalRunOptions build() {
      return new TemporalRunOptions(
          events,
          fields,
          output,
          collectionFiles,
          watch,
          stopAfterIdle,
          allowedLateness,
          timestepsPerSplit,
          pipelineArgs,
          s3,
          overwrite);
    }
  }
}
