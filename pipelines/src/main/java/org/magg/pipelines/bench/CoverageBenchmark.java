package org.magg.pipelines.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import org.magg.core.grid.CellCoverage;
import org.magg.core.grid.GroundTracks;
import org.magg.core.grid.SphericalPolygon;

/**
 * The coverage benchmark: how many granule footprints per second one core covers with parent cells
 * ({@link CellCoverage} at order 6, what a catalog build does for every granule CMR lists), over
 * 700 ICESat-2-like footprints of 60 vertices, measured as the thread's CPU time, the best of
 * several rounds. Side by side, when its jar is found, the CDS HEALPix library's polygon coverage
 * of the same footprints at the same order (its cells flattened to that order), with a check that
 * every cell found here is in the reference's coverage.
 */
public final class CoverageBenchmark {
  /** Parent order of the covered cells. */
  public static final int ORDER = 6;

  /** Where Debian's package {@code libcds-healpix-java} installs the reference. */
  public static final Path DEFAULT_REFERENCE_JAR = Path.of("/usr/share/java/cdshealpix.jar");

  private static final int ORBITS = 50;
  private static final int REGIONS = 14;
  private static final int ALONG = 30;
  private static final double WIDTH_KM = 7.0;

  /**
   * One implementation's figures.
   *
   * @param name what was measured
   * @param rounds granules per second per core of each round, in order
   * @param cells cells found over all footprints (the same every round)
   */
  public record Measured(String name, List<Double> rounds, long cells) {
    public Measured {
      rounds = List.copyOf(rounds);
    }

    public double granulesPerSecond() {
      return Collections.max(rounds);
    }
  }

