package org.magg.io.temporal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.magg.io.storage.Storage;

/**
 * What a sink of {@link EventTableIO} wrote: one file (or one Zarr store).
 *
 * @param location where, as the sink was given it joined with the file's name
 * @param kind {@link #TABLE} ({@code events.csv}), {@link #NETCDF} ({@code events.nc}), {@link
 *     #ZARR} ({@code events.zarr}), {@link #PANE} (a streaming pane's row) or {@link #FAILURES}
 * @param rows table rows or failures in it
 * @param bytes its size (a Zarr store: all its objects)
 */
@DefaultCoder(WrittenFile.WrittenFileCoder.class)
public record WrittenFile(String location, String kind, long rows, long bytes) {
  public static final String TABLE = "table";
  public static final String NETCDF = "netcdf";
  public static final String ZARR = "zarr";
  public static final String PANE = "pane";
  public static final String FAILURES = "failures";

  public static Coder<WrittenFile> coder() {
    return WrittenFileCoder.INSTANCE;
  }

  /** The name of this file's run result: its kind and name (unique within a kind). */
  public String resultKey() {
    return kind + "-" + Storage.name(location);
  }

  /** The locations of {@code written}, ordered by {@code kinds} (the order given), then by name. */
  public static List<String> locationsInOrder(List<WrittenFile> written, List<String> kinds) {
    return written.stream()
        .sorted(
            Comparator.comparingInt((WrittenFile f) -> kinds.indexOf(f.kind()))
                .thenComparing(WrittenFile::location))
        .map(WrittenFile::location)
        .toList();
  }

  /** The coder of {@link WrittenFile}. */
  public static final class WrittenFileCoder extends AtomicCoder<WrittenFile> {
    private static final WrittenFileCoder INSTANCE = new WrittenFileCoder();
    private static final long serialVersionUID = 1L;

    public static WrittenFileCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(WrittenFile f, OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeUTF(f.location);
      d.writeUTF(f.kind);
      d.writeLong(f.rows);
      d.writeLong(f.bytes);
      d.flush();
    }

    @Override
    public WrittenFile decode(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      return new WrittenFile(d.readUTF(), d.readUTF(), d.readLong(), d.readLong());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
