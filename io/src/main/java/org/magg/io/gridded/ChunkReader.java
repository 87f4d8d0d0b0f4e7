package org.magg.io.gridded;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OrderedDataType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads boxes of chunked HDF5 datasets stored without filters, deflated, or shuffled then deflated
 * (what NetCDF-4 writes), straight into doubles: each chunk the box touches is taken from jhdf as
 * stored, inflated in one call into a buffer reused from one chunk to the next (and un-shuffled
 * into a second one), and its rows inside the box are decoded from it in the stored byte order. No
 * per-chunk arrays are allocated and the data is copied once, where jhdf copies the stored bytes,
 * inflates them in 4 KB pieces into a growing stream, copies that, copies the box out of it and
 * then the box is decoded.
 *
 * <p>{@link #read} returns null whenever it cannot read the box exactly as jhdf would: another
 * filter, a chunk that is absent (jhdf leaves zeros; the caller fills them) or stored without its
 * filters, or that does not inflate to the chunk's size. The caller then reads with jhdf. Not
 * thread-safe (one per source).
 */
final class ChunkReader implements AutoCloseable {
  private static final int DEFLATE = 1;
  private static final int SHUFFLE = 2;

  private final Inflater inflater = new Inflater();
  private byte[] inflated = new byte[0];
  private byte[] unshuffled = new byte[0];

  /**
   * The stored values of a box of {@code ds} (dimensions {@code dims}), in C order, or null when
   * this reader cannot read it (see the class comment).
   */
  double[] read(ChunkedDataset ds, long[] dims, long[] offset, int[] shape, int n) {
    DataType type = ds.getDataType();
    if (!(type instanceof OrderedDataType ordered) || !decodable(type)) {
      return null;
    }
    int shuffleSize = 0;
    boolean deflate = false;
    List<PipelineFilterWithData> filters = ds.getFilters();
    for (int i = 0; i < filters.size(); i++) {
      PipelineFilterWithData f = filters.get(i);
      if (f.getId() == DEFLATE && i == filters.size() - 1) {
        deflate = true;
      } else if (f.getId() == SHUFFLE && i == 0 && f.getFilterData().length > 0) {
        shuffleSize = f.getFilterData()[0];
      } else {
        return null;
      }
    }
    if (shuffleSize > 0 && !deflate) {
      return null;
    }
    int rank = dims.length;
    int[] cd = ds.getChunkDimensions();
    if (cd.length != rank) {
      return null;
    }
    int size = type.getSize();
    long chunkElements = 1;
    for (int c : cd) {
      chunkElements *= c;
    }
    if (chunkElements * size > Integer.MAX_VALUE - 16) {
      return null;
    }
    int chunkBytes = (int) (chunkElements * size);
    double[] out = new double[n];
    long[] first = new long[rank];
    long[] last = new long[rank];
    for (int d = 0; d < rank; d++) {
      first[d] = offset[d] / cd[d];
      last[d] = (offset[d] + shape[d] - 1) / cd[d];
    }
    int[] chunkStrides = strides(cd);
    int[] boxStrides = strides(shape);
    long[] c = first.clone();
    int[] origin = new int[rank];
    int[] from = new int[rank];
    int[] to = new int[rank];
    int[] index = new int[rank];
    while (true) {
      for (int d = 0; d < rank; d++) {
        origin[d] = Math.toIntExact(c[d] * cd[d]);
      }
      ByteBuffer raw;
      try {
        raw = ds.getRawChunkBuffer(origin);
      } catch (HdfException e) {
        return null; // absent (or unreadable): jhdf's path decides
      }
      ByteBuffer chunk = decodeChunk(raw, deflate, shuffleSize, chunkBytes);
      if (chunk == null) {
        return null;
      }
      chunk.order(ordered.getByteOrder());
      // the part of the box inside this chunk, row by row along the last dimension
      boolean empty = false;
      for (int d = 0; d < rank; d++) {
        from[d] = (int) Math.max(offset[d], origin[d]);
        to[d] = (int) Math.min(offset[d] + shape[d], (long) origin[d] + cd[d]);
        empty |= from[d] >= to[d];
      }
      if (!empty) {
        copyRows(chunk, type, rank, origin, from, to, index, chunkStrides, boxStrides, offset, out);
      }
      int d = rank - 1;
      while (d >= 0 && ++c[d] > last[d]) {
        c[d] = first[d];
        d--;
      }
      if (d < 0) {
        return out;
      }
    }
  }

  private static boolean decodable(DataType type) {
    if (type instanceof FloatingPoint) {
      return type.getSize() == 4 || type.getSize() == 8;
    }
    return type instanceof FixedPoint
        && (type.getSize() == 1
            || type.getSize() == 2
            || type.getSize() == 4
            || type.getSize() == 8);
  }

  private static int[] strides(int[] shape) {
    int[] s = new int[shape.length];
    int k = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = k;
      k *= shape[d];
    }
    return s;
  }

  /** The chunk's bytes after its filters, {@code chunkBytes} long; null when they do not fit. */
  private ByteBuffer decodeChunk(ByteBuffer raw, boolean deflate, int shuffleSize, int chunkBytes) {
    if (!deflate) {
      return raw.remaining() == chunkBytes ? raw.slice() : null;
    }
    if (inflated.length < chunkBytes + 1) {
      inflated = new byte[chunkBytes + 1];
    }
    int got = 0;
    inflater.reset();
    inflater.setInput(raw);
    try {
      // one byte more than the chunk holds: a stream that inflates to more is not this chunk
      while (!inflater.finished() && got <= chunkBytes) {
        int k = inflater.inflate(inflated, got, chunkBytes + 1 - got);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        got += k;
      }
    } catch (DataFormatException e) {
      return null; // e.g. a chunk stored without its filters
    }
    if (!inflater.finished() || got != chunkBytes) {
      return null;
    }
    if (shuffleSize <= 1) {
      return ByteBuffer.wrap(inflated, 0, chunkBytes).slice();
    }
    if (unshuffled.length < chunkBytes) {
      unshuffled = new byte[chunkBytes];
    }
    int elements = chunkBytes / shuffleSize;
    int pos = 0;
    for (int b = 0; b < shuffleSize; b++) {
      for (int j = 0; j < elements; j++) {
        unshuffled[j * shuffleSize + b] = inflated[pos++];
      }
    }
    System.arraycopy(inflated, pos, unshuffled, pos, chunkBytes - pos);
    return ByteBuffer.wrap(unshuffled, 0, chunkBytes).slice();
  }

  /** Decodes the rows of {@code [from, to)} from the chunk at {@code origin} into the box. */
  private static void copyRows(
      ByteBuffer chunk,
      DataType type,
      int rank,
      int[] origin,
      int[] from,
      int[] to,
      int[] index,
      int[] chunkStrides,
      int[] boxStrides,
      long[] offset,
      double[] out) {
    int run = to[rank - 1] - from[rank - 1];
    for (int d = 0; d < rank; d++) {
      index[d] = from[d];
    }
    while (true) {
      int src = 0;
      int dst = 0;
      for (int d = 0; d < rank; d++) {
        src += (index[d] - origin[d]) * chunkStrides[d];
        dst += (int) (index[d] - offset[d]) * boxStrides[d];
      }
      decodeRun(chunk, type, src, out, dst, run);
      int d = rank - 2;
      while (d >= 0 && ++index[d] >= to[d]) {
        index[d] = from[d];
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  /** {@code n} stored values from element {@code src} of the chunk into {@code out[dst..]}. */
  private static void decodeRun(
      ByteBuffer b, DataType type, int src, double[] out, int dst, int n) {
    int size = type.getSize();
    if (type instanceof FloatingPoint) {
      if (size == 4) {
        for (int i = 0, p = src * 4; i < n; i++, p += 4) {
          out[dst + i] = b.getFloat(p);
        }
      } else {
        for (int i = 0, p = src * 8; i < n; i++, p += 8) {
          out[dst + i] = b.getDouble(p);
        }
      }
      return;
    }
    boolean signed = ((FixedPoint) type).isSigned();
    switch (size) {
      case 1 -> {
        for (int i = 0; i < n; i++) {
          byte v = b.get(src + i);
          out[dst + i] = signed ? v : v & 0xFF;
        }
      }
      case 2 -> {
        for (int i = 0, p = src * 2; i < n; i++, p += 2) {
          short v = b.getShort(p);
          out[dst + i] = signed ? v : v & 0xFFFF;
        }
      }
      case 4 -> {
        for (int i = 0, p = src * 4; i < n; i++, p += 4) {
          int v = b.getInt(p);
          out[dst + i] = signed ? v : Integer.toUnsignedLong(v);
        }
      }
      default -> {
        for (int i = 0, p = src * 8; i < n; i++, p += 8) {
          long v = b.getLong(p);
          out[dst + i] = signed || v >= 0 ? v : Boxes.unsignedToDouble(v);
        }
      }
    }
  }

  @Override
  public void close() {
    inflater.end();
  }
}
