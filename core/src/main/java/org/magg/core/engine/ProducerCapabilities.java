package org.magg.core.engine;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a producer may be run.
 *
 * @param haloCells cells around a tile the producer reads besides the tile (0 for none)
 * @param tileParallel whether it can run one call per tile ({@code false}: the whole grid in one
 *     call)
 * @param boundaryCoupled whether a tile's result depends on its neighbours' cells, which then must
 *     be read as a halo ({@code haloCells > 0})
 * @param iterative whether it reads its own previous output (a need it also produces)
 * @param requiresBarrier whether every tile must finish before its outputs are used
 * @param costHint what mostly limits it
 * @param memoryBudgetMb the memory one call may use, in MiB (0: unknown)
 */
public record ProducerCapabilities(
    int haloCells,
    boolean tileParallel,
    boolean boundaryCoupled,
    boolean iterative,
    boolean requiresBarrier,
    CostHint costHint,
    long memoryBudgetMb)
    implements Serializable {

  private static final ProducerCapabilities DEFAULTS =
      new ProducerCapabilities(0, false, false, false, false, CostHint.CPU, 0);

  /** Checks the fields. @throws IllegalArgumentException naming the field and what is allowed */
  public ProducerCapabilities {
    if (haloCells < 0) {
      throw new IllegalArgumentException("halo_cells must be 0 or more, got " + haloCells);
    }
    if (boundaryCoupled && haloCells == 0) {
      throw new IllegalArgumentException(
          "a boundary_coupled producer reads its neighbours' cells: set halo_cells > 0");
    }
    Objects.requireNonNull(costHint, "cost_hint is required (io, cpu or gpu)");
    if (memoryBudgetMb < 0) {
      throw new IllegalArgumentException(
          "memory_budget_mb must be 0 (unknown) or more, got " + memoryBudgetMb);
    }
  }

  /** The whole grid in one call, no halo, CPU-bound, no memory budget. */
  public static ProducerCapabilities defaults() {
    return DEFAULTS;
  }

  public ProducerCapabilities withTileParallel(boolean parallel) {
    return new ProducerCapabilities(
        haloCells, parallel, boundaryCoupled, iterative, requiresBarrier, costHint, memoryBudgetMb);
  }

  /** Boundary-coupled with a halo of {@code cells} cells. */
  public ProducerCapabilities withBoundaryCoupling(int cells) {
    return new ProducerCapabilities(
        cells, tileParallel, true, iterative, requiresBarrier, costHint, memoryBudgetMb);
  }

  public ProducerCapabilities withIterative(boolean it) {
    return new ProducerCapabilities(
        haloCells, tileParallel, boundaryCoupled, it, requiresBarrier, costHint, memoryBudgetMb);
  }

  public ProducerCapabilities withCostHint(CostHint hint) {
    return new ProducerCapabilities(
        haloCells, tileParallel, boundaryCoupled, iterative, requiresBarrier, hint, memoryBudgetMb);
  }
}
