package org.magg.pipelines.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magg.io.gridded.GriddedSource;
import org.magg.io.gridded.GriddedSources;
import org.magg.io.gridded.SourceOptions;
import org.magg.testing.SharedData;
import org.magg.testing.ZarrReaders;

/**
 * The real MERRA-2 and GPM IMERG files in the shared data run end to end through {@code magg run}.
 * Every object is kept (min_steps 1), so at each timestep the track rows are exactly the connected
 * components of the thresholded field, which a plain breadth-first labelling written here (8
 * neighbours, longitude wrapping on the global grid) finds independently from the same values.
 */
class EventRealDataTest {
  @TempDir Path dir;

  /** MERRA-2 surface pressure below 700 hPa: the high plateaus (Antarctica, Tibet, the Andes). */
  @Test
  void merra2HighPlateaus() throws Exception {
    Path file = SharedData.require("data/merra2/M2T1NXSLV_temporal.nc4");
    Path config = dir.resolve("merra2.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "pipeline: {type: event}",
            "data_source:",
            "  collections:",
            "    SLV: {half_hour: true, files: 'M2T1NXSLV_temporal.nc4', time_step: PT1H,"
                + " variables: [PS]}",
            "detection: {collection: SLV, expression: 'PS < 70000', connectivity: 8,"
                + " min_cells: 10}",
            "tracking: {min_overlap: 0.5, min_steps: 1}",
            "output: {masks: zarr}",
            ""));
    Path out = dir.resolve("out");
    EventPipelineTest.Run r =
        EventPipelineTest.cli(
            "run",
            "--config",
            config.toString(),
            "--fields",
            file.getParent().toString(),
            "--output",
            out.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("timesteps: 2 read = 2 detected + 0 failed"), r.out());

