package org.magg.pipelines.samples;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.magg.core.Json;
import org.magg.core.grid.Morton;
import org.magg.io.storage.Storage;

/**
 * Generates ATL06-layout HDF5 granules (six beams of {@code land_ice_segments} with latitude,
 * longitude, h_li, h_li_sigma, atl06_quality_summary and delta_time) along synthetic Antarctic
 * ground tracks, and a magg catalog that maps each parent cell the points fall in to the granules
 * that cross it. Deterministic for a given spec: the same files every time.
 *
 * <p>About 2% of segments carry the h_li fill value and about 5% a non-zero quality flag, as real
 * granules do.
 */
public final class SampleData {
  /** ATL06's fill value for float32 datasets. */
  public static final float FILL = 3.4028235e38f;

  public static final String[] BEAMS = {"gt1l", "gt1r", "gt2l", "gt2r", "gt3l", "gt3r"};

  /**
   * What to generate.
   *
   * @param granules number of granules (parallel ground tracks)
   * @param segmentsPerBeam points per beam in each granule
   * @param parentOrder order of the catalog's parent cells
   * @param seed random seed
   */
  public record Spec(int granules, int segmentsPerBeam, int parentOrder, long seed) {
    /** The embedded default: 4 granules x 6 beams x 6,000 segments, parent order 6. */
    public static Spec defaults() {
      return new Spec(4, 6000, 6, 20181013L);
    }

    public long totalPoints() {
      return (long) granules * BEAMS.length * segmentsPerBeam;
    }
  }

  /**
   * What was generated.
   *
   * @param catalog the catalog JSON file
   * @param granules the granule files
   * @param cells parent cells in the catalog
   * @param points points written (all beams of all granules)
   */
  public record Result(Path catalog, List<Path> granules, int cells, long points) {}

  private SampleData() {}

  /**
   * Generates the sample into {@code dir} unless a catalog generated from the same spec is already
   * there.
   */
  public static Result generate(Path dir, Spec spec) throws IOException {
    Files.createDirectories(dir);
    Path catalog = dir.resolve("catalog.json");
    Path marker = dir.resolve(".spec");
    String specText = spec.toString();
    List<Path> files = new ArrayList<>();
    for (int g = 0; g < spec.granules(); g++) {
      files.add(dir.resolve(granuleName(g)));
    }
    if (Files.isRegularFile(catalog)
        && Files.isRegularFile(marker)
        && Files.readString(marker).equals(specText)
        && files.stream().allMatch(Files::isRegularFile)) {
      Map<?, ?> json = Json.mapper().readValue(catalog.toFile(), Map.class);
      int cells = ((Map<?, ?>) json.get("catalog")).size();
      return new Result(catalog, files, cells, spec.totalPoints());
    }
    Files.deleteIfExists(marker);
    Map<Long, TreeSet<String>> cells = new TreeMap<>();
    Random random = new Random(spec.seed());
    for (int g = 0; g < spec.granules(); g++) {
      writeGranule(files.get(g), g, spec, random, cells);
    }
    writeCatalog(catalog, spec, cells);
    Files.writeString(marker, specText);
    return new Result(catalog, files, cells.size(), spec.totalPoints());
  }

  static String granuleName(int g) {
    return String.format("ATL06_SAMPLE_%04d.h5", g);
  }

  private static void writeGranule(
      Path file, int g, Spec spec, Random random, Map<Long, TreeSet<String>> cells)
      throws IOException {
    int n = spec.segmentsPerBeam();
    // A track from (-74, lon0) towards the pole and east; tracks are 0.35 degrees apart.
    double lat0 = -74.0;
    double lon0 = 100.0 + 0.35 * g;
    double dLat = -2.2 / n;
    double dLon = 1.4 / n;
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (WritableHdfFile h5 = HdfFile.write(tmp)) {
      h5.putAttribute("short_name", "ATL06");
      h5.putAttribute("description", "magg-beam synthetic sample granule " + g);
      for (int b = 0; b < BEAMS.length; b++) {
        double pairOffset = (b / 2) * 0.03 + (b % 2) * 0.0008;
        double[] lat = new double[n];
        double[] lon = new double[n];
        float[] h = new float[n];
        float[] sigma = new float[n];
        byte[] quality = new byte[n];
        double[] time = new double[n];
        for (int i = 0; i < n; i++) {
          lat[i] = lat0 + dLat * i;
          lon[i] = lon0 + dLon * i + pairOffset;
          double surface = 2000.0 + 350.0 * Math.sin(lat[i] * 3.1) + 40.0 * Math.cos(lon[i] * 7.0);
          h[i] = (float) (surface + random.nextGaussian() * 0.5);
          sigma[i] = (float) (0.02 + 0.18 * random.nextDouble());
          quality[i] = (byte) (random.nextDouble() < 0.05 ? 1 : 0);
          if (random.nextDouble() < 0.02) {
            h[i] = FILL;
          }
          time[i] = 2.4e7 + g * 6000.0 + i * 0.0028;
          long m = Morton.encode(lat[i], lon[i], spec.parentOrder());
          cells.computeIfAbsent(m, k -> new TreeSet<>()).add(file.getFileName().toString());
        }
        WritableGroup segments = h5.putGroup(BEAMS[b]).putGroup("land_ice_segments");
        segments.putDataset("latitude", lat);
        segments.putDataset("longitude", lon);
        WritableDataset hli = segments.putDataset("h_li", h);
        hli.putAttribute("_FillValue", new float[] {FILL});
        hli.putAttribute("units", "meters");
        WritableDataset sli = segments.putDataset("h_li_sigma", sigma);
        sli.putAttribute("_FillValue", new float[] {FILL});
        segments.putDataset("atl06_quality_summary", quality);
        segments.putDataset("delta_time", time);
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void writeCatalog(Path catalog, Spec spec, Map<Long, TreeSet<String>> cells)
      throws IOException {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("short_name", "ATL06");
    metadata.put("version", "sample");
    metadata.put("provider", "magg-beam synthetic sample");
    metadata.put("start_date", "2018-10-14");
    metadata.put("end_date", "2018-10-14");
    metadata.put("parent_order", spec.parentOrder());
    metadata.put("total_granules", spec.granules());
    metadata.put("total_cells", cells.size());
    metadata.put("created", "2018-10-14T00:00:00");
    metadata.put("generator", spec.toString());
    Map<String, Object> catalogMap = new LinkedHashMap<>();
    cells.forEach(
        (cell, granules) -> catalogMap.put(Morton.format(cell), new ArrayList<>(granules)));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("metadata", metadata);
    root.put("catalog", catalogMap);
    Storage.defaults().write(catalog.toString(), Json.pretty().writeValueAsBytes(root));
  }
}
