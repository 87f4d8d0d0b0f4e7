package org.magg.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes and reads primitive arrays as little-endian blocks through a small scratch buffer, so that
 * coding a large columnar batch allocates nothing but the decoded arrays themselves.
 */
public final class ArrayCoding {
  /** Scratch size: big enough to amortise stream calls, small enough to stay in cache. */
  static final int SCRATCH_BYTES = 64 * 1024;

  private ArrayCoding() {}

  /** A scratch buffer for one encode or decode call. */
  public static ByteBuffer scratch() {
    return ByteBuffer.allocate(SCRATCH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  }

  public static void writeInts(OutputStream out, int[] a, int n, ByteBuffer scratch)
      throws IOException {
    int per = SCRATCH_BYTES / 4;
    for (int off = 0; off < n; off += per) {
      int k = Math.min(per, n - off);
      scratch.clear();
      scratch.asIntBuffer().put(a, off, k);
      out.write(scratch.array(), 0, k * 4);
    }
  }

  public static void writeLongs(OutputStream out, long[] a, int n, ByteBuffer scratch)
      throws IOException {
    int per = SCRATCH_BYTES / 8;
    for (int off = 0; off < n; off += per) {
      int k = Math.min(per, n - off);
      scratch.clear();
      scratch.asLongBuffer().put(a, off, k);
      out.write(scratch.array(), 0, k * 8);
    }
  }

  public static void writeDoubles(OutputStream out, double[] a, int n, ByteBuffer scratch)
      throws IOException {
    int per = SCRATCH_BYTES / 8;
    for (int off = 0; off < n; off += per) {
      int k = Math.min(per, n - off);
      scratch.clear();
      scratch.asDoubleBuffer().put(a, off, k);
      out.write(scratch.array(), 0, k * 8);
    }
  }

  /**
   * Writes {@code a[0, n)} as little-endian float32s; use it only when every value is a float32
   * ({@link #allFloats}), so that {@link #readFloats} gives the same doubles back.
   */
  public static void writeFloats(OutputStream out, double[] a, int n, ByteBuffer scratch)
      throws IOException {
    int per = SCRATCH_BYTES / 4;
    float[] block = new float[Math.min(per, n)];
    for (int off = 0; off < n; off += per) {
      int k = Math.min(per, n - off);
      for (int i = 0; i < k; i++) {
        block[i] = (float) a[off + i];
      }
      scratch.clear();
      scratch.asFloatBuffer().put(block, 0, k);
      out.write(scratch.array(), 0, k * 4);
    }
  }

  /** Writes {@code a[0, n)} as little-endian float32s. */
  public static void writeFloats(OutputStream out, float[] a, int n, ByteBuffer scratch)
      throws IOException {
    int per = SCRATCH_BYTES / 4;
    for (int off = 0; off < n; off += per) {
      int k = Math.min(per, n - off);
      scratch.clear();
      scratch.asFloatBuffer().put(a, off, k);
      out.write(scratch.array(), 0, k * 4);
    }
  }

  /** Whether every value of {@code a[0, n)} is a float32, bit for bit (NaN payloads included). */
  public static boolean allFloats(double[] a, int n) {
    long differing = 0; // no branch in the loop, so that it vectorises
    for (int i = 0; i < n; i++) {
      double x = a[i];
      differing |= Double.doubleToRawLongBits((double) (float) x) ^ Double.doubleToRawLongBits(x);
    }
    return differing == 0;
  }

  public static void readInts(InputStream in, int[] a, ByteBuffer scratch) throws IOException {
    int per = SCRATCH_BYTES / 4;
    for (int off = 0; off < a.length; off += per) {
      int k = Math.min(per, a.length - off);
      fill(in, scratch, k * 4);
      scratch.asIntBuffer().get(a, off, k);
    }
  }

  public static void readLongs(InputStream in, long[] a, ByteBuffer scratch) throws IOException {
    int per = SCRATCH_BYTES / 8;
    for (int off = 0; off < a.length; off += per) {
      int k = Math.min(per, a.length - off);
      fill(in, scratch, k * 8);
      scratch.asLongBuffer().get(a, off, k);
    }
  }

  public static void readDoubles(InputStream in, double[] a, ByteBuffer scratch)
      throws IOException {
    int per = SCRATCH_BYTES / 8;
    for (int off = 0; off < a.length; off += per) {
      int k = Math.min(per, a.length - off);
      fill(in, scratch, k * 8);
      scratch.asDoubleBuffer().get(a, off, k);
    }
  }

  /** Reads float32s written by {@link #writeFloats} into the doubles {@code a}. */
  public static void readFloats(InputStream in, double[] a, ByteBuffer scratch) throws IOException {
    int per = SCRATCH_BYTES / 4;
    float[] block = new float[Math.min(per, a.length)];
    for (int off = 0; off < a.length; off += per) {
      int k = Math.min(per, a.length - off);
      fill(in, scratch, k * 4);
      scratch.asFloatBuffer().get(block, 0, k);
      for (int i = 0; i < k; i++) {
        a[off + i] = block[i];
      }
    }
  }

  /** Reads float32s written by either {@code writeFloats} into {@code a}. */
  public static void readFloats(InputStream in, float[] a, ByteBuffer scratch) throws IOException {
    int per = SCRATCH_BYTES / 4;
    for (int off = 0; off < a.length; off += per) {
      int k = Math.min(per, a.length - off);
      fill(in, scratch, k * 4);
      scratch.asFloatBuffer().get(a, off, k);
    }
  }

  private static void fill(InputStream in, ByteBuffer scratch, int bytes) throws IOException {
    int got = in.readNBytes(scratch.array(), 0, bytes);
    if (got != bytes) {
      throw new EOFException("array block cut short: expected " + bytes + " bytes, got " + got);
    }
    scratch.clear();
  }
}
