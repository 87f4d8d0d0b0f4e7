/**
 * Event catalogs and static data for event-based temporal aggregation (storms, atmospheric rivers)
 * over gridded fields.
 *
 * <ul>
 *   <li>{@link org.magg.io.temporal.FieldGrid}: the lat/lon grid masks refer to; cell {@code iLat *
 *       nLon + iLon}; spherical cell areas.
 *   <li>{@link org.magg.io.temporal.Event} and {@link org.magg.io.temporal.EventMask}: an event's
 *       id, inclusive start and end, and sparse per-timestep masks (sorted cell indices, optional
 *       weights), with fixed coders. {@link org.magg.io.temporal.EventMask#cellsAt} gives the mask
 *       in force at a field time: that of the latest mask time at or before it, until the event's
 *       end.
 *   <li>{@link org.magg.io.temporal.EventCatalog}: loads JSON (cell lists or mask arrays) and CSV
 *       (mask arrays in NetCDF-3, NetCDF-4 or Zarr) catalogs, local or on S3; bad events are listed
 *       as failures with the reason, the others load.
 *   <li>{@link org.magg.io.temporal.StaticData}: region masks, cell areas and monthly climatology,
 *       loaded once per worker JVM.
 *   <li>{@link org.magg.pipelines.samples.SyntheticEvents}: reproducible moving-ellipse events for
 *       tests and benchmarks.
 * </ul>
 *
 * <p>Gridded files are read with {@link org.magg.io.gridded.GriddedSources}.
 */
package org.magg.io.temporal;
