package org.magg.transforms.cycles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cycle saved and resumed gives the same bits as one run straight through. */
class CheckpointTest {
  private static double[][] truthObs(int steps) {
    Lorenz96 model = new Lorenz96(40, 8, 0.05);
    Rng rng = Rng.seeded(77);
    double[] x = new double[40];
    x[0] = 1;
    for (int k = 0; k < 200; k++) {
      x = model.step(x, 0.05);
    }
    double[][] obs = new double[steps][];
    for (int k = 0; k < steps; k++) {
      x = model.step(x, 0.05);
      obs[k] = x.clone();
      for (int i = 0; i < 40; i++) {
        obs[k][i] += rng.nextGaussian();
      }
    }
    return obs;
  }

  private static double[][] initial(int members) {
    Rng rng = Rng.seeded(78);
    double[][] e = new double[members][40];
    for (double[] m : e) {
      for (int i = 0; i < 40; i++) {
        m[i] = 2 * rng.nextGaussian();
      }
    }
    return e;
  }

  private static void resumesBitForBit(AnalysisStep<double[][]> analysis, Path file)
      throws IOException {
    int members = 10;
    EnsembleDACycle full =
        new EnsembleDACycle(
            new Lorenz96(40, 8, 0.05),
            new IdentityObs(),
            analysis,
            ObservationSource.of(truthObs(100)),
            100,
            members);
    DAState start = DAState.start(ObsError.diagonal(40, 1), 5);
    Carry<double[][], DAState> straight = full.apply(initial(members), start);

    Carry<double[][], DAState> half = full.withSteps(60).apply(initial(members), start);
    Checkpoint.of(full.withSteps(40), half.carrier(), half.state()).save(file);
    Checkpoint<double[][], DAState> loaded = Checkpoint.load(file);
    Carry<double[][], DAState> resumed = loaded.resume();
    Carry<double[][], DAState> fromBytes =
        Checkpoint.<double[][], DAState>fromBytes(
                Checkpoint.of(full.withSteps(40), half.carrier(), half.state()).toBytes())
            .resume();

    for (Carry<double[][], DAState> r : java.util.List.of(resumed, fromBytes)) {
      for (int i = 0; i < members; i++) {
        assertArrayEquals(straight.carrier()[i], r.carrier()[i], 0.0, "member " + i);
      }
      assertEquals(straight.state().rng(), r.state().rng());
      assertEquals(straight.state().t(), r.state().t());
      assertEquals(100, r.state().cycleCount());
    }
    // the random stream was used: the generator moved on
    assertNotEquals(start.rng(), straight.state().rng());
  }

  @Test
  void etkfWithRotationResumes(@TempDir Path dir) throws IOException {
    resumesBitForBit(new Inflation(new Etkf(true), 1.02), dir.resolve("etkf.ckpt"));
  }

  @Test
  void stochasticEnKfResumes(@TempDir Path dir) throws IOException {
    resumesBitForBit(new Inflation(new StochasticEnKF(), 1.05), dir.resolve("enkf.ckpt"));
  }

  @Test
  void letkfResumes(@TempDir Path dir) throws IOException {
    resumesBitForBit(new Letkf(4, true), dir.resolve("letkf.ckpt"));
  }

  @Test
  void aFileThatIsNoCheckpointIsRefused(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("junk");
    Files.writeString(f, "not a checkpoint");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(f));
    assertEquals(true, e.getMessage().contains("cannot read a cycle checkpoint from " + f));
  }
}
