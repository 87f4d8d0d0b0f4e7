/**
 * Spatial cell indexing: HEALPix NESTED hashing of (lon, lat) points ({@link
 * org.magg.core.grid.Healpix}), the decimal Morton indices of the {@code mortie} library ({@link
 * org.magg.core.grid.Morton}), cell vertices and boundaries ({@link
 * org.magg.core.grid.CellBoundary}) and the cells that meet a region of the sphere ({@link
 * org.magg.core.grid.CellCoverage} of a {@link org.magg.core.grid.SphericalPolygon} or {@link
 * org.magg.core.grid.LonLatBox}).
 *
 * <p>Hot paths hash points once at a fine order (for example 18) with {@link
 * org.magg.core.grid.Healpix#nestedHash(int, double[], double[], int, long[])} and derive coarser
 * cells and sub-cell positions with integer shifts ({@link org.magg.core.grid.Healpix#parent(long,
 * int, int)}, {@link org.magg.core.grid.Healpix#childIndex(long, int, int, int)}); Morton indices
 * are produced only for output ({@link org.magg.core.grid.Morton#fromNested(long, int)}).
 */
package org.magg.core.grid;
