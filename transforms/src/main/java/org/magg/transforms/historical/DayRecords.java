package org.magg.transforms.historical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.io.historical.ReachRecord;

/**
 * A day's records after the two clean-up steps of the product, with what each step removed.
 *
 * <ol>
 *   <li>A record without {@code idSensor} takes the sensor of its {@code observatoryName} from
 *       {@link Observatories}; records still without a sensor are dropped ({@code
 *       unresolvedDropped}).
 *   <li>Records with the same (sensor, flavour {@code obDescription}, {@code obTime}) are one
 *       observation delivered more than once (UDL keeps reprocessed copies): the one with the
 *       latest {@code createdAt} is kept (a missing {@code createdAt} is the oldest; on equal
 *       {@code createdAt} the later record in the file wins), the others are dropped ({@code
 *       duplicatesDropped}).
 * </ol>
 *
 * {@code rowsRead = unresolvedDropped + duplicatesDropped + kept}.
 *
 * @param records the kept records, in input order
 * @param rowsRead records read
 * @param unresolvedDropped records dropped for want of a sensor id
 * @param duplicatesDropped older copies dropped
 */
record DayRecords(
    List<ReachRecord> records, long rowsRead, long unresolvedDropped, long duplicatesDropped) {

  DayRecords {
    records = List.copyOf(records);
  }

  long kept() {
    return records.size();
  }

  /** Resolves sensor ids and removes duplicates. */
  static DayRecords clean(List<ReachRecord> input) {
    long unresolved = 0;
    List<ReachRecord> resolved = new ArrayList<>(input.size());
    for (ReachRecord r : input) {
      if (r.sensorId() != null) {
        resolved.add(r);
        continue;
      }
      var id = Observatories.sensorId(r.observatoryName());
      if (id.isPresent()) {
        resolved.add(r.withSensorId(id.get()));
      } else {
        unresolved++;
      }
    }
    record Key(String sensor, String flavour, Instant time) {}
    Map<Key, Integer> slot = new LinkedHashMap<>();
    List<ReachRecord> kept = new ArrayList<>();
    for (ReachRecord r : resolved) {
      Key k = new Key(r.sensorId(), r.obDescription(), r.obTime());
      Integer i = slot.get(k);
      if (i == null) {
        slot.put(k, kept.size());
        kept.add(r);
      } else if (!isOlder(r, kept.get(i))) {
        kept.set(i, r);
      }
    }
    return new DayRecords(kept, input.size(), unresolved, resolved.size() - kept.size());
  }

  /** True when {@code a} was created before {@code b} (null is the oldest). */
  private static boolean isOlder(ReachRecord a, ReachRecord b) {
    if (a.createdAt() == null) {
      return b.createdAt() != null;
    }
    return b.createdAt() != null && a.createdAt().isBefore(b.createdAt());
  }
}
