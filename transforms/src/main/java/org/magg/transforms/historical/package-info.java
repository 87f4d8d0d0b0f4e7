/**
 * The historical pipeline's transform: {@link org.magg.transforms.historical.ProcessDays} turns one
 * {@link org.magg.transforms.historical.DayTask} per UTC day into a {@link
 * org.magg.transforms.historical.DayResult} ({@link org.magg.transforms.historical.DayProcessor}:
 * read, resolve sensors ({@link org.magg.transforms.historical.Observatories}), de-duplicate
 * ({@link org.magg.transforms.historical.DayRecords}), build the day's arrays ({@link
 * org.magg.transforms.historical.ReachDataset}) and file ({@link
 * org.magg.transforms.historical.ReachProduct}, attributes from {@link
 * org.magg.transforms.historical.ReachCdfSchema}), write and optionally upload it). {@link
 * org.magg.transforms.historical.DayAction} is the telemetry state table.
 */
package org.magg.transforms.historical;
