/**
 * A small Zarr v2/v3 implementation: stores, array and group metadata, chunk codecs and
 * consolidated metadata, following the published Zarr specifications.
 *
 * <p>Writing:
 *
 * <pre>{@code
 * ZarrStore store = ZarrStores.open("out/result.zarr");
 * ZarrGroup root = ZarrGroup.create(store, "", ZarrFormat.V3, Map.of("title", "daily means"));
 * ZarrArray t = root.createArray("t2m", ArrayMetadata.builder()
 *     .withFormat(ZarrFormat.V3)
 *     .withShape(365, 721, 1440).withChunkShape(1, 721, 1440)
 *     .withDataType(DataType.FLOAT32).withFillValue(Double.NaN)
 *     .withCompressor(Compressor.zstd(3))
 *     .withDimensionNames("time", "lat", "lon")
 *     .build());
 * t.writeChunk(new long[] {day, 0, 0}, values);   // double[], float[], long[], int[], ...
 * ZarrStores.consolidate(store, ZarrFormat.V3);   // once, at the end
 * }</pre>
 *
 * <p>Reading: {@link org.magg.io.zarr.ZarrArray#open} detects the format; {@code read()}, {@code
 * read(offset, shape)} and {@code readChunk(coords)} return an {@link org.magg.io.zarr.NdBuffer}.
 * Chunks never written read as the fill value.
 *
 * <p>Codecs: {@code bytes} (either endianness), {@code transpose}, {@code gzip}, {@code zstd},
 * {@code crc32c}, {@code blosc}, {@code sharding_indexed} and the numcodecs {@code delta}, {@code
 * shuffle}, {@code bitround} (read only) and {@code zlib}; v2 arrays in F order and with big-endian
 * dtypes are read too. Writing uses {@code bytes} plus optional gzip or zstd, and optionally v3
 * sharding. Data types are bool, signed and unsigned 8 to 64-bit integers, float32 and float64.
 * Other codecs and data types fail with an {@link UnsupportedOperationException} that names the
 * array and the codec or type.
 */
package org.magg.io.zarr;
