package org.magg.transforms.historical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.magg.io.historical.ReachRecord;

/**
 * The arrays of one day's REACH product, built from cleaned records ({@link DayRecords}).
 *
 * <ul>
 *   <li>Sensors ({@code S}): the distinct sensor ids, sorted as text; {@code sensorIds} are their
 *       numbers ({@code REACH-135} is 135).
 *   <li>Flavours ({@code F}): each sensor's distinct dosimeter flavours ({@code obDescription}),
 *       sorted as text and padded with {@code ""} to the widest sensor; flavour slot {@code f} of
 *       sensor {@code s} is {@code flavours[s][f]}.
 *   <li>Time ({@code T}): the distinct {@code obTime}s of all sensors, ascending.
 *   <li>{@code doseRate[t][s][f]} is the {@code obValue} of that sensor, flavour and time; {@code
 *       lat, lon, alt, obQuality, senX/Y/Z [t][s]} come from that sensor's record at that time
 *       (when a sensor has several flavours at one time, the record of its first flavour in sorted
 *       order). Arrays are flat, row-major; a missing value is NaN (the writer stores the fill
 *       value).
 * </ul>
 */
final class ReachDataset {
  final List<Instant> epochs;
  final List<String> sensorLabels;
  final int[] sensorIds;
  final List<List<String>> flavours;
  final double[] doseRate;
  final double[] lat;
  final double[] lon;
  final double[] alt;
  final double[] obQuality;
  final double[] senX;
  final double[] senY;
  final double[] senZ;
  final String descriptor;

  private ReachDataset(
      List<Instant> epochs,
      List<String> sensorLabels,
      int[] sensorIds,
      List<List<String>> flavours,
      double[][] columns,
      String descriptor) {
    this.epochs = List.copyOf(epochs);
    this.sensorLabels = List.copyOf(sensorLabels);
    this.sensorIds = sensorIds;
    this.flavours = flavours.stream().map(List::copyOf).toList();
    this.doseRate = columns[0];
    this.lat = columns[1];
    this.lon = columns[2];
    this.alt = columns[3];
    this.obQuality = columns[4];
    this.senX = columns[5];
    this.senY = columns[6];
    this.senZ = columns[7];
    this.descriptor = descriptor;
  }

  int times() {
    return epochs.size();
  }

  int sensors() {
    return sensorLabels.size();
  }

  /** Flavour slots per sensor (the widest sensor's count). */
  int flavourSlots() {
    return flavours.isEmpty() ? 0 : flavours.get(0).size();
  }

  /**
   * Builds the arrays.
   *
   * @throws IllegalArgumentException when no records are left, a sensor id is not {@code
   *     REACH-<number>}, or the records carry more than one UDL descriptor
   */
  static ReachDataset of(DayRecords day) {
    List<ReachRecord> recs = day.records();
    if (recs.isEmpty()) {
      throw new IllegalArgumentException(
          "no records left to write ("
              + day.rowsRead()
              + " read, "
              + day.unresolvedDropped()
              + " without a resolvable sensor id)");
    }
    Set<String> descriptors = new LinkedHashSet<>();
    TreeMap<String, TreeSet<String>> bySensor = new TreeMap<>();
    TreeSet<Instant> times = new TreeSet<>();
    for (ReachRecord r : recs) {
      descriptors.add(r.descriptor() == null ? "" : r.descriptor());
      bySensor.computeIfAbsent(r.sensorId(), k -> new TreeSet<>()).add(r.obDescription());
      times.add(r.obTime());
    }
    if (descriptors.size() > 1) {
      throw new IllegalArgumentException(
          "the records carry several UDL descriptors "
              + descriptors
              + "; a product is made from one (QUICKLOOK or PRELIMINARY/PROVISIONAL)");
    }
    List<String> labels = new ArrayList<>(bySensor.keySet());
    int[] ids = new int[labels.size()];
    for (int s = 0; s < ids.length; s++) {
      ids[s] = sensorNumber(labels.get(s));
    }
    int width = 0;
    for (TreeSet<String> f : bySensor.values()) {
      width = Math.max(width, f.size());
    }
    List<List<String>> flavours = new ArrayList<>();
    for (TreeSet<String> f : bySensor.values()) {
      List<String> padded = new ArrayList<>(f);
      while (padded.size() < width) {
        padded.add("");
      }
      flavours.add(padded);
    }
    List<Instant> epochs = new ArrayList<>(times);
    Map<Instant, Integer> timeIndex = new HashMap<>();
    for (int t = 0; t < epochs.size(); t++) {
      timeIndex.put(epochs.get(t), t);
    }
    Map<String, Integer> sensorIndex = new HashMap<>();
    List<Map<String, Integer>> flavourIndex = new ArrayList<>();
    for (int s = 0; s < labels.size(); s++) {
      sensorIndex.put(labels.get(s), s);
      Map<String, Integer> fi = new HashMap<>();
      List<String> fl = flavours.get(s);
      for (int f = 0; f < fl.size(); f++) {
        if (!fl.get(f).isEmpty()) {
          fi.put(fl.get(f), f);
        }
      }
      flavourIndex.add(fi);
    }
    int nt = epochs.size();
    int ns = labels.size();
    double[] dose = nanArray((long) nt * ns * width);
    double[][] columns = new double[8][];
    columns[0] = dose;
    for (int c = 1; c < 8; c++) {
      columns[c] = nanArray((long) nt * ns);
    }
    // the flavour slot whose record supplied the per-sensor values of each (t, s)
    int[] source = new int[nt * ns];
    Arrays.fill(source, Integer.MAX_VALUE);
    for (ReachRecord r : recs) {
      int t = timeIndex.get(r.obTime());
      int s = sensorIndex.get(r.sensorId());
      int f = flavourIndex.get(s).get(r.obDescription());
      dose[(t * ns + s) * width + f] = r.obValue();
      int ts = t * ns + s;
      if (f < source[ts]) {
        source[ts] = f;
        columns[1][ts] = r.lat();
        columns[2][ts] = r.lon();
        columns[3][ts] = r.alt();
        columns[4][ts] = r.obQuality();
        columns[5][ts] = r.senX();
        columns[6][ts] = r.senY();
        columns[7][ts] = r.senZ();
      }
    }
    return new ReachDataset(epochs, labels, ids, flavours, columns, descriptors.iterator().next());
  }

  private static double[] nanArray(long n) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many values for one day's product: " + n);
    }
    double[] a = new double[(int) n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  /** {@code REACH-135} is 135. */
  static int sensorNumber(String label) {
    String digits = label.startsWith("REACH-") ? label.substring("REACH-".length()).strip() : "";
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "sensor id '" + label + "' is not of the form REACH-<number> (e.g. REACH-135)");
    }
  }
}
