package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * A Zarr array in a {@link ZarrStore}: create or open it, then write and read whole chunks, or read
 * the whole array or a region of it. Chunks that were never written read as the fill value.
 *
 * <p>Chunks are written whole: pass either every element of the chunk (in C order, {@code
 * product(chunkShape)} values) or, for a chunk at the upper edge, just the part inside the array;
 * the rest is padded with the fill value. Values are converted to the array's data type (see {@link
 * #writeChunk(long[], long[])} for the rules).
 */
public final class ZarrArray {

  private final ZarrStore store;
  private final String path;
  private final ArrayMetadata metadata;

  private ZarrArray(ZarrStore store, String path, ArrayMetadata metadata) {
    this.store = store;
    this.path = path;
    this.metadata = metadata;
  }

  /**
   * Writes the metadata of a new array at {@code path} ({@code ""} is the root) and returns it.
   * Missing parent groups are created. Metadata already at that path is replaced; chunks already
   * there are kept.
   */
  public static ZarrArray create(ZarrStore store, String path, ArrayMetadata metadata)
      throws IOException {
    String p = StoreKeys.normalizePath(path);
    Nodes.ensureParents(store, p, metadata.format());
    if (metadata.format() == ZarrFormat.V3) {
      store.put(StoreKeys.join(p, V3Metadata.KEY), Json.write(V3Metadata.arrayJson(metadata)));
    } else {
      store.put(StoreKeys.join(p, V2Metadata.ARRAY_KEY), Json.write(V2Metadata.zarray(metadata)));
      Nodes.writeV2Attributes(store, p, V2Metadata.zattrs(metadata));
    }
    return new ZarrArray(store, p, metadata);
  }

  /** Opens the array at {@code path}, whichever format it has. */
  public static ZarrArray open(ZarrStore store, String path) throws IOException {
    String p = StoreKeys.normalizePath(path);
    Nodes.Node node = Nodes.require(store, p, "array", V2Metadata.ARRAY_KEY);
    if (!node.isArray()) {
      throw new ZarrException(
          "'"
              + Nodes.display(p)
              + "' in store '"
              + store.location()
              + "' is a group, not an array");
    }
    return open(store, p, node.format());
  }

  /** Opens the array at {@code path} in the given format. */
  public static ZarrArray open(ZarrStore store, String path, ZarrFormat format) throws IOException {
    String p = StoreKeys.normalizePath(path);
    String key = format == ZarrFormat.V3 ? V3Metadata.KEY : V2Metadata.ARRAY_KEY;
    String where = Nodes.describe(store, p, key);
    byte[] bytes = store.get(StoreKeys.join(p, key));
    if (bytes == null) {
      throw new ZarrException("No Zarr " + format + " array: missing " + where);
    }
    ObjectNode json = Json.readObject(bytes, where);
    try {
      ArrayMetadata metadata;
      if (format == ZarrFormat.V3) {
        metadata = V3Metadata.parseArray(json);
      } else {
        byte[] attrs = store.get(StoreKeys.join(p, V2Metadata.ATTRS_KEY));
        ObjectNode attrsJson =
            attrs == null
                ? null
                : Json.readObject(attrs, Nodes.describe(store, p, V2Metadata.ATTRS_KEY));
        metadata = V2Metadata.parseArray(json, attrsJson);
      }
      return new ZarrArray(store, p, metadata);
    } catch (UnsupportedOperationException e) {
      throw new UnsupportedOperationException(
          "Cannot open array '" + Nodes.display(p) + "' (" + where + "): " + e.getMessage(), e);
    } catch (ZarrException e) {
      throw new ZarrException(
          "Invalid metadata for array '"
              + Nodes.display(p)
              + "' ("
              + where
              + "): "
              + e.getMessage(),
          e);
    }
  }

  public ArrayMetadata metadata() {
    return metadata;
  }

  /** The node path of the array in its store ({@code ""} for the root). */
  public String path() {
    return path;
  }

  public ZarrStore store() {
    return store;
  }

  /** The full store key of a chunk. */
  public String chunkKey(long... chunkCoords) {
    checkChunkCoords(chunkCoords);
    return StoreKeys.join(path, metadata.chunkKey(chunkCoords));
  }

  // ---------------------------------------------------------------- writing

  /** Writes a chunk from doubles. */
  public void writeChunk(long[] chunkCoords, double[] values) throws IOException {
    writeChunk(chunkCoords, ChunkValues.of(values));
  }

  /** Writes a chunk from floats. */
  public void writeChunk(long[] chunkCoords, float[] values) throws IOException {
    writeChunk(chunkCoords, ChunkValues.of(values));
  }

