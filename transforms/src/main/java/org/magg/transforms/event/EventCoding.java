package org.magg.transforms.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.util.VarInt;

/** The pieces the coders of this package share: instants, sorted cells, objects, nullable text. */
final class EventCoding {
  private EventCoding() {}

  static void writeInstant(Instant t, OutputStream out) throws IOException {
    VarLongCoder.of().encode(t.getEpochSecond(), out);
    VarIntCoder.of().encode(t.getNano(), out);
  }

  static Instant readInstant(InputStream in) throws IOException {
    long s = VarLongCoder.of().decode(in);
    int nanos = VarIntCoder.of().decode(in);
    return Instant.ofEpochSecond(s, nanos);
  }

  /**
   * Sorted cells as their count, then each run of consecutive cells as the gap from the last cell
   * of the run before (from 0 for the first) to its first cell and its length, in var-ints: an
   * object's cells are runs along its rows, so a 900-cell object takes some 60 var-ints, not 900.
   */
  static void writeCells(int[] cells, OutputStream out) throws IOException {
    VarInt.encode(cells.length, out);
    int prev = 0;
    int k = 0;
    while (k < cells.length) {
      int start = cells[k];
      int end = k + 1;
      while (end < cells.length && cells[end] == cells[end - 1] + 1) {
        end++;
      }
      VarInt.encode(start - prev, out);
      VarInt.encode(end - k, out);
      prev = cells[end - 1];
      k = end;
    }
  }

  static int[] readCells(InputStream in) throws IOException {
    int[] c = new int[readCount(in, "cells")];
    int prev = 0;
    int k = 0;
    while (k < c.length) {
      int start = prev + VarInt.decodeInt(in);
      int length = VarInt.decodeInt(in);
      if (length < 1 || length > c.length - k) {
        throw new IOException(
            "corrupt encoding: a run of " + length + " cells where " + (c.length - k) + " remain");
      }
      for (int j = 0; j < length; j++) {
        c[k++] = start + j;
      }
      prev = c[k - 1];
    }
    return c;
  }

  static int readCount(InputStream in, String what) throws IOException {
    int n = VarIntCoder.of().decode(in);
    if (n < 0) {
      throw new IOException("corrupt encoding: " + n + " " + what);
    }
    return n;
  }

  static void writeObject(DetectedObject d, OutputStream out) throws IOException {
    VarIntCoder.of().encode(d.number(), out);
    writeCells(d.cellArray(), out);
    DoubleCoder.of().encode(d.areaKm2(), out);
    DoubleCoder.of().encode(d.centroidLat(), out);
    DoubleCoder.of().encode(d.centroidLon(), out);
    DoubleCoder.of().encode(d.maxValue(), out);
    VarIntCoder.of().encode(d.maxCell(), out);
    out.write(d.landfall() ? 1 : 0);
  }

  static DetectedObject readObject(InputStream in) throws IOException {
    int number = VarIntCoder.of().decode(in);
    int[] cells = readCells(in);
    double area = DoubleCoder.of().decode(in);
    double lat = DoubleCoder.of().decode(in);
    double lon = DoubleCoder.of().decode(in);
    double max = DoubleCoder.of().decode(in);
    int maxCell = VarIntCoder.of().decode(in);
    int landfall = in.read();
    if (landfall != 0 && landfall != 1) {
      throw new IOException("corrupt encoding: landfall flag " + landfall);
    }
    return new DetectedObject(number, cells, area, lat, lon, max, maxCell, landfall == 1);
  }

  /** A string or null: a presence byte, then the string. */
  static void writeNullable(String s, OutputStream out) throws IOException {
    out.write(s == null ? 0 : 1);
    if (s != null) {
      StringUtf8Coder.of().encode(s, out);
    }
  }

  static String readNullable(InputStream in) throws IOException {
    int flag = in.read();
    if (flag != 0 && flag != 1) {
      throw new IOException("corrupt encoding: presence flag " + flag);
    }
    return flag == 0 ? null : StringUtf8Coder.of().decode(in);
  }
}
