package org.magg.transforms.event;

import java.util.Arrays;
import java.util.List;

/**
 * The overlaps between the tracks' last objects and the objects of a new timestep that pass {@code
 * min_overlap}: the new objects are painted into a per-cell label array, then each track's last
 * object is walked once, adding the area of each cell to the object found under it; a pair passes
 * when {@code overlap / min(area(track object), area(new object)) >= min_overlap}. Work is linear
 * in the cells of the objects; the arrays are reused from one timestep to the next (not
 * thread-safe).
 */
final class Overlaps {
  private final double[] areas;
  private final double minOverlap;
  private final int[] label;
  private double[] acc = new double[64];
  private int[] stamp = new int[64];
  private int[] touched = new int[64];
  private int size;
  private int[] track = new int[64];
  private int[] object = new int[64];
  private double[] overlap = new double[64];

  Overlaps(DetectionGrid grid, double minOverlap) {
    this.areas = grid.areas();
    this.minOverlap = minOverlap;
    this.label = new int[grid.cells()];
  }

  /** Finds the passing pairs of {@code tracks} (by their last objects) and {@code objects}. */
  void compute(List<OpenTrack> tracks, List<DetectedObject> objects) {
    size = 0;
    int n = objects.size();
    if (acc.length <= n) {
      acc = new double[n + 1];
      stamp = new int[n + 1];
      touched = new int[n + 1];
    }
    Arrays.fill(stamp, 0, n + 1, 0);
    for (int o = 0; o < n; o++) {
      for (int c : objects.get(o).cellArray()) {
        label[c] = o + 1;
      }
    }
    try {
      for (int t = 0; t < tracks.size(); t++) {
        DetectedObject last = tracks.get(t).last();
        int hits = 0;
        for (int c : last.cellArray()) {
          int o = label[c];
          if (o == 0) {
            continue;
          }
          if (stamp[o] != t + 1) {
            stamp[o] = t + 1;
            acc[o] = 0;
            touched[hits++] = o;
          }
          acc[o] += areas[c];
        }
        for (int h = 0; h < hits; h++) {
          int o = touched[h];
          double ov = acc[o];
          double smaller = Math.min(last.areaKm2(), objects.get(o - 1).areaKm2());
          if (ov / smaller >= minOverlap) {
            add(t, o - 1, ov);
          }
        }
      }
    } finally {
      for (DetectedObject d : objects) {
        for (int c : d.cellArray()) {
          label[c] = 0;
        }
      }
    }
  }

  private void add(int t, int o, double ov) {
    if (size == track.length) {
      track = Arrays.copyOf(track, size * 2);
      object = Arrays.copyOf(object, size * 2);
      overlap = Arrays.copyOf(overlap, size * 2);
    }
    track[size] = t;
    object[size] = o;
    overlap[size] = ov;
    size++;
  }

  /** The number of passing pairs. */
  int size() {
    return size;
  }

  /** The index of pair {@code p}'s track. */
  int track(int p) {
    return track[p];
  }

  /** The index (0-based) of pair {@code p}'s new object. */
  int object(int p) {
    return object[p];
  }

  /** The overlap area of pair {@code p} in km². */
  double overlap(int p) {
    return overlap[p];
  }
}
