package org.magg.io.gridded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.magg.core.Json;
import org.magg.io.zarr.ArrayMetadata;
import org.magg.io.zarr.DataType;
import org.magg.io.zarr.ZarrArray;
import org.magg.io.zarr.ZarrException;
import org.magg.io.zarr.ZarrFormat;
import org.magg.io.zarr.ZarrGroup;
import org.magg.io.zarr.ZarrStore;

/**
 * Zarr v2 and v3 stores read with the project's Zarr reader. Dimension names come from v3 {@code
 * dimension_names} or the v2 {@code _ARRAY_DIMENSIONS} attribute (xarray's convention); the arrays
 * at the store's root are the variables. Fill values: the {@code _FillValue} attribute when
 * present; else the array's {@code fill_value} for floating-point arrays, and for packed ({@code
 * scale_factor}/{@code add_offset}) integer v2 arrays, where xarray keeps it; an integer {@code
 * fill_value} elsewhere (0 by default) is not taken as missing data.
 */
final class ZarrGriddedSource extends AbstractGriddedSource {
  private static final ObjectMapper JSON = Json.mapper();

  private final CountingStore store;
  private final Map<String, ZarrArray> arrays = new HashMap<>();
  private final Map<String, Double> fills = new HashMap<>();
  private List<String> names;

  ZarrGriddedSource(String location, SourceOptions options, ZarrStore store) {
    super(location, options);
    this.store = new CountingStore(store);
  }

  @Override
  List<String> allVariables() throws IOException {
    if (names == null) {
      List<String> out = new ArrayList<>();
      for (String member : ZarrGroup.open(store, "").memberNames()) {
        try {
          if (array(member) != null) {
            out.add(member);
          }
        } catch (IOException e) {
          // An array of a type or codec this reader does not support is not a gridded variable.
        }
      }
      names = out;
    }
    return names;
  }

  private ZarrArray array(String name) throws IOException {
    ZarrArray a = arrays.get(name);
    if (a == null && !arrays.containsKey(name)) {
      try {
        a = ZarrArray.open(store, name);
      } catch (ZarrException e) {
        if (e.getMessage() != null
            && (e.getMessage().startsWith("No Zarr array")
                || e.getMessage().contains("is a group"))) {
          a = null;
        } else {
          throw new IOException(location + ": " + e.getMessage(), e);
        }
      } catch (UnsupportedOperationException e) {
        throw new IOException(location + ": " + e.getMessage(), e);
      }
      arrays.put(name, a);
    }
    return a;
  }

  @Override
  VariableInfo describe(String name) throws IOException {
    ZarrArray a = array(name);
    if (a == null) {
      return null;
    }
    ArrayMetadata m = a.metadata();
    List<String> dims = m.dimensionNames();
    if (dims == null || dims.isEmpty() || dims.stream().anyMatch(d -> d == null)) {
      if (m.rank() != 1) {
        throw new IOException(
            location
                + ": array '"
                + name
                + "' has no dimension names (v3 dimension_names or the v2 attribute "
                + ArrayMetadata.V2_DIMENSIONS_ATTRIBUTE
                + "), expected them to find lat, lon and time");
      }
      dims = List.of(name);
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.attributes().entrySet()) {
      Object v = Attributes.normalize(e.getValue());
      if (v != null) {
        attrs.put(e.getKey(), v);
      }
    }
    DataType t = m.dataType();
    if (t == DataType.BOOL) {
      throw new IOException(location + ": array '" + name + "' holds booleans, expected numbers");
    }
    fills.put(name, formatFill(name, m, attrs));
    return new VariableInfo(
        name,
        List.copyOf(dims),
        m.shape(),
        Map.copyOf(attrs),
        t == DataType.FLOAT32,
        t.isFloatingPoint() ? 0 : t.byteSize());
  }

  private double formatFill(String name, ArrayMetadata m, Map<String, Object> attrs)
      throws IOException {
    if (attrs.containsKey("_FillValue")) {
      return Double.NaN;
    }
    if (m.dataType().isFloatingPoint()) {
      return m.fillValueAsDouble();
    }
    // Integers: only packed v2 arrays (xarray moves their _FillValue into fill_value); elsewhere an
    // integer fill_value (0 by default) is a storage detail, not a missing-data marker.
    boolean packed = attrs.containsKey("scale_factor") || attrs.containsKey("add_offset");
    if (m.format() == ZarrFormat.V2 && packed) {
      byte[] zarray = store.get(name + "/.zarray");
      JsonNode fill = zarray == null ? null : JSON.readTree(zarray).get("fill_value");
      if (fill != null && !fill.isNull()) {
        return m.fillValueAsDouble();
      }
    }
    return Double.NaN;
  }

  @Override
  double formatFill(VariableInfo v) {
    Double f = fills.get(v.name());
    return f == null ? Double.NaN : f;
  }

  @Override
  int timeChunk(VariableInfo v, int timeDim) throws IOException {
    return array(v.name()).metadata().chunkShape()[timeDim];
  }

  @Override
  double[] readStored(VariableInfo v, long[] offset, int[] shape) throws IOException {
    long[] s = new long[shape.length];
    for (int d = 0; d < shape.length; d++) {
      s[d] = shape[d];
    }
    try {
      return array(v.name()).read(offset, s).toDoubleArray();
    } catch (ZarrException | UnsupportedOperationException e) {
      throw new IOException(location + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long bytesRead() {
    return store.bytes.get();
  }

  @Override
  public void close() {}

  /** A read-only view of a store that counts the bytes it returns. */
  private static final class CountingStore implements ZarrStore {
    private final ZarrStore delegate;
    final AtomicLong bytes = new AtomicLong();

    CountingStore(ZarrStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public byte[] get(String key) throws IOException {
      byte[] b = delegate.get(key);
      if (b != null) {
        bytes.addAndGet(b.length);
      }
      return b;
    }

    @Override
    public void put(String key, byte[] value) {
      throw new UnsupportedOperationException("read-only: " + delegate.location());
    }

    @Override
    public boolean exists(String key) throws IOException {
      return delegate.exists(key);
    }

    @Override
    public void delete(String key) {
      throw new UnsupportedOperationException("read-only: " + delegate.location());
    }

    @Override
    public void deletePrefix(String prefix) {
      throw new UnsupportedOperationException("read-only: " + delegate.location());
    }

    @Override
    public List<String> list(String prefix) throws IOException {
      return delegate.list(prefix);
    }

    @Override
    public String location() {
      return delegate.location();
    }
  }
}
