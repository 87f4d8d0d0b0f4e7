package org.magg.io.gridded;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * An open gridded file or store (NetCDF-4/HDF5, NetCDF-3 or Zarr): its variables, its decoded time
 * axis and coordinates, and decoded slices. Opened by {@link GriddedSources#open}; close it after
 * use.
 *
 * <p>Slices are decoded the CF way: values equal to {@code _FillValue} or {@code missing_value}, or
 * outside {@code valid_min}/{@code valid_max}/{@code valid_range} (compared in the stored, packed
 * type), become NaN; the others are unpacked with {@code scale_factor} and {@code add_offset}. The
 * dimensions are put in (lev, lat, lon) order whatever the file's order.
 */
public interface GriddedSource extends AutoCloseable {

  /** Where the source was opened from (a path, {@code s3://} URL or store location). */
  String location();

  /**
   * The data variables: every variable that is not a coordinate (HDF5 datasets by path without the
   * leading {@code /}, for example {@code Grid/precipitationCal}).
   */
  List<String> variables() throws IOException;

  /**
   * The decoded time axis ({@code minutes|hours|seconds|days since <date>}, calendar standard,
   * gregorian or proleptic_gregorian); empty when the source has no time variable.
   *
   * @throws IOException when the units or calendar cannot be decoded, naming the file
   */
  Instant[] times() throws IOException;

  /** Latitudes in degrees (the 1-D latitude variable, decoded). */
  double[] lat() throws IOException;

  /** Longitudes in degrees (the 1-D longitude variable, decoded). */
  double[] lon() throws IOException;

  /** The vertical levels (the 1-D level variable), empty when the source has none. */
  double[] levels() throws IOException;

  /**
   * One timestep of a variable whose dimensions are time, lat, lon and optionally lev (in any
   * order), decoded and ordered (lev, lat, lon).
   *
   * @throws IOException naming the file and variable when the variable is missing, has other
   *     dimensions, or the read fails
   */
  GridSlice read(String variable, int timeIndex) throws IOException;

  /**
   * A whole variable without a time axis, such as a region mask or cell areas: dimensions lat, lon
   * and at most one other (lev, a month, even time) that becomes the slice's levels, in the file's
   * order along it.
   */
  GridSlice readStatic(String variable) throws IOException;

  /** Bytes read from the file or store so far (compressed bytes as stored, metadata included). */
  long bytesRead();

  @Override
  void close() throws IOException;
}
