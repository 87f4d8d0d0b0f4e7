/**
 * NetCDF classic (CDF-1, CDF-2, CDF-5) in pure Java: {@link org.magg.io.netcdf.NetcdfClassicFile}
 * reads headers and variables, {@link org.magg.io.netcdf.NetcdfClassicWriter} writes the event
 * tables' {@code events.nc}. No Beam.
 */
package org.magg.io.netcdf;
