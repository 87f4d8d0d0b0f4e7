/**
 * Spatial cell indexing: HEALPix NESTED hashing of (lon, lat) points ({@link
 * org.magg.grid.Healpix}) and the decimal Morton indices of the {@code mortie} library ({@link
 * org.magg.grid.Morton}).
 *
 * <p>Hot paths hash points once at a fine order (for example 18) with {@link
 * org.magg.grid.Healpix#nestedHash(int, double[], double[], int, long[])} and derive coarser cells
 * and sub-cell positions with integer shifts ({@link org.magg.grid.Healpix#parent(long, int, int)},
 * {@link org.magg.grid.Healpix#childIndex(long, int, int, int)}); Morton indices are produced only
 * for output ({@link org.magg.grid.Morton#fromNested(long, int)}).
 */
package org.magg.grid;
