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
    S3Config s3) {

  public TemporalRunOptions {
    collectionFiles = collectionFiles == null ? Map.of() : Map.copyOf(collectionFiles);
    allowedLateness = allowedLateness == null ? Duration.ZERO : allowedLateness;
    pipelineArgs = pipelineArgs == null ? List.of() : List.copyOf(pipelineArgs);
    s3 = s3 == null ? S3Config.NONE : s3;
    if (timestepsPerSplit <= 0) {
      timestepsPerSplit = 24;
    }
  }

  /** A batch run. */
  public static TemporalRunOptions batch(String events, String fields, String output) {
    return new TemporalRunOptions(
        events, fields, output, Map.of(), null, null, Duration.ZERO, 24, List.of(), S3Config.NONE);
  }

  public TemporalRunOptions withCollectionFiles(Map<String, String> files) {
    return new TemporalRunOptions(
        events,
        fields,
        output,
        files,
        watch,
        stopAfterIdle,
        allowedLateness,
        timestepsPerSplit,
        pipelineArgs,
        s3);
  }

  public TemporalRunOptions withWatch(Duration poll, Duration stopAfterIdle) {
    return new TemporalRunOptions(
        events,
        fields,
        output,
        collectionFiles,
        poll,
        stopAfterIdle,
        allowedLateness,
        timestepsPerSplit,
        pipelineArgs,
        s3);
  }

  public TemporalRunOptions withAllowedLateness(Duration lateness) {
    return new TemporalRunOptions(
        events,
        fields,
        output,
        collectionFiles,
        watch,
        stopAfterIdle,
        lateness,
        timestepsPerSplit,
        pipelineArgs,
        s3);
  }

  public TemporalRunOptions withTimestepsPerSplit(int n) {
    return new TemporalRunOptions(
        events,
        fields,
        output,
        collectionFiles,
        watch,
        stopAfterIdle,
        allowedLateness,
        n,
        pipelineArgs,
        s3);
  }

  public TemporalRunOptions withPipelineArgs(List<String> args) {
    return new TemporalRunOptions(
        events,
        fields,
        output,
        collectionFiles,
        watch,
        stopAfterIdle,
        allowedLateness,
        timestepsPerSplit,
        args,
        s3);
  }

  public TemporalRunOptions withS3(S3Config s3Overrides) {
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
        s3Overrides);
  }

  /** Whether this is a streaming run over watched collections. */
  public boolean streaming() {
    return watch != null;
  }
}