  /**
   * Writes a chunk from longs. Conversion rules for all {@code writeChunk} variants: float targets
   * accept any input; integer and bool targets accept floating-point values only when integral and
   * in range, and integer values when in range; an input as wide as an unsigned target (long for
   * uint64, int for uint32, short for uint16, byte for uint8) is taken as raw bits, so uint64
   * values above {@link Long#MAX_VALUE} are passed as negative longs.
   */
  public void writeChunk(long[] chunkCoords, long[] values) throws IOException {
    writeChunk(chunkCoords, ChunkValues.of(values));
  }

  /** Writes a chunk from ints. */
  public void writeChunk(long[] chunkCoords, int[] values) throws IOException {
    writeChunk(chunkCoords, ChunkValues.of(values));
  }

  /** Writes a chunk from shorts. */
  public void writeChunk(long[] chunkCoords, short[] values) throws IOException {
    writeChunk(chunkCoords, ChunkValues.of(values));
  }

  /** Writes a chunk from bytes. */
  public void writeChunk(long[] chunkCoords, byte[] values) throws IOException {
    writeChunk(chunkCoords, ChunkValues.of(values));
  }

  private void writeChunk(long[] chunkCoords, ChunkValues.Source values) throws IOException {
    checkChunkCoords(chunkCoords);
    String key = chunkKey(chunkCoords);
    int[] chunkShape = metadata.chunkShape();
    long full = Shapes.product(chunkShape);
    long[] inside = insideExtent(chunkCoords);
    long insideCount = Shapes.product(inside);
    if (values.length() != full && values.length() != insideCount) {
      throw new IllegalArgumentException(
          "Chunk "
              + Arrays.toString(chunkCoords)
              + " (key '"
              + key
              + "') of array '"
              + Nodes.display(path)
              + "' in store '"
              + store.location()
              + "' needs "
              + full
              + " values (chunk shape "
              + Arrays.toString(chunkShape)
              + ")"
              + (insideCount != full
                  ? " or "
                      + insideCount
                      + " values (the part inside the array, "
                      + Arrays.toString(inside)
                      + ")"
                  : "")
              + ", got "
              + values.length());
    }
    byte[] converted;
    try {
      converted = ChunkValues.toCanonical(values, metadata.dataType());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot write chunk '"
              + key
              + "' of array '"
              + Nodes.display(path)
              + "' in store '"
              + store.location()
              + "' as "
              + metadata.dataType()
              + ": "
              + e.getMessage(),
          e);
    }
    byte[] canonical = converted;
    if (values.length() != full) {
      canonical = new byte[Math.toIntExact(full * metadata.dataType().byteSize())];
      Elements.fill(canonical, metadata.fillValueBytes());
      long[] zero = new long[inside.length];
      Shapes.copyBox(
          converted,
          inside,
          zero,
          canonical,
          Shapes.toLong(chunkShape),
          zero,
          inside,
          metadata.dataType().byteSize());
    }
    byte[] encoded;
    try {
      encoded = metadata.codecs().encode(canonical, metadata.chunkSpec());
    } catch (RuntimeException e) {
      throw withContext(e, "encode", key);
    }
    store.put(key, encoded);
  }

  /** Removes a chunk, so that it reads as the fill value. */
  public void deleteChunk(long... chunkCoords) throws IOException {
    store.delete(chunkKey(chunkCoords));
  }

  // ---------------------------------------------------------------- reading

  /** Reads one chunk (the full chunk shape, including padding past the array's edge). */
  public NdBuffer readChunk(long... chunkCoords) throws IOException {
    checkChunkCoords(chunkCoords);
    return new NdBuffer(
        metadata.dataType(), Shapes.toLong(metadata.chunkShape()), readChunkBytes(chunkCoords));
  }

  private byte[] readChunkBytes(long[] chunkCoords) throws IOException {
    String key = chunkKey(chunkCoords);
    ChunkSpec spec = metadata.chunkSpec();
    byte[] stored = store.get(key);
    if (stored == null) {
      byte[] filled = new byte[spec.byteCount()];
      Elements.fill(filled, metadata.fillValueBytes());
      return filled;
    }
    try {
      return metadata.codecs().decode(stored, spec);
    } catch (RuntimeException e) {
      throw withContext(e, "decode", key);
    } catch (IOException e) {
      throw new ZarrException(message("decode", key, e), e);
    }
  }

  /** Reads the whole array. */
  public NdBuffer read() throws IOException {
    return read(new long[metadata.rank()], metadata.shape());
  }

  /** Reads the box of extent {@code shape} starting at {@code offset}. */
  public NdBuffer read(long[] offset, long[] shape) throws IOException {
    long[] arrayShape = metadata.shape();
    if (offset.length != arrayShape.length || shape.length != arrayShape.length) {
      throw new IllegalArgumentException(
          "Region offset "
              + Arrays.toString(offset)
              + " / shape "
              + Arrays.toString(shape)
              + " does not match the rank "
              + arrayShape.length
              + " of array '"
              + Nodes.display(path)
              + "'");
    }
    for (int d = 0; d < arrayShape.length; d++) {
      if (offset[d] < 0 || shape[d] < 0 || offset[d] + shape[d] > arrayShape[d]) {
        throw new IndexOutOfBoundsException(
            "Region offset "
                + Arrays.toString(offset)
                + " shape "
                + Arrays.toString(shape)
                + " is outside array '"
                + Nodes.display(path)
                + "' of shape "
                + Arrays.toString(arrayShape));
      }
    }
    int itemSize = metadata.dataType().byteSize();
    long count = Shapes.product(shape);
    if (count * itemSize > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException(
          "Region "
              + Arrays.toString(shape)
              + " of array '"
              + Nodes.display(path)
              + "' is too large to read at once (2 GiB limit)");
    }
    byte[] out = new byte[(int) (count * itemSize)];
    if (count == 0) {
      return new NdBuffer(metadata.dataType(), shape, out);
    }
    int[] chunk = metadata.chunkShape();
    long[] chunkLong = Shapes.toLong(chunk);
    int rank = arrayShape.length;
    long[] first = new long[rank];
    long[] last = new long[rank];
    for (int d = 0; d < rank; d++) {
      first[d] = offset[d] / chunk[d];
      last[d] = (offset[d] + shape[d] - 1) / chunk[d];
    }
    long[] coords = first.clone();
    while (true) {
      byte[] chunkBytes = readChunkBytes(coords);
      long[] srcOffset = new long[rank];
      long[] dstOffset = new long[rank];
      long[] extent = new long[rank];
      for (int d = 0; d < rank; d++) {
        long chunkStart = coords[d] * chunk[d];
        long lo = Math.max(offset[d], chunkStart);
        long hi = Math.min(offset[d] + shape[d], chunkStart + chunk[d]);
        srcOffset[d] = lo - chunkStart;
        dstOffset[d] = lo - offset[d];
        extent[d] = hi - lo;
      }
      Shapes.copyBox(chunkBytes, chunkLong, srcOffset, out, shape, dstOffset, extent, itemSize);
      int d = rank - 1;
      while (d >= 0) {
        if (++coords[d] <= last[d]) {
          break;
        }
        coords[d] = first[d];
        d--;
      }
      if (d < 0) {
        break;
      }
    }
    return new NdBuffer(metadata.dataType(), shape, out);
  }

  // ---------------------------------------------------------------- helpers

  private long[] insideExtent(long[] chunkCoords) {
    long[] shape = metadata.shape();
    int[] chunk = metadata.chunkShape();
    long[] inside = new long[shape.length];
    for (int d = 0; d < shape.length; d++) {
      inside[d] = Math.min(chunk[d], shape[d] - chunkCoords[d] * chunk[d]);
    }
    return inside;
  }

  private void checkChunkCoords(long[] chunkCoords) {
    long[] grid = metadata.chunkGridShape();
    if (chunkCoords.length != grid.length) {
      throw new IllegalArgumentException(
          "Chunk coordinates "
              + Arrays.toString(chunkCoords)
              + " have rank "
              + chunkCoords.length
              + " but array '"
              + Nodes.display(path)
              + "' has rank "
              + grid.length);
    }
    for (int d = 0; d < grid.length; d++) {
      if (chunkCoords[d] < 0 || chunkCoords[d] >= grid[d]) {
        throw new IndexOutOfBoundsException(
            "Chunk coordinates "
                + Arrays.toString(chunkCoords)
                + " are outside the chunk grid "
                + Arrays.toString(grid)
                + " of array '"
                + Nodes.display(path)
                + "' in store '"
                + store.location()
                + "'");
      }
    }
  }

  private String message(String action, String key, Exception e) {
    return "Cannot "
        + action
        + " chunk '"
        + key
        + "' of array '"
        + Nodes.display(path)
        + "' in store '"
        + store.location()
        + "' ("
        + metadata.format()
        + ", "
        + metadata.dataType()
        + ", chunk shape "
        + Arrays.toString(metadata.chunkShape())
        + ", codecs "
        + metadata.codecNames()
        + "): "
        + e.getMessage();
  }

  private RuntimeException withContext(RuntimeException e, String action, String key) {
    String msg = message(action, key, e);
    if (e instanceof UnsupportedOperationException) {
      return new UnsupportedOperationException(msg, e);
    }
    return new ZarrException(msg, e);
  }

  @Override
  public String toString() {
    return "ZarrArray[" + store.location() + " :: " + Nodes.display(path) + ", " + metadata + "]";
  }
}
