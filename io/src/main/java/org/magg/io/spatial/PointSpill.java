package org.magg.io.spatial;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.magg.core.grid.Morton;

/**
 * Point batches kept in local files between the granule read and the per-cell statistics, for a
 * runner that would otherwise hold every point of the grouping in memory (the Direct runner keeps
 * all values of a {@code GroupByKey} until its input ends). Each granule's kept points of one
 * parent cell go to one file, in {@link PointBatch}'s compact encoding, and come back as the same
 * batches in the same order; only the file names go through the grouping. A cell's files are
 * deleted once its statistics have read them, and {@link #deleteAll()} removes what a failed run
 * left.
 *
 * <p>Local files: for a runner whose workers share the launcher's file system only.
 */
public final class PointSpill implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String SUFFIX = ".points";

  private final String root;

  /** Spills under {@code root} (created when the first file is written). */
  public PointSpill(String root) {
    this.root = root;
  }

  /** Spills under a new directory in the system's temporary directory. */
  public static PointSpill temporary() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    return new PointSpill(tmp.resolve("magg-points-" + UUID.randomUUID()).toString());
  }

  /** The directory the files go to. */
  public String root() {
    return root;
  }

  /**
   * Writes one granule's batches of parent cell {@code cell} to a new file and returns its path.
   */
  public String write(long cell, List<PointBatch> batches) throws IOException {
    Path dir = Path.of(root, Morton.format(cell));
    Files.createDirectories(dir);
    Path file = dir.resolve(UUID.randomUUID() + SUFFIX);
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        DataOutputStream out = new DataOutputStream(os)) {
      out.writeInt(batches.size());
      out.flush();
      for (PointBatch b : batches) {
        PointBatch.coder().encode(b, out);
      }
    }
    return file.toString();
  }

  /** The batches of a file {@link #write} made, in the order written. */
  public static List<PointBatch> read(String file) throws IOException {
    try (InputStream is = new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16);
        DataInputStream in = new DataInputStream(is)) {
      int n = in.readInt();
      if (n < 0) {
        throw new IOException("corrupt point file " + file + ": " + n + " batches");
      }
      List<PointBatch> batches = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batches.add(PointBatch.coder().decode(in));
      }
      return batches;
    }
  }

  /** Deletes a file {@link #write} made, and its cell's directory once that is empty. */
  public static void delete(String file) throws IOException {
    Path p = Path.of(file);
    Files.deleteIfExists(p);
    try (Stream<Path> left = Files.list(p.getParent())) {
      if (left.findAny().isEmpty()) {
        Files.deleteIfExists(p.getParent());
      }
    } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
      // another cell's reader got there first, or a file was added meanwhile
    }
  }

  /** Deletes the directory and everything in it (nothing happens when it was never made). */
  public void deleteAll() {
    Path dir = Path.of(root);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the point files under " + dir, e);
    }
  }
}
