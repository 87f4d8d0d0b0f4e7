/**
 * The engine's cube: per-variable Zarr stores ({@code <root>/<var>.zarr}, v2 or v3, readable by
 * xarray) written tile by tile and merged by each variable's policy ({@link
 * org.magg.io.engine.Cube}), and the SQLite catalog of variables, tiles, runs, dead letters,
 * producer fingerprints and run lineage with a versioned schema ({@link
 * org.magg.io.engine.CubeCatalog}). No Beam.
 */
package org.magg.io.engine;