    List<Map<Integer, Integer>> expected = new ArrayList<>();
    try (GriddedSource s = GriddedSources.open(file.toString(), null)) {
      for (int t = 0; t < 2; t++) {
        double[] ps = s.read("PS", t).values();
        boolean[] mask = new boolean[ps.length];
        for (int c = 0; c < ps.length; c++) {
          mask[c] = ps[c] < 70000;
        }
        expected.add(sizes(components(mask, 361, 576, true), 10));
      }
    }
    // hand-checked: the plateau objects are large and persist from one hour to the next
    assertTrue(expected.get(0).size() >= 3, "components at t0: " + expected.get(0));
    assertEquals(expected, trackSizes(out.resolve("tracks.csv"), 2));
    // every object continues into the next hour (the surface pressure hardly moves): as many
    // events as objects at t0, each seen twice and alive at the end of the data
    int objects = expected.get(0).values().stream().mapToInt(Integer::intValue).sum();
    List<String> life = Files.readAllLines(out.resolve("lifecycle.csv"));
    assertEquals(objects + 1, life.size(), String.join("\n", life));
    for (String row : life.subList(1, life.size())) {
      assertTrue(row.contains(",2021-01-10T01:00:00Z,2021-01-10T02:00:00Z,2,1.0,"), row);
      assertTrue(row.contains(",end_of_data,,"), row);
    }
    // the mask store read by zarr-python and xarray: as many cells under events as the objects
    // have, event numbers 1..N
    JsonNode z =
        ZarrReaders.zarrPython(
            out.resolve("masks.zarr"), List.of(""), List.of("event_number"), List.of(""));
    JsonNode values = z.get("arrays").get("event_number").get("values");
    long covered = 0;
    int maxNumber = 0;
    for (JsonNode v : values) {
      covered += v.asInt() > 0 ? 1 : 0;
      maxNumber = Math.max(maxNumber, v.asInt());
    }
    long cells = 0;
    for (Map<Integer, Integer> step : expected) {
      for (Map.Entry<Integer, Integer> e : step.entrySet()) {
        cells += (long) e.getKey() * e.getValue();
      }
    }
    assertEquals(cells, covered);
    assertEquals(objects, maxNumber);
    assertEquals(2 * 361 * 576, values.size());
    JsonNode dims = z.get("xarray").get("").get("variables").get("event_number").get("dims");
    assertEquals("[\"time\",\"lat\",\"lon\"]", dims.toString());
  }

  /** GPM IMERG precipitation above 1 mm/h on its regional 0.1° grid. */
  @Test
  void gpmImergRainCells() throws Exception {
    Path file = SharedData.require("data/gpm/GPM_3IMERGHH_bounds.nc4");
    Path config = dir.resolve("gpm.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "pipeline: {type: event}",
            "data_source:",
            "  collections:",
            "    IMERG: {files: 'GPM_3IMERGHH_bounds.nc4', time_step: PT30M, calendar: standard,"
                + " variables: [Grid/precipitationCal]}",
            "detection: {collection: IMERG, expression: 'precipitationCal > 1', connectivity: 4,"
                + " min_cells: 4}",
            "tracking: {min_steps: 1}",
            ""));
    Path out = dir.resolve("out");
    EventPipelineTest.Run r =
        EventPipelineTest.cli(
            "run",
            "--config",
            config.toString(),
            "--fields",
            file.getParent().toString(),
            "--output",
            out.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("timesteps: 1 read = 1 detected + 0 failed"), r.out());
    Map<Integer, Integer> expected;
    int nLat;
    int nLon;
    try (GriddedSource s =
        GriddedSources.open(
            file.toString(), null, SourceOptions.defaults().withCalendar("standard"))) {
      nLat = s.lat().length;
      nLon = s.lon().length;
      double[] p = s.read("Grid/precipitationCal", 0).values();
      boolean[] mask = new boolean[p.length];
      for (int c = 0; c < p.length; c++) {
        mask[c] = p[c] > 1;
      }
      expected = sizes(components4(mask, nLat, nLon), 4);
    }
    assertTrue(!expected.isEmpty(), "no rain cell above 1 mm/h in the GPM subset");
    assertEquals(List.of(expected), trackSizes(out.resolve("tracks.csv"), 1));
  }

  /** Sizes of the components at each timestep of tracks.csv: size -> how many. */
  private static List<Map<Integer, Integer>> trackSizes(Path tracks, int steps) throws Exception {
    List<String> lines = Files.readAllLines(tracks);
    TreeMap<String, Map<Integer, Integer>> byTime = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      byTime
          .computeIfAbsent(f[1], k -> new TreeMap<>())
          .merge(Integer.parseInt(f[2]), 1, Integer::sum);
    }
    assertEquals(steps, byTime.size(), byTime.toString());
    return new ArrayList<>(byTime.values());
  }

  /** Component sizes of at least {@code min} cells: size -> how many components. */
  private static Map<Integer, Integer> sizes(List<Integer> components, int min) {
    Map<Integer, Integer> out = new TreeMap<>();
    for (int n : components) {
      if (n >= min) {
        out.merge(n, 1, Integer::sum);
      }
    }
    return out;
  }

  /** Breadth-first 8-neighbour components; the last column neighbours the first when wrapping. */
  static List<Integer> components(boolean[] mask, int nLat, int nLon, boolean wrap) {
    int[][] steps = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}};
    return label(mask, nLat, nLon, wrap, steps);
  }

  private static List<Integer> components4(boolean[] mask, int nLat, int nLon) {
    int[][] steps = {{-1, 0}, {0, -1}, {0, 1}, {1, 0}};
    return label(mask, nLat, nLon, false, steps);
  }

  private static List<Integer> label(
      boolean[] mask, int nLat, int nLon, boolean wrap, int[][] steps) {
    boolean[] seen = new boolean[mask.length];
    List<Integer> out = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int start = 0; start < mask.length; start++) {
      if (!mask[start] || seen[start]) {
        continue;
      }
      int n = 0;
      seen[start] = true;
      queue.add(start);
      while (!queue.isEmpty()) {
        int c = queue.poll();
        n++;
        int i = c / nLon;
        int j = c % nLon;
        for (int[] s : steps) {
          int ii = i + s[0];
          int jj = j + s[1];
          if (ii < 0 || ii >= nLat) {
            continue;
          }
          if (jj < 0 || jj >= nLon) {
            if (!wrap) {
              continue;
            }
            jj = Math.floorMod(jj, nLon);
          }
          int d = ii * nLon + jj;
          if (mask[d] && !seen[d]) {
            seen[d] = true;
            queue.add(d);
          }
        }
      }
      out.add(n);
    }
    return out;
  }
}
