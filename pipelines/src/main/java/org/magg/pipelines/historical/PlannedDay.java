package org.magg.pipelines.historical;

import java.nio.file.Path;
import java.time.LocalDate;
import org.magg.io.historical.TelemetryRow;
import org.magg.transforms.historical.DayAction;

/**
 * A day of a run's plan.
 *
 * @param date the UTC day
 * @param action what the run does with it
 * @param input its input file, or null when there is none
 * @param prior its latest telemetry row before the run, or null
 */
record PlannedDay(LocalDate date, DayAction action, Path input, TelemetryRow prior) {}
