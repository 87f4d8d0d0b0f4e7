// Historical per-day processing from Java: each UTC day's REACH dosimeter export (UDL
// SpaceEnvObservation rows as CSV) becomes one ISTP-compliant NASA CDF; an append-only telemetry
// CSV records every day's outcome, so a second run skips what is done. Writes two days of
// export rows first (a few records a day, as the download phase names them).
//
//   java -cp target/magg-beam-bundled.jar examples/HistoricalExample.java [WORK_DIR]
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.magg.pipelines.Magg;
import org.magg.pipelines.historical.ProcessRunConfig;
import org.magg.pipelines.historical.ProcessRunSummary;

public class HistoricalExample {
  static final String HEADER =
      "idSensor,observatoryName,obTime,createdAt,seoList,senPos,lat,lon,alt,descriptor";

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "output/examples/historical");
    Path in = work.resolve("in");
    Path out = work.resolve("out");
    for (Path p : List.of(in, out)) {
      if (Files.exists(p)) {
        try (var files = Files.walk(p)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
    Files.createDirectories(in);
    writeDay(in, LocalDate.parse("2025-09-04"));
    writeDay(in, LocalDate.parse("2025-09-05"));

    ProcessRunConfig config =
        ProcessRunConfig.of(LocalDate.parse("2025-09-04"), LocalDate.parse("2025-09-05"), in, out)
            .withPipelineArgs(List.of("--runner=DirectRunner"));
    ProcessRunSummary first = Magg.run(config);
    System.out.print(first.toText());

    // The telemetry makes the run resumable: the same command again skips both days.
    ProcessRunSummary again = Magg.run(config);
    System.out.printf(
        "second run: %d processed, %d skipped as already done%n",
        again.daysProcessed(), again.daysSkippedExisting());
    if (first.daysProcessed() != 2 || again.daysSkippedExisting() != 2) {
      System.err.println("expected two days processed, then two skipped");
      System.exit(1);
    }
  }

  /** A day's export: one sensor, a dose rate every minute for ten minutes, two flavours. */
  static void writeDay(Path dir, LocalDate day) throws Exception {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (int minute = 0; minute < 10; minute++) {
      String t = String.format(Locale.ROOT, "%sT00:%02d:00.000Z", day, minute);
      for (String flavour : List.of("DOSE1 (Flavor X)", "DOSE2 (Flavor W)")) {
        double dose = 4.0e-5 + minute * 1.0e-7;
        lines.add(
            String.format(
                Locale.ROOT,
                "REACH-135,Iridium-126,%s,%sT01:30:00.000Z,\"[{'obType': 'Energetic Charged"
                    + " Particle', 'obUoM': 'rad/second', 'obValue': %.6g, 'obQuality': '0',"
                    + " 'obDescription': '%s in rad/second'}]\",\"[2641.63, -5135.19, -4251.22]\","
                    + "-36.52,-43.19,792.5,QUICKLOOK",
                t, day, dose, flavour));
      }
    }
    String name =
        String.format(
            Locale.ROOT,
            "REACH-ALL_%sT000000_%sT000000.csv",
            day.toString().replace("-", ""),
            day.plusDays(1).toString().replace("-", ""));
    Files.write(dir.resolve(name), lines);
  }
}
