// Data assimilation from Java: a Lorenz-96 twin experiment (truth, noisy observations of every
// variable, a free ensemble run and an ETKF) with Sakov and Oke's (2008) setting, then the same
// experiment's settings swept over ensemble sizes as one Beam pipeline.
//
//   java -cp target/magg-beam-bundled.jar examples/DaExample.java
import java.util.List;
import org.magg.pipelines.cycles.DaSweep;
import org.magg.pipelines.cycles.SweepReport;
import org.magg.transforms.cycles.ExperimentResult;
import org.magg.transforms.cycles.ExperimentSpec;
import org.magg.transforms.cycles.TwinExperiment;

public class DaExample {
  public static void main(String[] args) {
    // ETKF, 24 members, inflation 1.02, 1,500 steps of dt 0.05, burn-in 400, seed 1.
    ExperimentSpec etkf = ExperimentSpec.sakov("etkf", 24, 1.02, Double.NaN, 1500, 1);
    ExperimentResult r = TwinExperiment.run(etkf);
    System.out.printf(
        "ETKF N=24: analysis RMSE %.3f, free-run RMSE %.2f, observation error %.1f%n",
        r.analysisRmse(), r.freeRmse(), r.obsError());

    // Several experiments as the elements of one pipeline, spread over the workers.
    List<ExperimentSpec> sweep =
        List.of(
            ExperimentSpec.sakov("etkf", 8, 1.05, Double.NaN, 800, 1),
            ExperimentSpec.sakov("etkf", 16, 1.05, Double.NaN, 800, 1),
            ExperimentSpec.sakov("letkf", 8, 1.05, 4, 800, 1));
    DaSweep.Result s = DaSweep.run(sweep, List.of("--runner=DirectRunner"));
    System.out.print(SweepReport.table(s));

    // The filter must track the truth far better than the free run does.
    if (!(r.analysisRmse() < 0.3 && r.freeRmse() > 2)) {
      System.err.println("the ETKF did not track the truth: " + r);
      System.exit(1);
    }
  }
}
