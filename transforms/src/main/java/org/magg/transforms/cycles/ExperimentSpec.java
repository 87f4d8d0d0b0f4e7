package org.magg.transforms.cycles;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * One Lorenz-96 twin experiment (see {@link TwinExperiment}): the filter ({@code enkf}: stochastic
 * EnKF, {@code etkf}, {@code letkf}), ensemble size, number of steps and burn-in, multiplicative
 * inflation, localisation radius (LETKF; NaN: none), rotation (ETKF, LETKF), observation interval
 * (steps) and error (standard deviation), forcing F, time step, seed, observed variables (null:
 * all) and number of variables. {@link #validate()} names the command-line option of a bad value.
 */
public record ExperimentSpec(
    String filter,
    int members,
    int steps,
    int burnIn,
    double inflation,
    double radius,
    boolean rotation,
    int obsEvery,
    double obsError,
    double forcing,
    double dt,
    long seed,
    int[] obsIndices,
    int variables)
    implements Serializable {

  /** LETKF's localisation radius when none is given (DAPPER's Lorenz-96 setting). */
  public static final double DEFAULT_LETKF_RADIUS = 4;

  /** Sakov and Oke's setting (obs every step, error 1, F 8, dt 0.05, 40 variables). */
  public static ExperimentSpec sakov(
      String filter, int members, double inflation, double radius, int steps, long seed) {
    return new ExperimentSpec(
        filter, members, steps, 400, inflation, radius, true, 1, 1.0, 8.0, 0.05, seed, null, 40);
  }

  public ExperimentSpec {
    filter = filter == null ? null : filter.toLowerCase(Locale.ROOT);
    obsIndices = obsIndices == null ? null : obsIndices.clone();
  }

  @Override
  public int[] obsIndices() {
    return obsIndices == null ? null : obsIndices.clone();
  }

  /** The spec with the LETKF default radius filled in. */
  public ExperimentSpec withDefaults() {
    double r = "letkf".equals(filter) && Double.isNaN(radius) ? DEFAULT_LETKF_RADIUS : radius;
    return new ExperimentSpec(
        filter,
        members,
        steps,
        burnIn,
        inflation,
        r,
        rotation,
        obsEvery,
        obsError,
        forcing,
        dt,
        seed,
        obsIndices,
        variables);
  }

  /** Refuses a bad value with a message naming its command-line option. */
  public ExperimentSpec validate() {
    if (!"enkf".equals(filter) && !"etkf".equals(filter) && !"letkf".equals(filter)) {
      throw new IllegalArgumentException(
          "--filter must be enkf, etkf or letkf, got '" + filter + "'");
    }
    if (members < 2) {
      throw new IllegalArgumentException("--members must be at least 2, got " + members);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
    }
    if (burnIn < 0 || burnIn >= steps) {
      throw new IllegalArgumentException(
          "--burn-in must be at least 0 and less than --steps (" + steps + "), got " + burnIn);
    }
    if (!(inflation >= 1) || Double.isInfinite(inflation)) {
      throw new IllegalArgumentException("--inflation must be at least 1, got " + inflation);
    }
    if (radius < 0 || Double.isInfinite(radius)) {
      throw new IllegalArgumentException(
          "--localization-radius must be at least 0, got " + format(radius));
    }
    if (!Double.isNaN(radius) && !"letkf".equals(filter)) {
      throw new IllegalArgumentException(
          "--localization-radius applies to --filter letkf only, not " + filter);
    }
    if (obsEvery < 1) {
      throw new IllegalArgumentException("--obs-every must be at least 1, got " + obsEvery);
    }
    if (!(obsError > 0) || Double.isInfinite(obsError)) {
      throw new IllegalArgumentException("--obs-error must be > 0, got " + obsError);
    }
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new IllegalArgumentException("--dt must be > 0, got " + dt);
    }
    if (Double.isNaN(forcing) || Double.isInfinite(forcing)) {
      throw new IllegalArgumentException("--forcing must be a finite number, got " + forcing);
    }
    if (variables < 4) {
      throw new IllegalArgumentException("Lorenz-96 needs at least 4 variables, got " + variables);
    }
    if (obsIndices != null) {
      try {
        new SubsetObs(obsIndices).obsDim(variables);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--obs-indices: " + e.getMessage(), e);
      }
    }
    return this;
  }

  /** The observation operator: every variable, or the given ones. */
  public ObservationOperator obsOperator() {
    return obsIndices == null ? new IdentityObs() : new SubsetObs(obsIndices);
  }

  /** The analysis, with the inflation after it. */
  public AnalysisStep<double[][]> analysisStep() {
    AnalysisStep<double[][]> step =
        switch (filter) {
          case "enkf" -> new StochasticEnKF();
          case "etkf" -> new Etkf(rotation);
          case "letkf" -> new Letkf(Double.isNaN(radius) ? DEFAULT_LETKF_RADIUS : radius, rotation);
          default -> throw new IllegalArgumentException("unknown filter " + filter);
        };
    return inflation == 1 ? step : new Inflation(step, inflation);
  }

  /** The localisation as a table cell: the radius, or "-". */
  public String localization() {
    return Double.isNaN(radius) ? "-" : format(radius);
  }

  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExperimentSpec s && toString().equals(s.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return "ExperimentSpec[filter="
        + filter
        + ", members="
        + members
        + ", steps="
        + steps
        + ", burnIn="
        + burnIn
        + ", inflation="
        + inflation
        + ", radius="
        + radius
        + ", rotation="
        + rotation
        + ", obsEvery="
        + obsEvery
        + ", obsError="
        + obsError
        + ", forcing="
        + forcing
        + ", dt="
        + dt
        + ", seed="
        + seed
        + ", obsIndices="
        + Arrays.toString(obsIndices)
        + ", variables="
        + variables
        + "]";
  }
}
