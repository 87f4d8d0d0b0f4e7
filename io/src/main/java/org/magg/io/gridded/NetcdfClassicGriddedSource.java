package org.magg.io.gridded;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.magg.io.netcdf.NetcdfClassicFile;

/** NetCDF classic files (CDF-1, CDF-2, CDF-5) read with {@link NetcdfClassicFile}. */
final class NetcdfClassicGriddedSource extends AbstractGriddedSource {
  private final NetcdfClassicFile file;
  private final LongSupplier bytes;

  NetcdfClassicGriddedSource(
      String location, SourceOptions options, SeekableByteChannel channel, LongSupplier bytes)
      throws IOException {
    super(location, options);
    this.file = NetcdfClassicFile.open(channel, location);
    this.bytes = bytes;
  }

  @Override
  VariableInfo describe(String name) {
    NetcdfClassicFile.Variable v = file.variables().get(name);
    if (v == null) {
      return null;
    }
    int intBytes =
        switch (v.type()) {
          case BYTE, UBYTE, CHAR -> 1;
          case SHORT, USHORT -> 2;
          case INT, UINT -> 4;
          case INT64, UINT64 -> 8;
          case FLOAT, DOUBLE -> 0;
        };
    return new VariableInfo(
        name,
        v.dimensions(),
        v.shape(),
        Map.copyOf(v.attributes()),
        v.type() == NetcdfClassicFile.NcType.FLOAT,
        intBytes);
  }

  @Override
  List<String> allVariables() {
    return new ArrayList<>(file.variables().keySet());
  }

  @Override
  double[] readStored(VariableInfo v, long[] offset, int[] shape) throws IOException {
    try {
      return file.readDoubles(v.name(), offset, shape);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public long bytesRead() {
    return bytes.getAsLong();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
