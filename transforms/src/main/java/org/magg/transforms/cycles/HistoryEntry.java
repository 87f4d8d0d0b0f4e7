package org.magg.transforms.cycles;

/** One cycle's (forecast, analysis) pair in a cycle's history. */
public record HistoryEntry<F>(long cycle, double t, F forecast, F analysis, boolean observed) {}
