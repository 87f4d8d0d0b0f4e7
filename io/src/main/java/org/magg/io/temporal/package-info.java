/**
 * The temporal pipeline's connectors: event catalogs ({@link org.magg.io.temporal.EventCatalog}
 * loads JSON catalogs with cell lists or mask arrays, and CSV catalogs with NetCDF-3, NetCDF-4 or
 * Zarr masks, local or on S3; bad events are reported, the others load), {@link
 * org.magg.io.temporal.Event} and its sparse per-timestep {@link org.magg.io.temporal.EventMask},
 * the lat/lon {@link org.magg.io.temporal.FieldGrid} masks refer to, static data ({@link
 * org.magg.io.temporal.StaticData}: region masks, cell areas, monthly climatology, loaded once per
 * worker JVM), and the event table sink ({@link org.magg.io.temporal.EventTableIO}: one {@link
 * org.magg.io.temporal.EventRow} per event to CSV plus NetCDF or Zarr). Gridded fields are read by
 * {@code org.magg.io.gridded}.
 */
package org.magg.io.temporal;
