package org.magg.io.spatial;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times {@link CsvPointReader} on a generated point table (not a test: run by hand with {@code mvn
 * -pl io test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.magg.io.spatial.CsvPointReaderBench -Dexec.args="rows [file]"}).
 *
 * <p>The table has the columns {@code lat,lon,h,s,quality} as the ATL06 CSV config reads them; it
 * is written once and read several times, the best and median times printed.
 */
final class CsvPointReaderBench {
  private CsvPointReaderBench() {}

  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("points-bench", ".csv");
    if (!Files.exists(file) || Files.size(file) == 0) {
      write(file, rows);
    }
    PointSource source =
        new PointSource(
            PointSource.Reader.CSV,
            List.of(),
            "lat",
            "lon",
            Map.of("h", "h", "s", "s"),
            new PointSource.QualityFilter("quality", 0));
    CsvPointReader reader = new CsvPointReader(source, List.of("h", "s"));
    int runs = 7;
    long[] nanos = new long[runs];
    long[] cpu = new long[runs];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int[] count = new int[1];
    for (int i = 0; i < runs; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      reader.read(
          file.toString(),
          new PointReader.Listener() {
            @Override
            public void columns(PointColumns columns) {
              count[0] = columns.lat.length;
            }

            @Override
            public void groupMissing(String group) {}

            @Override
            public void groupFailed(String group, String reason) {}

            @Override
            public void rowMalformed(String group, long line, String reason) {}
          });
      nanos[i] = System.nanoTime() - t0;
      cpu[i] = threads.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    System.out.printf(
        "%d rows (%.1f MB), %d reads: wall best %.0f ms, median %.0f ms;"
            + " thread CPU best %.0f ms, median %.0f ms%n",
        count[0],
        Files.size(file) / 1e6,
        runs,
        nanos[0] / 1e6,
        nanos[runs / 2] / 1e6,
        cpu[0] / 1e6,
        cpu[runs / 2] / 1e6);
  }

  private static void write(Path file, int rows) throws IOException {
    Random r = new Random(5);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("lat,lon,h,s,quality\n");
      for (int i = 0; i < rows; i++) {
        w.write(Double.toString(-75 + r.nextDouble() * 0.5));
        w.write(',');
        w.write(Double.toString(100 + r.nextDouble() * 0.8));
        w.write(',');
        w.write(Double.toString(1000 + r.nextGaussian() * 20));
        w.write(',');
        w.write(Double.toString(0.05 + r.nextDouble() * 0.1));
        w.write(',');
        w.write(r.nextDouble() < 0.05 ? "1" : "0");
        w.write('\n');
      }
    }
  }
}
