package org.magg.pipelines.engine;

import java.util.List;

/**
 * How to run an engine config.
 *
 * @param targets the variables wanted (every produced variable when empty)
 * @param force run every producer resolved, satisfied or not
 * @param pipelineArgs Beam pipeline options, for example {@code --runner=FlinkRunner}
 * @param runId the run's id, or null for a new one ({@code run-<UTC time>-<random>})
 */
public record EngineRunOptions(
    List<String> targets, boolean force, List<String> pipelineArgs, String runId) {

  public EngineRunOptions {
    targets = targets == null ? List.of() : List.copyOf(targets);
    pipelineArgs = pipelineArgs == null ? List.of() : List.copyOf(pipelineArgs);
  }

  /** Every variable, not forced, on the Direct runner, a new run id. */
  public static EngineRunOptions defaults() {
    return new EngineRunOptions(List.of(), false, List.of(), null);
  }

  public EngineRunOptions withTargets(List<String> variables) {
    return new EngineRunOptions(variables, force, pipelineArgs, runId);
  }

  public EngineRunOptions withForce(boolean rerunAll) {
    return new EngineRunOptions(targets, rerunAll, pipelineArgs, runId);
  }

  public EngineRunOptions withPipelineArgs(List<String> args) {
    return new EngineRunOptions(targets, force, args, runId);
  }

  public EngineRunOptions withRunId(String id) {
    return new EngineRunOptions(targets, force, pipelineArgs, id);
  }
}
