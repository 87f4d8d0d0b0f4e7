package org.magg.pipelines.cycles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import org.magg.transforms.cycles.TwinExperiment;

/** The sweep as one pipeline (Direct runner) gives each experiment's in-process result. */
class DaSweepTest {
  static final ExperimentSpec BASE =
      new ExperimentSpec("etkf", 2, 250, 50, 1, Double.NaN, true, 1, 1, 8, 0.05, 4, null, 40);

  @Test
  void gridHasEveryCombinationAndRadiiOnlyForTheLetkf() {
    SweepGrid grid =
        new SweepGrid(
            List.of("enkf", "letkf"), List.of(6, 8), List.of(1.0, 1.05), List.of(2.0, 4.0), BASE);
    List<ExperimentSpec> specs = grid.specs();
    assertEquals(2 * 2 + 2 * 2 * 2, specs.size());
    assertEquals("enkf", specs.get(0).filter());
    assertEquals(Double.NaN, specs.get(0).radius());
    assertEquals(2.0, specs.get(4).radius());
    assertEquals(4.0, specs.get(5).radius());
    assertThrows(
        IllegalArgumentException.class,
        () -> new SweepGrid(List.of("etkf"), List.of(1), List.of(1.0), null, BASE).specs());
  }

  @Test
  void sweepResultsEqualTheExperimentsRunInProcess() {
    List<ExperimentSpec> specs =
        new SweepGrid(List.of("etkf", "enkf"), List.of(6, 10), List.of(1.05), null, BASE).specs();
    DaSweep.Result r = DaSweep.run(specs, List.of());
    assertEquals("DirectRunner", r.runner());
    assertEquals(4, r.experiments().size());
    for (int i = 0; i < specs.size(); i++) {
      ExperimentResult expected = TwinExperiment.run(specs.get(i));
      ExperimentResult got = r.experiments().get(i);
      assertEquals(expected.key(), got.key());
      assertEquals(expected.analysisRmse(), got.analysisRmse(), 0.0);
      assertEquals(expected.freeRmse(), got.freeRmse(), 0.0);
    }
    String table = SweepReport.table(r);
    assertEquals(6, table.lines().count(), table);
    assertEquals(5, SweepReport.csv(r).lines().count());
  }
}
