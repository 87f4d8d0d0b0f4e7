/**
 * The historical pipeline's formats: the REACH input reader ({@link
 * org.magg.io.historical.ReachInputReader}: UDL CSV or JSON exports into {@link
 * org.magg.io.historical.ReachRecord}s), the append-only telemetry CSV ({@link
 * org.magg.io.historical.TelemetryLog}, {@link org.magg.io.historical.TelemetryRow}), and the CDF
 * product model ({@link org.magg.io.historical.CdfModel}) with its encoding by the CDF writer
 * ({@link org.magg.io.historical.ReachCdfFile}).
 */
package org.magg.io.historical;
