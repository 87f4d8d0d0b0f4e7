package org.magg.io.gridded;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.dataset.CompactDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OrderedDataType;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * NetCDF-4 and HDF5 files read with jhdf. A variable's dimensions come from its {@code
 * DIMENSION_LIST} (the dimension scales it is attached to), else a {@code DimensionNames} attribute
 * (GPM's convention). Slices are read with jhdf's hyperslab reads, so only the chunks a timestep
 * touches are read and inflated, and decoded straight from bytes to doubles.
 */
final class Hdf5GriddedSource extends AbstractGriddedSource {
  /** The {@code NAME} netCDF-4 gives dimension scales that are not variables. */
  private static final String NOT_A_VARIABLE =
      "This is a netCDF dimension but not a netCDF variable";

  private final HdfFile file;
  private final LongSupplier bytes;
  private final Map<String, Dataset> datasets = new HashMap<>();
  private final Map<String, Boolean> chunkPresent = new HashMap<>();
  private CountingFileChannel local;
  private ChunkReader chunkReader;
  private Map<Long, String> pathsByAddress;
  private List<String> allPaths;

  private Hdf5GriddedSource(
      String location, SourceOptions options, HdfFile file, LongSupplier bytes) {
    super(location, options);
    this.file = file;
    this.bytes = bytes;
  }

  /** Opens a local file. */
  static Hdf5GriddedSource open(Path path, String location, SourceOptions options)
      throws IOException {
    CountingFileChannel channel =
        new CountingFileChannel(FileChannel.open(path, StandardOpenOption.READ));
    try {
      Hdf5GriddedSource src =
          new Hdf5GriddedSource(location, options, new HdfFile(channel), channel::bytesRead);
      src.local = channel;
      return src;
    } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
      channel.close();
      throw new IOException(location + " cannot be opened as HDF5: " + e.getMessage(), e);
    }
  }

  /** Opens a file over a channel (an S3 object); {@code bytes} counts what the channel fetched. */
  static Hdf5GriddedSource open(
      SeekableByteChannel channel, java.net.URI uri, LongSupplier bytes, SourceOptions options)
      throws IOException {
    try {
      return new Hdf5GriddedSource(uri.toString(), options, new HdfFile(channel, uri), bytes);
    } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
      channel.close();
      throw new IOException(uri + " cannot be opened as HDF5: " + e.getMessage(), e);
    }
  }

  @Override
  public long bytesRead() {
    return bytes.getAsLong();
  }

  @Override
  public void close() throws IOException {
    try {
      // HdfFile.close() fails after closing when the file was opened from a channel (it logs the
      // path it does not have); closing the storage is all it does for a single file.
      if (chunkReader != null) {
        chunkReader.close();
      }
      file.getHdfBackingStorage().close();
    } catch (HdfException e) {
      throw new IOException(location + ": " + e.getMessage(), e);
    }
  }

  private static String strip(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static String simpleName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Every dataset, by path without the leading slash, breadth first (root first). */
  private List<String> datasetPaths() throws IOException {
    if (allPaths == null) {
      List<String> paths = new ArrayList<>();
      Map<Long, String> byAddress = new HashMap<>();
      Deque<Group> queue = new ArrayDeque<>();
      try {
        queue.add(file);
        while (!queue.isEmpty()) {
          Group g = queue.poll();
          for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset ds) {
              String p = strip(ds.getPath());
              paths.add(p);
              byAddress.put(ds.getAddress(), p);
            } else if (n instanceof Group child) {
              queue.add(child);
            }
          }
        }
      } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
        throw wrap(e, "the groups cannot be listed");
      }
      allPaths = paths;
      pathsByAddress = byAddress;
    }
    return allPaths;
  }

  private IOException wrap(RuntimeException e, String what) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return new IOException(location + ": " + what + ": " + io.getMessage(), io);
      }
    }
    return new IOException(location + ": " + what + ": " + e.getMessage(), e);
  }

  @Override
  String resolveCoordinate(String name) throws IOException {
    if (name.contains("/")) {
      return strip(name);
    }
    for (String p : datasetPaths()) {
      if (simpleName(p).equals(name)) {
        return p;
      }
    }
    return name;
  }

  @Override
  List<String> allVariables() throws IOException {
    List<String> out = new ArrayList<>();
    for (String p : datasetPaths()) {
      Dataset ds = dataset(p);
      Object name = attribute(ds, "NAME");
      if (name instanceof String s && s.startsWith(NOT_A_VARIABLE)) {
        continue;
      }
      out.add(p);
    }
    return out;
  }

  private Dataset dataset(String path) throws IOException {
    String p = strip(path);
    Dataset ds = datasets.get(p);
    if (ds == null) {
      Node node;
      try {
        node = file.getByPath(p);
      } catch (HdfException e) {
        return null;
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw wrap(e, "cannot look up '" + p + "'");
      }
      if (!(node instanceof Dataset)) {
        throw new IOException(
            location + ": '" + p + "' is a " + node.getType() + ", expected a dataset");
      }
      ds = (Dataset) node;
      datasets.put(p, ds);
    }
    return ds;
  }

  private static Object attribute(Dataset ds, String name) {
    try {
      Attribute a = ds.getAttribute(name);
      return a == null ? null : a.getData();
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  VariableInfo describe(String name) throws IOException {
    Dataset ds = dataset(name);
    if (ds == null) {
      return null;
    }
    try {
      Map<String, Object> attrs = new LinkedHashMap<>();
      for (Map.Entry<String, Attribute> e : ds.getAttributes().entrySet()) {
        if (e.getKey().equals("DIMENSION_LIST") || e.getKey().equals("REFERENCE_LIST")) {
          continue;
        }
        Object v;
        try {
          v = Attributes.normalize(e.getValue().getData());
        } catch (RuntimeException ex) {
          continue; // an attribute type jhdf cannot read is not one we need
        }
        if (v != null) {
          attrs.put(e.getKey(), v);
        }
      }
      long[] shape = ds.getDimensionsAsLong();
      DataType type = ds.getDataType();
      boolean float32 = type instanceof FloatingPoint && type.getSize() == 4;
      int intBytes = type instanceof FixedPoint ? type.getSize() : 0;
      return new VariableInfo(
          strip(name), dims(ds, shape.length), shape, Map.copyOf(attrs), float32, intBytes);
    } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
      throw wrap(e, "cannot describe '" + name + "'");
    }
  }

  /** Dimension names: the attached dimension scales, else DimensionNames, else placeholders. */
  private List<String> dims(Dataset ds, int rank) throws IOException {
    Object list = attribute(ds, "DIMENSION_LIST");
    if (list != null) {
      datasetPaths();
      List<String> names = new ArrayList<>();
      for (Object entry : elements(list)) {
        Object first = entry;
        if (entry != null && (entry.getClass().isArray() || entry instanceof Collection)) {
          List<Object> refs = elements(entry);
          first = refs.isEmpty() ? null : refs.get(0);
        }
        String p = first instanceof Number n ? pathsByAddress.get(n.longValue()) : null;
        if (p == null) {
          names = null;
          break;
        }
        names.add(simpleName(p));
      }
      if (names != null && names.size() == rank) {
        return List.copyOf(names);
      }
    }
    Object dn = attribute(ds, "DimensionNames");
    if (dn instanceof String s) {
      List<String> names = Arrays.stream(s.split(",")).map(String::trim).toList();
      if (names.size() == rank) {
        return names;
      }
    }
    if (rank == 1) {
      return List.of(simpleName(ds.getPath()));
    }
    List<String> phony = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      phony.add("phony_dim_" + i);
    }
    return phony;
  }

  private static List<Object> elements(Object o) {
    List<Object> out = new ArrayList<>();
    if (o instanceof Collection<?> c) {
      out.addAll(c);
    } else if (o != null && o.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(o); i++) {
        out.add(Array.get(o, i));
      }
    } else {
      out.add(o);
    }
    return out;
  }

  @Override
  int timeChunk(VariableInfo v, int timeDim) throws IOException {
    Dataset ds = dataset(v.name());
    if (ds instanceof io.jhdf.api.dataset.ChunkedDataset c) {
      try {
        return c.getChunkDimensions()[timeDim];
      } catch (HdfException | IllegalStateException e) {
        return 1;
      }
    }
    return 1;
  }

  @Override
  double[] readStored(VariableInfo v, long[] offset, int[] shape) throws IOException {
    Dataset ds = dataset(v.name());
    DataType type = ds.getDataType();
    if (!(type instanceof FloatingPoint || type instanceof FixedPoint)
        || (type instanceof FloatingPoint && type.getSize() != 4 && type.getSize() != 8)) {
      throw new IOException(
          location
              + ": variable '"
              + v.name()
              + "' holds "
              + type.getClass().getSimpleName()
              + " of "
              + type.getSize()
              + " bytes, expected 32/64-bit floats or integers");
    }
    long[] dims = v.shape();
    boolean whole = true;
    long n = 1;
    for (int d = 0; d < dims.length; d++) {
      whole &= offset[d] == 0 && shape[d] == dims[d];
      n *= shape[d];
    }
    if (n == 0) {
      return new double[0];
    }
    double[] fast = readChunks(ds, dims, offset, shape, Math.toIntExact(n));
    if (fast != null) {
      return fast; // every chunk it touched was there: nothing to fill
    }
    ByteBuffer bb;
    try {
      DatasetBase base = (DatasetBase) ds;
      if (whole) {
        bb = base.getDataBuffer();
      } else if (ds instanceof CompactDataset) {
        long total = 1;
        for (long d : dims) {
          total *= d;
        }
        double[] all = decode(base.getDataBuffer(), type, Math.toIntExact(total));
        return Boxes.extract(all, dims, offset, shape);
      } else {
        bb = base.getSliceDataBuffer(offset, shape);
      }
    } catch (HdfException
        | IllegalArgumentException
        | IllegalStateException
        | ClassCastException e) {
      throw wrap(
          e,
          "cannot read variable '"
              + v.name()
              + "' at offset "
              + Arrays.toString(offset)
              + " shape "
              + Arrays.toString(shape));
    }
    double[] out = decode(bb, type, Math.toIntExact(n));
    fillUnwrittenChunks(ds, v, offset, shape, out);
    return out;
  }

  /**
   * A box of a local chunked dataset read by {@link ChunkReader} (inflating into reused buffers),
   * or null to read it with jhdf; the bytes of an attempt given up are not counted as read.
   */
  private double[] readChunks(Dataset ds, long[] dims, long[] offset, int[] shape, int n) {
    if (local == null
        || ds instanceof CompactDataset
        || !(ds instanceof io.jhdf.api.dataset.ChunkedDataset chunked)) {
      return null;
    }
    if (chunkReader == null) {
      chunkReader = new ChunkReader();
    }
    long before = local.bytesRead();
    double[] out;
    try {
      out = chunkReader.read(chunked, dims, offset, shape, n);
    } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
      out = null; // jhdf's path reports it in its own words
    }
    if (out == null) {
      local.discount(local.bytesRead() - before);
    }
    return out;
  }

  /**
   * HDF5 reads chunks that were never written as the dataset's fill value; jhdf leaves zeros. When
   * the dataset declares a non-zero fill value, the parts of the box in absent chunks get it.
   */
  private void fillUnwrittenChunks(
      Dataset ds, VariableInfo v, long[] offset, int[] shape, double[] out) {
    if (!(ds instanceof io.jhdf.api.dataset.ChunkedDataset chunked)) {
      return;
    }
    double fill;
    try {
      Object f = ds.getFillValue();
      Object n = Attributes.normalize(f);
      if (!(n instanceof double[] d) || d.length == 0 || d[0] == 0) {
        return;
      }
      fill = d[0];
    } catch (RuntimeException e) {
      return;
    }
    int rank = shape.length;
    int[] cd = chunked.getChunkDimensions();
    long[] first = new long[rank];
    long[] last = new long[rank];
    for (int d = 0; d < rank; d++) {
      first[d] = offset[d] / cd[d];
      last[d] = (offset[d] + shape[d] - 1) / cd[d];
    }
    long[] c = first.clone();
    while (true) {
      int[] origin = new int[rank];
      for (int d = 0; d < rank; d++) {
        origin[d] = Math.toIntExact(c[d] * cd[d]);
      }
      String key = v.name() + Arrays.toString(origin);
      Boolean present = chunkPresent.get(key);
      if (present == null) {
        present = hasChunk(chunked, origin);
        chunkPresent.put(key, present);
      }
      if (!present) {
        fillBox(out, offset, shape, origin, cd, fill);
      }
      int d = rank - 1;
      while (d >= 0 && ++c[d] > last[d]) {
        c[d] = first[d];
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  /** Whether a chunk was written; a local file's mapping of it is not counted as read. */
  private boolean hasChunk(io.jhdf.api.dataset.ChunkedDataset chunked, int[] origin) {
    long before = local == null ? 0 : local.bytesRead();
    try {
      chunked.getRawChunkBuffer(origin);
      return true;
    } catch (HdfException e) {
      return false;
    } finally {
      if (local != null) {
        local.discount(local.bytesRead() - before);
      }
    }
  }

  /** Sets the part of the box inside the chunk at {@code origin} to {@code fill}. */
  private static void fillBox(
      double[] out, long[] offset, int[] shape, int[] origin, int[] cd, double fill) {
    int rank = shape.length;
    int[] lo = new int[rank];
    int[] hi = new int[rank];
    for (int d = 0; d < rank; d++) {
      lo[d] = (int) Math.max(0, origin[d] - offset[d]);
      hi[d] = (int) Math.min(shape[d], origin[d] + cd[d] - offset[d]);
      if (lo[d] >= hi[d]) {
        return;
      }
    }
    int[] idx = lo.clone();
    while (true) {
      int flat = 0;
      for (int d = 0; d < rank; d++) {
        flat = flat * shape[d] + idx[d];
      }
      out[flat] = fill;
      int d = rank - 1;
      while (d >= 0 && ++idx[d] >= hi[d]) {
        idx[d] = lo[d];
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  /** Stored values of a numeric type, in the buffer's byte order as the type declares it. */
  private static double[] decode(ByteBuffer raw, DataType type, int n) {
    ByteBuffer bb = raw.duplicate().order(((OrderedDataType) type).getByteOrder());
    bb.position(raw.position());
    int size = type.getSize();
    if (bb.remaining() / size < n) {
      throw new IllegalStateException(
          "the data buffer holds " + bb.remaining() / size + " values, expected " + n);
    }
    double[] out = new double[n];
    int base = bb.position();
    if (type instanceof FloatingPoint) {
      if (size == 4) {
        float[] f = new float[n];
        bb.asFloatBuffer().get(f);
        for (int i = 0; i < n; i++) {
          out[i] = f[i];
        }
      } else {
        bb.asDoubleBuffer().get(out);
      }
      return out;
    }
    boolean signed = ((FixedPoint) type).isSigned();
    switch (size) {
      case 1 -> {
        for (int i = 0; i < n; i++) {
          byte b = bb.get(base + i);
          out[i] = signed ? b : b & 0xFF;
        }
      }
      case 2 -> {
        short[] s = new short[n];
        bb.asShortBuffer().get(s);
        for (int i = 0; i < n; i++) {
          out[i] = signed ? s[i] : s[i] & 0xFFFF;
        }
      }
      case 4 -> {
        int[] a = new int[n];
        bb.asIntBuffer().get(a);
        for (int i = 0; i < n; i++) {
          out[i] = signed ? a[i] : Integer.toUnsignedLong(a[i]);
        }
      }
      case 8 -> {
        long[] a = new long[n];
        bb.asLongBuffer().get(a);
        for (int i = 0; i < n; i++) {
          out[i] = signed || a[i] >= 0 ? a[i] : Boxes.unsignedToDouble(a[i]);
        }
      }
      default ->
          throw new IllegalArgumentException("integers of " + size + " bytes are not supported");
    }
    return out;
  }
}
