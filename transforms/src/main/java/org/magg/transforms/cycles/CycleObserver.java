package org.magg.transforms.cycles;

/**
 * Sees each cycle's forecast and analysis as the cycle runs (the analysis is the forecast itself
 * when there was no observation). The arrays are the cycle's own: copy what you keep.
 */
@FunctionalInterface
public interface CycleObserver<F> {
  void observe(long cycle, double t, F forecast, F analysis, boolean observed);
}
