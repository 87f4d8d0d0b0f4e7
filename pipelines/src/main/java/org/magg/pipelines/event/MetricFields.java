package org.magg.pipelines.event;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.magg.core.Failure;
import org.magg.io.gridded.FieldSlice;
import org.magg.io.gridded.GridSlice;
import org.magg.io.gridded.GriddedCollection;
import org.magg.io.gridded.GriddedSource;
import org.magg.io.gridded.GriddedSources;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/**
 * Reads the timesteps of a metrics collection that fall in a time range, for one event of a
 * streaming run (whose files have arrived: the watermark passed them). The files are those the
 * collection's patterns match; each file is cut into the splits a batch read cuts it into ({@code
 * timestepsPerSplit} consecutive timesteps from its first), and a split holding a wanted timestep
 * is opened afresh and read from its first timestep up to the last wanted one, in order, as the
 * batch reader reads it: so each slice carries the bytes the batch read counts for it, even when a
 * compressed chunk holds several timesteps. Timesteps before a wanted one in its split are read
 * (not emitted) for that reason; the bytes of every timestep read are counted.
 */
final class MetricFields implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The (unshifted) time axis of each file opened, per collection and path (not rewritten). */
  private static final Map<String, Instant[]> TIMES = new ConcurrentHashMap<>();

  private final GriddedCollection collection;
  private final int perSplit;
  private final S3Settings s3;

  MetricFields(GriddedCollection collection, int perSplit, S3Settings s3) {
    this.collection = collection;
    this.perSplit = perSplit;
    this.s3 = s3;
  }

  String collection() {
    return collection.name();
  }

  /** What a read cost: timesteps read (wanted or not) and their bytes. */
  static final class Cost {
    long timesteps;
    long bytes;
  }

  /**
   * Emits every timestep of the collection whose shifted time is in {@code [fromMillis, toMillis]};
   * a file that cannot be opened, or a timestep that cannot be read, is a failure (stage {@code
   * field}) naming it.
   */
  void read(
      long fromMillis,
      long toMillis,
      Consumer<FieldSlice> slices,
      Consumer<Failure> failures,
      Cost cost) {
    for (String path : files(failures)) {
      Instant[] times;
      try {
        times = times(path);
      } catch (IOException | RuntimeException e) {
        failures.accept(new Failure("field", path, reason(e, path)));
        continue;
      }
      // wanted timestep indexes by split
      TreeMap<Integer, List<Integer>> bySplit = new TreeMap<>();
      for (int i = 0; i < times.length; i++) {
        long t = times[i].plus(collection.timeShift()).toEpochMilli();
        if (t >= fromMillis && t <= toMillis) {
          bySplit.computeIfAbsent(i / perSplit, k -> new ArrayList<>()).add(i);
        }
      }
      for (Map.Entry<Integer, List<Integer>> split : bySplit.entrySet()) {
        readSplit(path, split.getKey() * perSplit, split.getValue(), slices, failures, cost);
      }
    }
  }

  private void readSplit(
      String path,
      int first,
      List<Integer> wanted,
      Consumer<FieldSlice> slices,
      Consumer<Failure> failures,
      Cost cost) {
    int last = wanted.get(wanted.size() - 1);
    try (GriddedSource src = GriddedSources.open(path, s3, collection.sourceOptions())) {
      Instant[] times = src.times();
      // the axes are read first, as the batch reader does, so each slice counts its fields only
      src.lat();
      src.lon();
      src.levels();
      for (int t = first; t <= last; t++) {
        long before = src.bytesRead();
        Map<String, GridSlice> fields = new LinkedHashMap<>();
        try {
          for (String v : collection.variables()) {
            fields.put(v, src.read(v, t));
          }
        } catch (IOException | RuntimeException e) {
          if (wanted.contains(t)) {
            String subject = path + "#time=" + t;
            failures.accept(new Failure("field", subject, reason(e, subject)));
          }
          continue;
        }
        long read = src.bytesRead() - before;
        cost.timesteps++;
        cost.bytes += read;
        if (wanted.contains(t)) {
          Instant time = times[t].plus(collection.timeShift());
          slices.accept(new FieldSlice(collection.name(), time, fields, path + "#time=" + t, read));
        }
      }
    } catch (IOException | RuntimeException e) {
      failures.accept(new Failure("field", path, reason(e, path)));
    }
  }

  /** The files the collection's patterns match now, in name order. */
  private List<String> files(Consumer<Failure> failures) {
    List<String> out = new ArrayList<>();
    Storage storage = Storage.of(s3);
    for (String pattern : collection.patterns()) {
      try {
        out.addAll(storage.list(pattern));
      } catch (IOException e) {
        failures.accept(new Failure("field", pattern, reason(e, pattern)));
      }
    }
    return out;
  }

  private Instant[] times(String path) throws IOException {
    String key = collection.name() + "|" + path;
    Instant[] known = TIMES.get(key);
    if (known != null) {
      return known;
    }
    try (GriddedSource src = GriddedSources.open(path, s3, collection.sourceOptions())) {
      Instant[] times = src.times();
      if (times.length > 0) {
        TIMES.put(key, times);
      }
      return times;
    }
  }

  /** The reason of a failure, naming the file when the error does not. */
  private static String reason(Exception e, String subject) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    String path = subject.contains("#") ? subject.substring(0, subject.indexOf('#')) : subject;
    return m.contains(path) ? m : subject + ": " + m;
  }
}
