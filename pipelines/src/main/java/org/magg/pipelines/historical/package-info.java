/**
 * Historical per-day processing: {@link org.magg.pipelines.historical.HistoricalProcess} plans a
 * range of UTC days from the telemetry CSV and the input files ({@code DayInputs}, {@code
 * PlannedDay}), writes the PENDING rows, runs the per-day transform of {@code
 * org.magg.transforms.historical} on Beam, and records each day's outcome ({@code DayLog}, the
 * run's {@code ResultFiles}) in a {@link org.magg.pipelines.historical.ProcessRunSummary}. Options:
 * {@link org.magg.pipelines.historical.ProcessRunConfig}.
 */
package org.magg.pipelines.historical;
