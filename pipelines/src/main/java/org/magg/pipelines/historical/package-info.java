/**
 * Historical per-day processing: each UTC day's REACH dosimeter export (UDL SpaceEnvObservation
 * records in CSV or JSON) becomes one ISTP-compliant NASA CDF, optionally uploaded to S3, with an
 * append-only telemetry CSV that makes runs resumable.
 *
 * <p>Public: {@link org.magg.pipelines.historical.HistoricalProcess} (run a range of days, or build
 * the per-day graph), {@link org.magg.pipelines.historical.ProcessRunConfig}, {@link
 * org.magg.pipelines.historical.ProcessRunSummary}, the per-day transform {@link
 * org.magg.transforms.historical.ProcessDays} and its element types {@link
 * org.magg.transforms.historical.DayTask} and {@link org.magg.transforms.historical.DayResult}.
 *
 * <p>Internals (package-private): input naming and discovery ({@code DayInputs}); the reader
 * ({@code ReachInputReader} over {@code org.magg.core.csv}, {@code LiteralParser}); the observatory
 * table ({@code Observatories}); resolution and de-duplication ({@code DayRecords}); the day's
 * arrays ({@code ReachDataset}); the attribute schema ({@code ReachCdfSchema}, from {@code
 * configs/reach_cdf.yaml}); the file's content and names ({@code ReachProduct}, {@code CdfModel})
 * and its encoding with the CDF writer of {@code org.magg.io.cdf} ({@code ReachCdfFile}); the
 * telemetry file ({@code TelemetryLog}, {@code TelemetryRow}, {@code TelemetryStatus}); the state
 * table ({@code DayAction}); one day's work ({@code DayProcessor}) and the results' way back to the
 * launcher ({@code DayReport}).
 */
package org.magg.pipelines.historical;
