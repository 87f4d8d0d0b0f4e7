package org.magg.io.cdf;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.magg.core.LocalFiles;

/**
 * Writes a whole NASA CDF (version 3 format, single file, row majority, zVariables only): global
 * attributes, each with one or more entries in order, and {@link CdfVariable}s in order with their
 * variable attributes.
 *
 * <pre>{@code
 * CdfWriter.create()
 *     .globalAttribute("Project", CdfValue.text("REACH"))
 *     .globalAttribute("TEXT", CdfValue.text("line 1"), CdfValue.text("line 2"))
 *     .variable(CdfVariable.builder("Epoch", CdfType.TIME_TT2000).data(epochs, n)
 *         .attribute("FILLVAL", CdfValue.tt2000(Long.MIN_VALUE)).build())
 *     .write(Path.of("out.cdf"));
 * }</pre>
 *
 * <p>Data are encoded little-endian (IBM PC encoding, 6) unless {@link #encoding} selects network
 * encoding (big-endian, 1). Variables can be GZIP-compressed one by one ({@link
 * CdfVariable.Builder#compressed}); the whole file can be compressed with {@link #compressFile}.
 *
 * <p>A {@code CdfWriter} is a mutable builder and is not thread-safe: fill and write it from one
 * thread. It may be written several times; each write reflects what it holds then. The file is
 * planned before it is written and written in one sequential pass (compressed blocks are held in
 * memory; uncompressed data are streamed from the variables' arrays).
 */
public final class CdfWriter {

  /** The data encodings this writer can produce (the Encoding field of the CDR). */
  public enum Encoding {
    /** NETWORK_ENCODING (1): big-endian IEEE. */
    NETWORK(1, ByteOrder.BIG_ENDIAN),
    /** IBMPC_ENCODING (6): little-endian IEEE, what the CDF library writes on x86 and ARM hosts. */
    IBMPC(6, ByteOrder.LITTLE_ENDIAN);

    private final int code;
    private final ByteOrder order;

    Encoding(int code, ByteOrder order) {
      this.code = code;
      this.order = order;
    }

    public int code() {
      return code;
    }

    public ByteOrder byteOrder() {
      return order;
    }
  }

  private final Map<String, List<CdfValue>> globals = new LinkedHashMap<>();
  private final List<CdfVariable> variables = new ArrayList<>();
  private final Set<String> variableNames = new LinkedHashSet<>();
  private Encoding encoding = Encoding.IBMPC;
  private boolean compressFile;
  private int fileGzipLevel = 6;

  private CdfWriter() {}

  /** An empty CDF. */
  public static CdfWriter create() {
    return new CdfWriter();
  }

  /**
   * Adds a global attribute with its entries (gEntries numbered 0, 1, ... in the order given). An
   * attribute without entries is written with none.
   */
  public CdfWriter globalAttribute(String name, CdfValue... entries) {
    Names.check(name, "attribute");
    if (globals.containsKey(name)) {
      throw new IllegalArgumentException(
          "Global attribute " + name + " is given twice; pass all its entries in one call");
    }
    List<CdfValue> list = new ArrayList<>(entries.length);
    for (int i = 0; i < entries.length; i++) {
      list.add(
          Objects.requireNonNull(
              entries[i], "Global attribute " + name + ": entry " + i + " is null"));
    }
    globals.put(name, Collections.unmodifiableList(list));
    return this;
  }

  /** Adds a zVariable (numbered in the order added). */
  public CdfWriter variable(CdfVariable v) {
    Objects.requireNonNull(v, "variable cannot be null");
    if (!variableNames.add(v.name())) {
      throw new IllegalArgumentException("Variable " + v.name() + " is given twice");
    }
    variables.add(v);
    return this;
  }

  /** The data encoding: {@link Encoding#IBMPC} (little-endian, the default) or network. */
  public CdfWriter encoding(Encoding e) {
    this.encoding = Objects.requireNonNull(e, "encoding cannot be null");
    return this;
  }

  /**
   * Compress the whole file with GZIP (level 6): the file then holds the magic numbers, a CCR with
   * the compressed records and a CPR (CDF Internal Format Description 2.9). Off by default.
   */
  public CdfWriter compressFile(boolean compress) {
    this.compressFile = compress;
    return this;
  }

  /** The global attributes (name to entries) in order. */
  public Map<String, List<CdfValue>> globalAttributes() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(globals));
  }

  /** The variables in order. */
  public List<CdfVariable> variables() {
    return List.copyOf(variables);
  }

  /**
   * Writes the CDF to {@code file}, through a temporary file in the same directory that is then
   * moved in place, so a failed write leaves no partial file.
   */
  public void write(Path file) throws IOException {
    Objects.requireNonNull(file, "file cannot be null");
    Path dir = file.toAbsolutePath().getParent();
    // Not Files.createTempFile: its owner-only permissions would stay on the moved file.
    Path tmp = dir.resolve("." + file.getFileName() + "." + System.nanoTime() + ".tmp");
    try {
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              1 << 16)) {
        writeTo(out);
      }
      LocalFiles.moveReplacing(tmp, file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      if (e instanceof IOException io) {
        throw new IOException("Writing CDF " + file + " failed: " + io.getMessage(), io);
      }
      throw e;
    }
  }

  /** Writes the CDF to {@code out} (not closed). */
  public void writeTo(OutputStream out) throws IOException {
    FileLayout layout =
        new FileLayout(
            globals,
            variables,
            encoding.byteOrder(),
            encoding.code(),
            Tt2000.leapSecondLastUpdated());
    if (compressFile) {
      layout.writeCompressed(out, fileGzipLevel);
    } else {
      layout.write(out);
    }
    out.flush();
  }

  /** The CDF file's bytes. */
  public byte[] toBytes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeTo(bytes);
    return bytes.toByteArray();
  }

  @Override
  public String toString() {
    return "CdfWriter{globals="
        + globals.keySet()
        + ", variables="
        + Arrays.toString(variables.stream().map(CdfVariable::name).toArray())
        + ", encoding="
        + encoding
        + (compressFile ? ", file compressed" : "")
        + "}";
  }
}