  /**
   * Measured figures.
   *
   * @param footprints footprints covered each round
   * @param vertices vertices per footprint
   * @param coverage {@link CellCoverage}'s figures
   * @param reference the reference's figures, or null when it was not measured
   * @param referenceMissing why the reference was not measured, or null
   * @param identical footprints for which both found the same cells (-1 without reference)
   * @param missedByReference cells found here that the reference's coverage lacks (must be 0)
   * @param loadAverage the system load average (1 minute) when the benchmark started, or -1
   */
  public record Figures(
      int footprints,
      int vertices,
      Measured coverage,
      Measured reference,
      String referenceMissing,
      int identical,
      long missedByReference,
      double loadAverage) {

    /** 0, or 1 when a cell found here is not in the reference's coverage. */
    public int exitCode() {
      return missedByReference == 0 ? 0 : 1;
    }

    public String toText() {
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              Locale.ROOT,
              "footprints:       %d ICESat-2-like granules, %d vertices, %.0f km wide; cells at"
                  + " order %d%n",
              footprints,
              vertices,
              WIDTH_KM,
              ORDER));
      s.append(line("CellCoverage:", coverage));
      if (reference == null) {
        s.append("reference:        not measured: ").append(referenceMissing).append('\n');
      } else {
        s.append(line("reference:", reference));
        s.append(
            String.format(
                Locale.ROOT,
                "ratio:            CellCoverage rate / reference rate = %.2f%n"
                    + "check:            %s; the same cells for %d of %d footprints%n",
                coverage.granulesPerSecond() / reference.granulesPerSecond(),
                missedByReference == 0
                    ? "every CellCoverage cell is in the reference's coverage"
                    : missedByReference + " CellCoverage cells are not in the reference's coverage",
                identical,
                footprints));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "machine:          %d processors, load average %.2f at start (rates: thread CPU"
                  + " time, one core)%n",
              Runtime.getRuntime().availableProcessors(),
              loadAverage));
      return s.toString();
    }

    private String line(String label, Measured m) {
      StringBuilder rounds = new StringBuilder();
      for (double r : m.rounds()) {
        rounds.append(rounds.length() == 0 ? "" : ", ");
        rounds.append(String.format(Locale.ROOT, "%,.0f", r));
      }
      return String.format(
          Locale.ROOT,
          "%-18s%,.0f granules/s per core, %.1f cells each (%s; rounds: %s)%n",
          label,
          m.granulesPerSecond(),
          (double) m.cells() / footprints,
          m.name(),
          rounds);
    }
  }

  private CoverageBenchmark() {}

  /** The benchmark's footprints: 50 orbits of 14 granules. */
  static List<double[][]> footprints() {
    List<double[][]> out = new ArrayList<>();
    for (int orbit = 0; orbit < ORBITS; orbit++) {
      for (int region = 0; region < REGIONS; region++) {
        out.add(GroundTracks.granule(orbit * 7, region, ALONG, WIDTH_KM));
      }
    }
    return out;
  }

  /**
   * Covers the footprints {@code rounds} times with {@link CellCoverage} and, when {@code
   * referenceJar} is a file, as many times with the reference, alternating.
   */
  public static Figures run(int rounds, Path referenceJar) throws IOException {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    }
    double load = Machine.load();
    List<double[][]> footprints = footprints();
    int n = footprints.size();
    List<SphericalPolygon> polygons = new ArrayList<>();
    List<double[][]> radians = new ArrayList<>();
    for (double[][] f : footprints) {
      polygons.add(SphericalPolygon.of(f[0], f[1]));
      double[][] r = new double[f[0].length][];
      for (int i = 0; i < r.length; i++) {
        r[i] = new double[] {Math.toRadians(f[0][i]), Math.toRadians(f[1][i])};
      }
      radians.add(r);
    }
    CellCoverage coverage = CellCoverage.atOrder(ORDER);
    IntFunction<long[]> ours = g -> coverage.cells(polygons.get(g));
    List<Double> ourRates = new ArrayList<>();
    long[][] ourCells = null;
    if (referenceJar == null || !Files.isRegularFile(referenceJar)) {
      for (int round = 0; round < rounds; round++) {
        ourCells = timed(ourRates, n, ours);
      }
      String missing =
          "no jar at "
              + referenceJar
              + " (install the Debian package libcds-healpix-java, or pass --reference-jar)";
      return new Figures(
          n,
          2 * ALONG,
          new Measured("order " + ORDER, ourRates, count(ourCells)),
          null,
          missing,
          -1,
          0,
          load);
    }
    try (Reference reference = Reference.load(referenceJar, ORDER)) {
      IntFunction<long[]> theirs = g -> reference.cells(radians.get(g));
      List<Double> theirRates = new ArrayList<>();
      long[][] theirCells = null;
      for (int round = 0; round < rounds; round++) {
        ourCells = timed(ourRates, n, ours);
        theirCells = timed(theirRates, n, theirs);
      }
      int identical = 0;
      long missed = 0;
      for (int g = 0; g < n; g++) {
        Set<Long> theirSet = new HashSet<>();
        for (long c : theirCells[g]) {
          theirSet.add(c);
        }
        long lacking = Arrays.stream(ourCells[g]).filter(c -> !theirSet.contains(c)).count();
        missed += lacking;
        if (lacking == 0 && theirSet.size() == ourCells[g].length) {
          identical++;
        }
      }
      return new Figures(
          n,
          2 * ALONG,
          new Measured("order " + ORDER, ourRates, count(ourCells)),
          new Measured(reference.name(), theirRates, count(theirCells)),
          null,
          identical,
          missed,
          load);
    }
  }

  /**
   * Covers every footprint once, adds the round's rate (footprints per second of this thread's CPU
   * time) to {@code rates} and returns the cells of each footprint.
   */
  private static long[][] timed(List<Double> rates, int footprints, IntFunction<long[]> cover) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[][] cells = new long[footprints][];
    long start = threads.getCurrentThreadCpuTime();
    for (int g = 0; g < footprints; g++) {
      cells[g] = cover.apply(g);
    }
    rates.add(footprints / ((threads.getCurrentThreadCpuTime() - start) / 1e9));
    return cells;
  }

  private static long count(long[][] cells) {
    long n = 0;
    for (long[] c : cells) {
      n += c.length;
    }
    return n;
  }

  /**
   * The CDS HEALPix library's polygon coverage, loaded from its jar in a class loader of its own
   * (it is not a dependency of the project): {@code overlappingCells} of a polygon given in
   * radians, its cells flattened to the order.
   */
  static final class Reference implements AutoCloseable {
    private final URLClassLoader loader;
    private final String name;
    private final Object computer;
    private final Method overlapping;
    private final Method flatHashes;
    private final Method hasNext;
    private final Method next;
    private final Method deepSize;

    private Reference(URLClassLoader loader, String name, Object computer) throws Exception {
      this.loader = loader;
      this.name = name;
      this.computer = computer;
      this.overlapping = computer.getClass().getMethod("overlappingCells", double[][].class);
      Class<?> bmoc = Class.forName("cds.healpix.HealpixNestedBMOC", true, loader);
      this.flatHashes = bmoc.getMethod("flatHashIterator");
      this.deepSize = bmoc.getMethod("computeDeepSize");
      Class<?> iterator = Class.forName("cds.healpix.FlatHashIterator", true, loader);
      this.hasNext = iterator.getMethod("hasNext");
      this.next = iterator.getMethod("next");
    }

    static Reference load(Path jar, int order) throws IOException {
      URLClassLoader loader =
          new URLClassLoader(
              new java.net.URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      try {
        Class<?> healpix = Class.forName("cds.healpix.Healpix", true, loader);
        Object layer = healpix.getMethod("getNested", int.class).invoke(null, order);
        Object computer = layer.getClass().getMethod("newPolygonComputer").invoke(layer);
        String version = healpix.getPackage().getSpecificationVersion();
        String name =
            "CDS HEALPix "
                + (version == null ? "" : version + " ")
                + "polygon coverage, "
                + jar.getFileName();
        return new Reference(loader, name, computer);
      } catch (Exception e) {
        loader.close();
        throw new IOException(
            "reference jar " + jar + ": cannot use the CDS HEALPix polygon coverage: " + e, e);
      }
    }

    String name() {
      return name;
    }

    /** The cells at the order of a polygon's coverage ({lon, lat} vertices in radians). */
    long[] cells(double[][] radians) {
      try {
        Object bmoc = overlapping.invoke(computer, (Object) radians);
        long[] out = new long[(int) (long) (Long) deepSize.invoke(bmoc)];
        Object it = flatHashes.invoke(bmoc);
        int n = 0;
        while ((Boolean) hasNext.invoke(it)) {
          out[n++] = (Long) next.invoke(it);
        }
        return out;
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("the reference's polygon coverage failed: " + e, e);
      }
    }

    @Override
    public void close() throws IOException {
      loader.close();
    }
  }
}
