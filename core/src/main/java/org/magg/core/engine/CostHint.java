package org.magg.core.engine;

/** What mostly limits a producer: input/output, CPU or a GPU (a scheduling hint only). */
public enum CostHint {
  IO,
  CPU,
  GPU
}
