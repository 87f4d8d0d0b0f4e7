package org.magg.io.zarr;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An n-dimensional block of elements of one {@link DataType}, as read from a Zarr array: a chunk or
 * a region. Elements are addressed by their flat index in C (row-major) order.
 *
 * <p>Integer values come back as {@code long}; uint64 values above {@link Long#MAX_VALUE} come back
 * as their raw bits (use {@link Long#toUnsignedString(long)}), while {@link #getDouble} converts
 * them to the nearest double.
 */
public final class NdBuffer {

  private final DataType dataType;
  private final long[] shape;
  private final int size;
  private final ByteBuffer data;

  NdBuffer(DataType dataType, long[] shape, byte[] canonicalBytes) {
    this.dataType = dataType;
    this.shape = shape.clone();
    this.size = Math.toIntExact(Shapes.product(shape));
    if (canonicalBytes.length != (long) size * dataType.byteSize()) {
      throw new IllegalArgumentException(
          "buffer of "
              + canonicalBytes.length
              + " bytes does not hold "
              + size
              + " elements of "
              + dataType);
    }
    this.data = Elements.wrap(canonicalBytes);
  }

  /** The element type. */
  public DataType dataType() {
    return dataType;
  }

  /** The extent of each dimension. */
  public long[] shape() {
    return shape.clone();
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  /** The element at a flat C-order index, as a double. */
  public double getDouble(int index) {
    return Elements.getDouble(data, dataType, checkIndex(index));
  }

  /**
   * The element at a flat C-order index, as a long (booleans as 0/1, uint64 as raw bits).
   *
   * @throws IllegalStateException for floating-point data (use {@link #getDouble})
   */
  public long getLong(int index) {
    requireIntegral();
    return Elements.getLong(data, dataType, checkIndex(index));
  }

  /** The element at a flat C-order index as a boolean (non-zero is true). */
  public boolean getBoolean(int index) {
    return getDouble(index) != 0;
  }

  /** The element at an n-dimensional index, as a double. */
  public double getDouble(long... index) {
    return getDouble(flatIndex(index));
  }

  /** The element at an n-dimensional index, as a long. */
  public long getLong(long... index) {
    return getLong(flatIndex(index));
  }

  /** The flat C-order index of an n-dimensional index. */
  public int flatIndex(long... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "index "
              + Arrays.toString(index)
              + " has rank "
              + index.length
              + ", expected "
              + shape.length);
    }
    long flat = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IndexOutOfBoundsException(
            "index " + Arrays.toString(index) + " is outside shape " + Arrays.toString(shape));
      }
      flat = flat * shape[d] + index[d];
    }
    return (int) flat;
  }

  /** All elements as doubles. */
  public double[] toDoubleArray() {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = Elements.getDouble(data, dataType, i);
    }
    return out;
  }

  /** All elements as floats (doubles are rounded to the nearest float). */
  public float[] toFloatArray() {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = (float) Elements.getDouble(data, dataType, i);
    }
    return out;
  }

  /**
   * All elements as longs (booleans as 0/1, uint64 as raw bits).
   *
   * @throws IllegalStateException for floating-point data
   */
  public long[] toLongArray() {
    requireIntegral();
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      out[i] = Elements.getLong(data, dataType, i);
    }
    return out;
  }

  /**
   * All elements as ints.
   *
   * @throws IllegalStateException for floating-point data, or when a value does not fit an int
   */
  public int[] toIntArray() {
    requireIntegral();
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      long v = Elements.getLong(data, dataType, i);
      if (v < Integer.MIN_VALUE
          || v > Integer.MAX_VALUE
          || (dataType == DataType.UINT64 && v < 0)) {
        throw new IllegalStateException(
            "element "
                + i
                + " ("
                + (dataType == DataType.UINT64 ? Long.toUnsignedString(v) : v)
                + ") does not fit an int");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** All elements as booleans (non-zero is true). */
  public boolean[] toBooleanArray() {
    boolean[] out = new boolean[size];
    for (int i = 0; i < size; i++) {
      out[i] = Elements.getDouble(data, dataType, i) != 0;
    }
    return out;
  }

  /** A copy of the elements in the little-endian layout of {@link #dataType()}. */
  public byte[] toLittleEndianBytes() {
    return data.array().clone();
  }

  byte[] canonicalBytes() {
    return data.array();
  }

  private void requireIntegral() {
    if (dataType.isFloatingPoint()) {
      throw new IllegalStateException(
          "data of type " + dataType + " cannot be read as integers; use getDouble/toDoubleArray");
    }
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " outside [0, " + size + ")");
    }
    return index;
  }

  @Override
  public String toString() {
    return "NdBuffer[" + dataType + " " + Arrays.toString(shape) + "]";
  }
}
