/**
 * Data assimilation cycles as runs: {@link org.magg.pipelines.cycles.Lorenz96Experiment} runs one
 * Lorenz-96 twin experiment (in process, or as a one-element pipeline on the runner the Beam
 * options choose) and reports its RMSEs and speed; {@link org.magg.pipelines.cycles.DaSweep} runs
 * every combination of a {@link org.magg.pipelines.cycles.SweepGrid} as one pipeline, one
 * experiment per element, and {@link org.magg.pipelines.cycles.SweepReport} prints the table and
 * writes the CSV. The cycles themselves are in {@code org.magg.transforms.cycles}.
 */
package org.magg.pipelines.cycles;
