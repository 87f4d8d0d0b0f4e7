/**
 * The engine's cube: per-variable Zarr stores ({@code <root>/<var>.zarr}, v2 or v3, readable by
 * xarray) written tile by tile and merged by each variable's policy ({@link
 * org.magg.io.engine.Cube}), the SQLite catalog of variables, tiles, runs, dead letters, producer
 * fingerprints and run lineage with a versioned schema ({@link org.magg.io.engine.CubeCatalog}),
 * copy-on-write snapshots of both ({@link org.magg.io.engine.CubeSnapshots}); the NetCDF classic
 * files external models exchange variables in ({@link org.magg.io.engine.ExchangeFile}); and the
 * content-addressed cache of fetched files shared across runs and cubes ({@link
 * org.magg.io.engine.ContentCache}). No Beam.
 */
package org.magg.io.engine;
