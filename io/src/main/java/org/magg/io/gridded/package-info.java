/**
 * Gridded fields read by time: {@link org.magg.io.gridded.GriddedFieldIO} reads collections of
 * NetCDF-4/HDF5, NetCDF-3 and Zarr files (local or S3) into one {@link
 * org.magg.io.gridded.FieldSlice} per timestep; {@link org.magg.io.gridded.GriddedSources} opens a
 * single file or store as a {@link org.magg.io.gridded.GriddedSource} (time axis, coordinates,
 * decoded {@link org.magg.io.gridded.GridSlice}s).
 *
 * <p>Decoding follows CF: {@code _FillValue}, {@code missing_value} and {@code valid_*} become NaN,
 * {@code scale_factor}/{@code add_offset} are applied, times are {@code <unit> since <date>} in the
 * standard/gregorian/proleptic Gregorian calendar, and fields come out as (lev, lat, lon) whatever
 * the file's dimension order. The format readers (jhdf for HDF5, {@link
 * org.magg.io.netcdf.NetcdfClassicFile}, {@link org.magg.io.zarr}) stay package-private behind
 * {@code GriddedSource}.
 */
package org.magg.io.gridded;
