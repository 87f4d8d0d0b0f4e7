// The temporal pipeline from Java: reduce gridded fields under each event's mask, per timestep,
// then over the event's window with streaming accumulators. Generates three days of the four
// MERRA-2-shaped collections the built-in merra2_storm config reads, and a catalog of storms
// crossing the Antarctic coast, then runs the config on the Direct runner.
//
//   java -cp target/magg-beam-bundled.jar examples/TemporalExample.java [WORK_DIR]
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.TemporalConfig;
import org.magg.pipelines.samples.SampleFields;
import org.magg.pipelines.temporal.TemporalRunOptions;
import org.magg.pipelines.temporal.TemporalSummary;

public class TemporalExample {
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "output/examples/temporal");

    SampleFields.Spec spec = SampleFields.Spec.merra2(LocalDate.parse("2021-07-01"), 3);
    SampleFields.Result fields = SampleFields.generate(work.resolve("fields"), spec);
    Path catalog = work.resolve("storms.json");
    SampleFields.events(spec, 5, 42).writeJson(catalog);

    TemporalConfig config = ConfigLoader.loadTemporal("merra2_storm", null);
    Path out = work.resolve("out");
    TemporalSummary summary =
        Magg.run(
            config,
            TemporalRunOptions.batch(catalog.toString(), fields.dir().toString(), out.toString())
                .withOverwrite(true)
                .withPipelineArgs(List.of("--runner=DirectRunner")));
    System.out.print(summary.toText());

    // One row per event and its metrics: a CSV (and the same as NetCDF in events.nc).
    List<String> rows = Files.readAllLines(out.resolve("events.csv"));
    System.out.println(rows.get(0));
    System.out.println(rows.get(1));
    if (summary.exitCode() != 0 || rows.size() != 1 + 5) {
      System.err.println("expected 5 event rows in " + out.resolve("events.csv"));
      System.exit(1);
    }
  }
}
