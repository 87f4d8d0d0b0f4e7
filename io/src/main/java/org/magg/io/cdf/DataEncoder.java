package org.magg.io.cdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes application data (attribute entry values and variable values) in the file's data encoding
 * (section 5.3): the byte order of the Encoding field of the CDR, IEEE 754 floating point, two's
 * complement integers, one byte per character.
 */
final class DataEncoder {

  private static final int CHUNK_BYTES = 1 << 16;

  private DataEncoder() {}

  /**
   * Writes Java array slots {@code [from, to)} of {@code array} (see {@link CdfType} for the array
   * classes; strings must already be fixed-width ASCII).
   */
  static void write(Object array, int from, int to, ByteOrder order, OutputStream out)
      throws IOException {
    if (array instanceof byte[] a) {
      out.write(a, from, to - from);
      return;
    }
    if (array instanceof String[] a) {
      for (int i = from; i < to; i++) {
        out.write(a[i].getBytes(StandardCharsets.US_ASCII));
      }
      return;
    }
    ByteBuffer bb = ByteBuffer.allocate(CHUNK_BYTES).order(order);
    int size = elementBytes(array);
    int perChunk = CHUNK_BYTES / size;
    for (int i = from; i < to; i += perChunk) {
      int n = Math.min(perChunk, to - i);
      bb.clear();
      if (array instanceof short[] a) {
        bb.asShortBuffer().put(a, i, n);
      } else if (array instanceof int[] a) {
        bb.asIntBuffer().put(a, i, n);
      } else if (array instanceof long[] a) {
        bb.asLongBuffer().put(a, i, n);
      } else if (array instanceof float[] a) {
        bb.asFloatBuffer().put(a, i, n);
      } else if (array instanceof double[] a) {
        bb.asDoubleBuffer().put(a, i, n);
      }
      out.write(bb.array(), 0, n * size);
    }
  }

  /** The bytes of a whole array. */
  static byte[] encode(Object array, ByteOrder order) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      write(array, 0, java.lang.reflect.Array.getLength(array), order, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The Value field of an AEDR: the values, or the UTF-8 bytes of a text (a single NUL for an empty
   * text, as section 2.5 prescribes).
   */
  static byte[] encodeEntry(CdfValue value, ByteOrder order) {
    if (value.type().isCharacter()) {
      byte[] b = ((String) value.raw()).getBytes(StandardCharsets.UTF_8);
      return b.length == 0 ? new byte[] {0} : b;
    }
    return encode(value.raw(), order);
  }

  private static int elementBytes(Object array) {
    if (array instanceof short[]) {
      return 2;
    } else if (array instanceof int[] || array instanceof float[]) {
      return 4;
    } else if (array instanceof long[] || array instanceof double[]) {
      return 8;
    }
    throw new IllegalArgumentException("Not a supported array: " + array.getClass().getName());
  }
}
