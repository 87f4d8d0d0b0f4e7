package org.magg.transforms.engine;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.magg.core.engine.DataAdapter;
import org.magg.core.engine.Field;
import org.magg.core.engine.ProducerCapabilities;
import org.magg.core.engine.RetryPolicy;
import org.magg.core.engine.VarSpec;
import org.magg.io.storage.Storage;

/**
 * A producer around an external model ({@link ModelAdapter}): each call stages the inputs in a
 * fresh directory, runs the model and parses its outputs, which the engine then checks and merges
 * like any producer's ({@link Producer#update}).
 *
 * <p>The usual model is a program ({@link #command}): {@code {inputs}} holds {@code <need>.nc} for
 * every need (NetCDF classic, see {@link org.magg.io.engine.ExchangeFile}) cut to the request's
 * read region (the tile plus its halo when tile-parallel) and {@code request.json}; the program
 * writes {@code {outputs}/<produced>.nc} in the same form over the request's region. A non-zero
 * exit, a timeout or a missing or misshapen output is an {@link ExternalModelException}.
 *
 * <p>The staging directory of a call ({@code magg-<producer>-*} in the system's temporary
 * directory, or under {@link #withStagingRoot}) is deleted when the call succeeds and kept when it
 * fails, for inspection.
 *
 * <p>It is {@link Serializable} (Beam sends producers to its workers) when its model and retry
 * policy are: {@link #command} producers with {@link #retrying} are.
 */
public final class ExternalProducer implements Producer, Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final DataAdapter needs;
  private final List<VarSpec> produces;
  private final ModelAdapter model;
  private final RetryPolicy retry;
  private final ProducerCapabilities capabilities;
  private final String stagingRoot;

  /**
   * @param retry how often a call is attempted; null: {@link #retrying retrying(3, 1 s)}
   * @param capabilities how it may be run; null: {@link ProducerCapabilities#defaults()}
   */
  public ExternalProducer(
      String name,
      DataAdapter needs,
      List<VarSpec> produces,
      ModelAdapter model,
      RetryPolicy retry,
      ProducerCapabilities capabilities) {
    this.name = Objects.requireNonNull(name, "name");
    this.needs = Objects.requireNonNull(needs, "needs");
    this.produces = List.copyOf(produces);
    if (this.produces.isEmpty()) {
      throw new IllegalArgumentException("producer '" + name + "' must produce a variable");
    }
    this.model = Objects.requireNonNull(model, "model");
    this.retry = retry == null ? retrying(3, Duration.ofSeconds(1)) : retry;
    this.capabilities = capabilities == null ? ProducerCapabilities.defaults() : capabilities;
    this.stagingRoot = null;
  }

  private ExternalProducer(ExternalProducer p, String stagingRoot) {
    this.name = p.name;
    this.needs = p.needs;
    this.produces = p.produces;
    this.model = p.model;
    this.retry = p.retry;
    this.capabilities = p.capabilities;
    this.stagingRoot = stagingRoot;
  }

  /**
   * This producer staging its calls under {@code dir} (created when needed) instead of the system's
   * temporary directory.
   */
  public ExternalProducer withStagingRoot(Path dir) {
    return new ExternalProducer(this, Objects.requireNonNull(dir, "staging root").toString());
  }

  /**
   * A producer running {@code command} as a separate process per call.
   *
   * @param command the program and its arguments, with {@value ExternalCommand#INPUTS} and {@value
   *     ExternalCommand#OUTPUTS} placeholders
   * @param timeout how long a call may run before it is killed
   * @param workingDirectory where the program runs
   * @param runLog where its standard output and error are appended
   */
  public static ExternalProducer command(
      String name,
      DataAdapter needs,
      List<VarSpec> produces,
      List<String> command,
      Duration timeout,
      RetryPolicy retry,
      ProducerCapabilities capabilities,
      Path workingDirectory,
      Path runLog) {
    return new ExternalProducer(
        name,
        needs,
        produces,
        new CommandModel(
            name, needs, produces, new ExternalCommand(command, timeout, workingDirectory, runLog)),
        retry,
        capabilities);
  }

  /**
   * At most {@code maxAttempts} attempts with pauses from {@code backoff}, doubling, retrying the
   * failed attempts of external models ({@link ExternalModelException}) and nothing else.
   */
  public static RetryPolicy retrying(int maxAttempts, Duration backoff) {
    return new RetryPolicy(
        maxAttempts,
        backoff,
        (Predicate<Exception> & Serializable) ExternalModelException.class::isInstance);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DataAdapter needs() {
    return needs;
  }

  @Override
  public List<VarSpec> produces() {
    return produces;
  }

  @Override
  public ProducerCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public RetryPolicy retryPolicy() {
    return retry;
  }

  /** The model's configuration (for a command: the command and timeout) and the capabilities. */
  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", "external");
    c.putAll(model.configuration());
    Map<String, Object> caps = new LinkedHashMap<>();
    caps.put("halo_cells", capabilities.haloCells());
    caps.put("tile_parallel", capabilities.tileParallel());
    caps.put("boundary_coupled", capabilities.boundaryCoupled());
    caps.put("iterative", capabilities.iterative());
    caps.put("requires_barrier", capabilities.requiresBarrier());
    caps.put("cost_hint", capabilities.costHint().name().toLowerCase(java.util.Locale.ROOT));
    caps.put("memory_budget_mb", capabilities.memoryBudgetMb());
    c.put("capabilities", caps);
    return c;
  }

  @Override
  public Map<String, Field> compute(Map<String, Field> inputs, ProducerRequest request)
      throws Exception {
    String prefix = "magg-" + name + "-";
    Path stage =
        stagingRoot == null
            ? Files.createTempDirectory(prefix)
            : Files.createTempDirectory(Files.createDirectories(Path.of(stagingRoot)), prefix);
    Map<String, Field> out = null;
    try {
      model.stageInputs(inputs, request, stage);
      out = model.parseOutputs(model.runModel(stage, request), request);
      return out;
    } finally {
      if (out != null) {
        Storage.defaults().deleteUnder(stage.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "ExternalProducer[" + name + "]";
  }
}
