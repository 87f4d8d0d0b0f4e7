package org.magg.io.spatial;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.magg.io.s3.S3Location;
import org.magg.io.s3.S3Objects;
import org.magg.io.s3.S3ReadChannel;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/**
 * Reads ATL06-layout HDF5 granules with jhdf: for each configured group, the coordinate, quality
 * and variable datasets (paths templated by {@code {group}}), honouring each dataset's {@code
 * _FillValue} attribute.
 */
final class Hdf5PointReader implements PointReader {
  private static final long serialVersionUID = 1L;

  private final PointSource source;
  private final List<String> variables;
  private final S3Settings s3;
  private transient S3Objects objects;

  /** Reads the named variables of {@code source} (the ones the aggregation needs), in order. */
  Hdf5PointReader(PointSource source, List<String> variables) {
    this(source, variables, S3Settings.defaults());
  }

  /** As above; {@code s3://} granules are read with ranged GETs using {@code s3}. */
  Hdf5PointReader(PointSource source, List<String> variables, S3Settings s3) {
    this.source = source;
    this.variables = List.copyOf(variables);
    this.s3 = s3;
  }

  @Override
  public void read(String granule, Listener listener) throws IOException {
    if (Storage.isS3(granule)) {
      try (S3ReadChannel channel = openS3(granule)) {
        read(open(channel, granule), granule, listener);
      }
      return;
    }
    Path path;
    try {
      path = Storage.localPath(granule);
    } catch (IllegalArgumentException e) {
      throw new IOException("granule " + e.getMessage(), e);
    }
    if (!Files.isRegularFile(path)) {
      throw new IOException("granule " + granule + " does not exist");
    }
    HdfFile file;
    try {
      file = new HdfFile(path);
    } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
      throw new IOException(
          "granule " + granule + " cannot be opened as HDF5: " + e.getMessage(), e);
    }
    read(file, granule, listener);
  }

  /**
   * A channel over an S3 granule (ranged GETs through a block cache); fails, naming the granule,
   * when the object does not exist.
   */
  S3ReadChannel openS3(String granule) throws IOException {
    S3Location loc;
    try {
      loc = S3Location.parse(granule);
    } catch (IllegalArgumentException e) {
      throw new IOException("granule " + e.getMessage(), e);
    }
    if (objects == null) {
      objects = S3Objects.of(s3);
    }
    S3ReadChannel channel = objects.openChannel(loc);
    try {
      channel.size();
    } catch (NoSuchFileException e) {
      channel.close();
      throw new IOException("granule " + granule + " does not exist", e);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  /** Opens an HDF5 file over a channel (jhdf reads only the parts it needs). */
  static HdfFile open(SeekableByteChannel channel, String granule) throws IOException {
    try {
      S3Location loc = S3Location.parse(granule);
      URI uri = new URI("s3", loc.bucket(), "/" + loc.key(), null);
      return new HdfFile(channel, uri);
    } catch (HdfException | IllegalArgumentException | IllegalStateException e) {
      Throwable io = e.getCause();
      if (io instanceof IOException) {
        throw new IOException("granule " + granule + ": " + io.getMessage(), io);
      }
      throw new IOException(
          "granule " + granule + " cannot be opened as HDF5: " + e.getMessage(), e);
    } catch (java.net.URISyntaxException e) {
      throw new IOException("granule " + granule + ": " + e.getMessage(), e);
    }
  }

  /** Reads the configured groups of an open file, then closes it. */
  void read(HdfFile hdf, String granule, Listener listener) throws IOException {
    try (HdfFile file = hdf) {
      checkComplete(file, granule);
      java.util.Set<String> present;
      try {
        present = file.getChildren().keySet();
      } catch (HdfException
          | IllegalArgumentException
          | IllegalStateException
          | java.nio.BufferUnderflowException e) {
        throw new IOException(
            "granule " + granule + ": the root group cannot be read (" + e + ")", e);
      }
      for (String group : source.groups()) {
        if (!present.contains(group)) {
          listener.groupMissing(group);
          continue;
        }
        PointColumns columns;
        try {
          columns = readGroup(file, granule, group);
        } catch (GroupException e) {
          listener.groupFailed(group, e.getMessage());
          continue;
        } catch (HdfException
            | IllegalArgumentException
            | IllegalStateException
            | ClassCastException
            | IndexOutOfBoundsException e) {
          Throwable io = ioCause(e);
          if (io != null) {
            // An S3 read that failed after its retries: the granule as a whole is unusable.
            throw new IOException(
                "granule " + granule + " group " + group + ": " + io.getMessage(), io);
          }
          listener.groupFailed(
              group, "granule " + granule + " group " + group + " cannot be read: " + e);
          continue;
        }
        listener.columns(columns);
      }
    } catch (HdfException e) {
      Throwable io = ioCause(e);
      if (io != null) {
        throw new IOException("granule " + granule + ": " + io.getMessage(), io);
      }
      throw new IOException("granule " + granule + " cannot be read as HDF5: " + e.getMessage(), e);
    }
  }

  /** The I/O error (an S3 read that failed) behind a jhdf exception, or null. */
  private static Throwable ioCause(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return t;
      }
    }
    return null;
  }

  private PointColumns readGroup(HdfFile file, String granule, String group) {
    Column lat = column(file, granule, PointSource.resolve(source.latitude(), group), -1);
    int n = lat.values.length;
    Column lon = column(file, granule, PointSource.resolve(source.longitude(), group), n);
    double[] quality = null;
    if (source.qualityFilter() != null) {
      quality =
          column(file, granule, PointSource.resolve(source.qualityFilter().dataset(), group), n)
              .values;
    }
    Object[] values = new Object[variables.size()];
    double[] fills = new double[variables.size()];
    for (int v = 0; v < variables.size(); v++) {
      String template = source.variables().get(variables.get(v));
      String path = PointSource.resolve(template, group);
      Dataset ds = dataset(file, granule, path);
      Object data = ds.getDataFlat();
      if (data instanceof float[]) {
        // float32 stays float32: no widening, and the batches carry it at 4 bytes a value
        values[v] = checkLength((float[]) data, ((float[]) data).length, granule, path, n);
      } else {
        double[] d = NumericArrays.toDoubles(data, granule + ":" + path);
        values[v] = checkLength(d, d.length, granule, path, n);
      }
      fills[v] = fillValue(ds);
    }
    return new PointColumns(
        group, lat.values, lat.fill, lon.values, lon.fill, quality, values, fills);
  }

  /** A file shorter than its superblock's end-of-file address was cut off. */
  private static void checkComplete(HdfFile file, String granule) throws IOException {
    long size = file.size();
    long eof =
        file.getHdfBackingStorage().getSuperblock().getEndOfFileAddress() + file.getUserBlockSize();
    if (eof > 0 && size < eof) {
      throw new IOException(
          "granule "
              + granule
              + " is truncated: it has "
              + size
              + " bytes, its HDF5 superblock"
              + " says "
              + eof);
    }
  }

  /** A dataset read as doubles with its fill value; {@code expected} < 0 accepts any length. */
  private static Column column(HdfFile file, String granule, String path, int expected) {
    Dataset ds = dataset(file, granule, path);
    double[] values = NumericArrays.toDoubles(ds.getDataFlat(), granule + ":" + path);
    checkLength(values, values.length, granule, path, expected);
    return new Column(values, fillValue(ds));
  }

  /** The one-dimensional dataset at {@code path}, or a {@link GroupException} naming it. */
  private static Dataset dataset(HdfFile file, String granule, String path) {
    Node node;
    try {
      node = file.getByPath(path);
    } catch (HdfException e) {
      throw new GroupException("granule " + granule + ": dataset " + path + " is missing");
    }
    if (!(node instanceof Dataset)) {
      throw new GroupException(
          "granule " + granule + ": " + path + " is a " + node.getType() + ", expected a dataset");
    }
    Dataset ds = (Dataset) node;
    if (ds.getDimensions().length != 1) {
      throw new GroupException(
          "granule "
              + granule
              + ": dataset "
              + path
              + " has shape "
              + java.util.Arrays.toString(ds.getDimensions())
              + ", expected one dimension");
    }
    return ds;
  }

  /** {@code values}, if its {@code length} is {@code expected} (or {@code expected} < 0). */
  private static <T> T checkLength(
      T values, int length, String granule, String path, int expected) {
    if (expected >= 0 && length != expected) {
      throw new GroupException(
          "granule "
              + granule
              + ": dataset "
              + path
              + " has "
              + length
              + " values, expected "
              + expected
              + " (the length of the latitude dataset)");
    }
    return values;
  }

  private static double fillValue(Dataset ds) {
    Attribute attr = ds.getAttribute("_FillValue");
    if (attr != null) {
      Object data = attr.getData();
      double[] d = NumericArrays.toDoubles(data, ds.getPath() + "@_FillValue");
      if (d.length > 0) {
        return d[0];
      }
    }
    return Double.NaN;
  }

  private static final class Column {
    final double[] values;
    final double fill;

    Column(double[] values, double fill) {
      this.values = values;
      this.fill = fill;
    }
  }

  /** A group that cannot be used; the message names granule, dataset and what was expected. */
  private static final class GroupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GroupException(String message) {
      super(message);
    }
  }
}
