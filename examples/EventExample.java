// The event pipeline from Java: find objects above a threshold in gridded fields, track them over
// time into events (genesis, merges, splits, lysis), and write the event catalog, life cycles and
// tracks. Generates two days of 3-hourly IVT-like fields on the MERRA-2 grid.
//
//   java -cp target/magg-beam-bundled.jar examples/EventExample.java [WORK_DIR]
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.magg.pipelines.Magg;
import org.magg.pipelines.config.ConfigLoader;
import org.magg.pipelines.config.EventConfig;
import org.magg.pipelines.event.EventRunOptions;
import org.magg.pipelines.event.EventSummary;
import org.magg.pipelines.samples.BlobFields;

public class EventExample {
  static final String CONFIG =
      """
      pipeline: {type: event}
      data_source:
        collections:
          IVT: {files: 'ivt_*.nc4', time_step: PT3H, variables: [IVT]}
      detection:
        collection: IVT
        expression: 'IVT > 250'
        connectivity: 8
        min_cells: 4
      tracking:
        min_overlap: 0.5
        min_steps: 2
        max_gap_steps: 0
      output: {masks: none}
      """;

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "output/examples/event");
    BlobFields.Result fields =
        BlobFields.generate(
            work.resolve("fields"), BlobFields.Spec.merra2(LocalDate.parse("2021-01-01"), 2));

    EventConfig config = (EventConfig) ConfigLoader.parseAny(CONFIG, "EventExample");
    Path out = work.resolve("out");
    EventSummary summary =
        Magg.run(
            config,
            EventRunOptions.builder()
                .fields(fields.dir().toString())
                .output(out.toString())
                .overwrite(true)
                .pipelineArgs(List.of("--runner=DirectRunner"))
                .build());
    System.out.print(summary.toText());

    // lifecycle.csv: one row per event (id, genesis, lysis, steps, merges, splits, ...).
    List<String> lifecycle = Files.readAllLines(out.resolve("lifecycle.csv"));
    System.out.println(lifecycle.get(0));
    System.out.println(lifecycle.size() > 1 ? lifecycle.get(1) : "(no events)");
    if (summary.exitCode() != 0 || summary.eventsKept() < 1) {
      System.err.println("expected events in " + out);
      System.exit(1);
    }
  }
}
