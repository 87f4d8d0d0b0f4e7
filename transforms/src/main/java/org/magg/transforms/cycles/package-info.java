/**
 * Time-stepping and data assimilation cycles as composable, serialisable operators.
 *
 * <p>Operators: a {@link org.magg.transforms.cycles.StatefulOperator} maps {@code (carrier, state)}
 * to {@code (carrier, state)}; {@link org.magg.transforms.cycles.Sequential} chains stateful and
 * stateless steps; {@link org.magg.transforms.cycles.Cycle} (a scan with optional history), {@link
 * org.magg.transforms.cycles.EnsembleCycle}, {@link org.magg.transforms.cycles.WindowedCycle} and
 * {@link org.magg.transforms.cycles.Recurrence} (until a condition, with iteration count and
 * convergence flag) lift a step over time.
 *
 * <p>Data assimilation is predict ({@link org.magg.transforms.cycles.ForwardModel}: {@link
 * org.magg.transforms.cycles.Lorenz63}, {@link org.magg.transforms.cycles.Lorenz96}, {@link
 * org.magg.transforms.cycles.LinearModel}, {@link org.magg.transforms.cycles.CallableForward},
 * {@link org.magg.transforms.cycles.CompositeForward}), compare ({@link
 * org.magg.transforms.cycles.ObservationOperator}: identity, linear, subset, callable, composite)
 * and update ({@link org.magg.transforms.cycles.AnalysisStep}: {@link
 * org.magg.transforms.cycles.KalmanFilter}, {@link org.magg.transforms.cycles.StochasticEnKF},
 * {@link org.magg.transforms.cycles.Etkf}, {@link org.magg.transforms.cycles.Letkf}, with {@link
 * org.magg.transforms.cycles.Inflation}). {@link org.magg.transforms.cycles.DACycle} and {@link
 * org.magg.transforms.cycles.EnsembleDACycle} cycle them with a {@link
 * org.magg.transforms.cycles.DAState} (time, cycle count, observation error, random generator);
 * {@link org.magg.transforms.cycles.SmootherCycle} analyses windows with {@link
 * org.magg.transforms.cycles.FourDVar}. A {@link org.magg.transforms.cycles.Checkpoint} saves a
 * cycle (operator, carrier, state with the {@link org.magg.transforms.cycles.Rng}'s state) and
 * resumes it bit for bit. {@link org.magg.transforms.cycles.TwinExperiment} runs DAPPER's Lorenz-96
 * twin experiment; {@link org.magg.transforms.cycles.EnsembleAsElements} runs an ensemble cycle in
 * Beam with the members as elements.
 *
 * <p>States are {@code double[]}, ensembles {@code double[member][variable]}; dense linear algebra
 * (solves, symmetric eigen decompositions) goes through EJML inside the package.
 */
package org.magg.transforms.cycles;
