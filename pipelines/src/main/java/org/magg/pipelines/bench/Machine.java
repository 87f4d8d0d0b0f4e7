package org.magg.pipelines.bench;

import java.lang.management.ManagementFactory;

/** What the benchmarks read of the machine: its load and this process's CPU time. */
final class Machine {
  private Machine() {}

  /** The 1-minute load average (negative where the platform does not give one). */
  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** CPU time of this process, all threads, in nanoseconds (0 where the JVM does not give it). */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
