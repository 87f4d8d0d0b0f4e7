package org.magg.transforms.historical;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The REACH observatory lookup table: the Iridium NEXT space vehicle that hosts each of the 32
 * REACH dosimeter pods, with the pod's REACH sensor id and pod model. UDL records sometimes lack
 * {@code idSensor}; it is then resolved from {@code observatoryName} here. The table is the
 * mission's published pod assignment (as used by swxsoc_reach); a vehicle not listed leaves the
 * record unresolved, and such records are dropped and counted.
 *
 * <p>This is the one place the table lives.
 */
final class Observatories {
  /** One pod: its sensor id ({@code REACH-nnn}) and pod model number. */
  record Pod(String sensorId, int podModel) {}

  private static final Map<String, Pod> BY_OBSERVATORY = new LinkedHashMap<>();

  static {
    add("Iridium-102", "REACH-101", 1);
    add("Iridium-113", "REACH-102", 2);
    add("Iridium-106", "REACH-105", 3);
    add("Iridium-133", "REACH-108", 1);
    add("Iridium-121", "REACH-113", 2);
    add("Iridium-110", "REACH-114", 1);
    add("Iridium-107", "REACH-115", 1);
    add("Iridium-108", "REACH-116", 2);
    add("Iridium-117", "REACH-133", 1);
    add("Iridium-125", "REACH-134", 3);
    add("Iridium-126", "REACH-135", 1);
    add("Iridium-132", "REACH-136", 1);
    add("Iridium-119", "REACH-137", 1);
    add("Iridium-134", "REACH-138", 3);
    add("Iridium-137", "REACH-139", 1);
    add("Iridium-122", "REACH-140", 2);
    add("Iridium-131", "REACH-148", 2);
    add("Iridium-164", "REACH-149", 1);
    add("Iridium-147", "REACH-162", 1);
    add("Iridium-149", "REACH-163", 2);
    add("Iridium-152", "REACH-164", 1);
    add("Iridium-145", "REACH-165", 3);
    add("Iridium-180", "REACH-166", 2);
    add("Iridium-153", "REACH-169", 0);
    add("Iridium-156", "REACH-170", 0);
    add("Iridium-158", "REACH-171", 0);
    add("Iridium-159", "REACH-172", 0);
    add("Iridium-165", "REACH-173", 1);
    add("Iridium-168", "REACH-175", 3);
    add("Iridium-150", "REACH-176", 1);
    add("Iridium-171", "REACH-180", 0);
    add("Iridium-160", "REACH-181", 0);
  }

  private Observatories() {}

  private static void add(String observatory, String sensorId, int podModel) {
    BY_OBSERVATORY.put(observatory, new Pod(sensorId, podModel));
  }

  /** The pod hosted by this observatory (exact name, e.g. {@code Iridium-126}), if listed. */
  static Optional<Pod> pod(String observatoryName) {
    return Optional.ofNullable(
        observatoryName == null ? null : BY_OBSERVATORY.get(observatoryName));
  }

  /** The sensor id of the pod on this observatory, if listed. */
  static Optional<String> sensorId(String observatoryName) {
    return pod(observatoryName).map(Pod::sensorId);
  }

  /** Number of entries (32). */
  static int size() {
    return BY_OBSERVATORY.size();
  }

  /** The whole table, observatory name to pod, in the mission's order. */
  static Map<String, Pod> table() {
    return java.util.Collections.unmodifiableMap(BY_OBSERVATORY);
  }
}
