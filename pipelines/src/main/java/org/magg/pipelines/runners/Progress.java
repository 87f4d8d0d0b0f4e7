package org.magg.pipelines.runners;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The live progress of a running job, driven by its Beam counters. A run says what it counts
 * ({@link Spec}); the command line says where and how it is shown ({@link #show}); the pipelines
 * run their job with {@link Run#run} and wait for it with {@link Run#waitUntilFinish}:
 *
 * <pre>{@code
 * try (Progress.Run progress = Progress.start(spec, options)) {
 *   PipelineResult result = progress.run(pipeline);
 *   PipelineResult.State state = progress.waitUntilFinish(result);
 * }
 * }</pre>
 *
 * <p>On the Direct runner the job runs in the background ({@code --blockOnRun=false}), on Flink it
 * is submitted without waiting ({@code --attachedMode=false}, {@link FlinkJob}); on both its
 * counters are read every half second while it runs. Other runners show the elapsed time only.
 * Nothing is shown unless a command line asked for it: the Java API and {@code --quiet} keep the
 * runners' defaults (Flink's runner then blocks until its job ends).
 */
public final class Progress {
  /** How progress is shown. */
  public enum Mode {
    /** One line rewritten in place on a terminal. */
    TERMINAL,
    /** A plain line every interval, for logs and pipes. */
    PLAIN,
    /** One JSON object a line, every interval and at the end. */
    JSON,
    /** Nothing. */
    OFF
  }

  /** How often the counters are read (and a terminal line redrawn). */
  static final long POLL_MILLIS = 500;

  /**
   * How often a run's counters are read: every {@link #POLL_MILLIS}, or twice an interval when
   * plain or JSON lines come more often than that (at least every 20 ms).
   */
  static long pollMillis(Output out) {
    if (out.mode() == Mode.TERMINAL) {
      return POLL_MILLIS;
    }
    return Math.max(20, Math.min(POLL_MILLIS, Math.round(out.interval() * 1000 / 2)));
  }

  /** The default interval of plain and JSON lines. */
  public static final double DEFAULT_INTERVAL_SECONDS = 10;

  /** The system property that shortens or lengthens the interval (seconds, say {@code 0.5}). */
  public static final String INTERVAL_PROPERTY = "magg.progress.interval";

  private static volatile Output output = new Output(Mode.OFF, null, null, 0);

  private Progress() {}

  /**
   * Where progress goes until {@link #hide}: {@code err} in {@code mode}, a terminal's width from
   * {@code terminal} (TERMINAL mode), plain and JSON lines every {@code intervalSeconds}.
   */
  public static void show(
      Mode mode, PrintWriter err, ProgressTerminal terminal, double intervalSeconds) {
    output = new Output(mode, err, terminal, intervalSeconds);
  }

  /** Shows nothing from now on. */
  public static void hide() {
    output = new Output(Mode.OFF, null, null, 0);
  }

  /** The interval of plain and JSON lines: {@value #INTERVAL_PROPERTY}, else 10 s. */
  public static double interval() {
    String v = System.getProperty(INTERVAL_PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_INTERVAL_SECONDS;
    }
    try {
      double s = Double.parseDouble(v.strip());
      if (s > 0) {
        return s;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException(
        "system property " + INTERVAL_PROPERTY + "=" + v + " is not a positive number of seconds");
  }

  /**
   * Starts showing a run's progress (the elapsed time from now on). On the Direct runner it also
   * tells the runner not to block in {@code run()}, and on Flink to submit the job without waiting
   * for it ({@code --attachedMode=false}), so call it before {@link Run#run}.
   */
  public static Run start(Spec spec, PipelineOptions options) {
    Output out = output;
    if (out.mode() == Mode.OFF) {
      return new Run(spec, out, false, false, false);
    }
    String runner = Runners.name(options);
    if (runner.equals("DirectRunner")) {
      options.as(NonBlocking.class).setBlockOnRun(false);
      return new Run(spec, out, true, true, false);
    }
    if (runner.equals("FlinkRunner")) {
      boolean detach = FlinkJob.supported();
      if (detach) {
        options.as(Detached.class).setAttachedMode(false);
      }
      return new Run(spec, out, detach, true, detach);
    }
    return new Run(spec, out, false, false, false);
  }

  /**
   * The Direct runner's {@code blockOnRun} option, by name (pipeline code names no runner class);
   * same name, type and default as the runner's own.
   */
  public interface NonBlocking extends PipelineOptions {
    @Default.Boolean(true)
    boolean isBlockOnRun();

    void setBlockOnRun(boolean value);
  }

  /**
   * The Flink runner's {@code attachedMode} option, by name; same name, type and default as the
   * runner's own.
   */
  public interface Detached extends PipelineOptions {
    @Default.Boolean(true)
    boolean getAttachedMode();

    void setAttachedMode(boolean value);
  }

  private record Output(Mode mode, PrintWriter err, ProgressTerminal terminal, double interval) {}

  /**
   * A counter, by namespace and name; a namespace ending in {@code /} matches every namespace under
   * it ({@code gridded/} for each collection's reads).
   */
  public record Counter(String namespace, String name) {
    public static Counter of(String namespace, String name) {
      return new Counter(namespace, name);
    }

    boolean matches(String ns, String n) {
      return name.equals(n)
          && (namespace.endsWith("/") ? ns.startsWith(namespace) : ns.equals(namespace));
    }
  }

  /**
   * A counted item of a run: {@code unit} done (the sum of {@code counters}) of {@code total} (-1
   * when not known ahead).
   */
  public record Tally(String unit, long total, List<Counter> counters) {
    public Tally {
      counters = List.copyOf(counters);
    }
  }

  /**
   * What a run shows: its label, counted items (the headline first), the counters of its rate (per
   * second, in {@code rateUnit}) and of its errors.
   */
  public record Spec(
      String label, List<Tally> items, String rateUnit, List<Counter> rate, List<Counter> errors) {
    public Spec {
      items = List.copyOf(items);
      rate = List.copyOf(rate);
      errors = List.copyOf(errors);
    }

    /** A run labelled {@code label} with nothing counted yet. */
    public static Spec of(String label) {
      return new Spec(label, List.of(), null, List.of(), List.of());
    }

    /** With a counted item: {@code unit} done of {@code total} (-1: not known ahead). */
    public Spec count(String unit, long total, Counter... done) {
      List<Tally> more = new ArrayList<>(items);
      more.add(new Tally(unit, total, List.of(done)));
      return new Spec(label, more, rateUnit, rate, errors);
    }

    /** With a rate: the sum of {@code counters} per second, in {@code unit}. */
    public Spec rate(String unit, Counter... counters) {
      return new Spec(label, items, unit, List.of(counters), errors);
    }

    /** With the counters whose sum is the errors so far. */
    public Spec errors(Counter... counters) {
      return new Spec(label, items, rateUnit, rate, List.of(counters));
    }

    /** The line these counter values ({@code namespace/name} to value) make. */
    ProgressLine line(Map<String, Long> values, double elapsed, boolean measured) {
      List<ProgressLine.Item> out = new ArrayList<>();
      for (Tally t : items) {
        out.add(new ProgressLine.Item(t.unit(), sum(values, t.counters()), t.total()));
      }
      return new ProgressLine(
          label, out, rateUnit, sum(values, rate), sum(values, errors), elapsed, measured);
    }

    private static long sum(Map<String, Long> values, List<Counter> counters) {
      long s = 0;
      for (Map.Entry<String, Long> e : values.entrySet()) {
        int slash = e.getKey().lastIndexOf('/');
        String ns = e.getKey().substring(0, slash);
        String name = e.getKey().substring(slash + 1);
        for (Counter c : counters) {
          if (c.matches(ns, name)) {
            s += e.getValue();
            break;
          }
        }
      }
      return s;
    }
  }

  /**
   * Every counter of a job as {@code namespace/name} to value, summed over steps: committed values
   * when {@code committed} and the runner has them, else attempted ones.
   */
  static Map<String, Long> counters(PipelineResult result, boolean committed) {
    Map<String, Long> out = new HashMap<>();
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      long v;
      if (committed) {
        try {
          v = c.getCommitted();
        } catch (UnsupportedOperationException e) {
          v = c.getAttempted();
        }
      } else {
        v = c.getAttempted();
      }
      out.merge(c.getName().getNamespace() + "/" + c.getName().getName(), v, Long::sum);
    }
    return out;
  }

  /** One run's progress: shown from {@link #start} until {@link #waitUntilFinish} or close. */
  public static final class Run implements AutoCloseable {
    private final Spec spec;
    private final Output out;
    private final boolean polls;
    private final boolean finalCounts;
    private final boolean flinkDetached;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private volatile PipelineResult result;
    private Map<String, Long> last = Map.of();
    private boolean measured;
    private double nextLine;
    private boolean drawn;
    private boolean printed;
    private boolean closed;

    private Run(Spec spec, Output out, boolean polls, boolean finalCounts, boolean flinkDetached) {
      this.spec = spec;
      this.out = out;
      this.polls = polls;
      this.finalCounts = finalCounts;
      this.flinkDetached = flinkDetached;
      this.nextLine = out.interval();
      if (out.mode() == Mode.OFF) {
        ticker = null;
      } else {
        ticker =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "magg-progress");
                  t.setDaemon(true);
                  return t;
                });
        long poll = pollMillis(out);
        ticker.scheduleWithFixedDelay(this::tick, poll, poll, TimeUnit.MILLISECONDS);
      }
    }

    /**
     * Runs {@code pipeline} as {@link Pipeline#run()} does. A job {@link #start} submitted to Flink
     * without waiting comes back as a result whose counters are those of the running job and, once
     * it has ended, exactly those the runner gives when it waits ({@link FlinkJob}).
     */
    public PipelineResult run(Pipeline pipeline) {
      PipelineResult r = pipeline.run();
      return flinkDetached ? FlinkJob.of(r) : r;
    }

    /**
     * Waits for the job (as {@link PipelineResult#waitUntilFinish()}), showing its progress, and
     * ends the line with the job's final counts where the runner gives them.
     */
    public PipelineResult.State waitUntilFinish(PipelineResult result) {
      this.result = result;
      PipelineResult.State state = result.waitUntilFinish();
      stopTicker();
      if (out.mode() != Mode.OFF) {
        synchronized (this) {
          if (finalCounts) {
            try {
              last = counters(result, true);
              measured = true;
            } catch (RuntimeException e) {
              // the last polled figures stay
            }
          }
          emit(true);
          finishLine();
        }
      }
      return state;
    }

    /** Stops showing; a terminal line is ended so what follows starts on its own line. */
    @Override
    public void close() {
      stopTicker();
      if (out.mode() != Mode.OFF) {
        synchronized (this) {
          finishLine();
        }
      }
    }

    private void stopTicker() {
      if (ticker == null) {
        return;
      }
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void tick() {
      PipelineResult r = result;
      synchronized (this) {
        if (closed) {
          return;
        }
        if (polls && r != null) {
          try {
            last = counters(r, false);
            measured = true;
          } catch (RuntimeException e) {
            // a reading that fails is skipped; the next one may succeed
          }
        }
        emit(false);
      }
    }

    private double elapsed() {
      return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Shows the current line as the mode wants; {@code last} for the run's end. */
    private void emit(boolean end) {
      double elapsed = elapsed();
      ProgressLine line = spec.line(last, elapsed, measured);
      switch (out.mode()) {
        case TERMINAL -> {
          int width = out.terminal() == null ? 80 : out.terminal().width();
          out.err().print("\r" + line.terminal(width));
          out.err().flush();
          drawn = true;
        }
        case PLAIN -> {
          if (end ? printed : elapsed >= nextLine) {
            out.err().println(line.plain());
            out.err().flush();
            printed = true;
            nextLine = elapsed + out.interval();
          }
        }
        case JSON -> {
          if (end || elapsed >= nextLine) {
            out.err().println(line.json(end));
            out.err().flush();
            nextLine = elapsed + out.interval();
          }
        }
        case OFF -> {}
      }
    }

    private void finishLine() {
      if (closed) {
        return;
      }
      closed = true;
      if (drawn) {
        out.err().println();
        out.err().flush();
      }
    }
  }
}
