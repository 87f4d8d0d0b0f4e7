package org.magg.io.cdf;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Places the internal records of one uncompressed single-file v3 dotCDF (CDF Internal Format
 * Description v3.x, chapter 2) and writes them.
 *
 * <p>Everything is known before the first byte is written, so the layout is planned in one pass
 * (every record's offset and size; compressed blocks are compressed here) and written in a second,
 * in file order, without seeking:
 *
 * <pre>
 * magic numbers | CDR | GDR
 * | for each attribute (global ones first, then variable ones by first use):
 *     ADR, its AgrEDRs (gEntries, by entry number) or AzEDRs (zEntries, by variable number)
 * | for each zVariable: zVDR, [CPR], VXR chain (7 entries each), VVRs or CVVRs
 * </pre>
 */
final class FileLayout {

  static final int MAGIC1 = 0xCDF30001;
  static final int MAGIC2_UNCOMPRESSED = 0x0000FFFF;
  static final int MAGIC2_COMPRESSED = 0xCCCC0001;

  static final int CDR = 1;
  static final int GDR = 2;
  static final int ADR = 4;
  static final int AGREDR = 5;
  static final int VXR = 6;
  static final int VVR = 7;
  static final int ZVDR = 8;
  static final int AZEDR = 9;
  static final int CCR = 10;
  static final int CPR = 11;
  static final int CVVR = 13;

  /** Library version written in the CDR: the format of CDF 3.9 (NumStrings in AEDRs). */
  static final int VERSION = 3;

  static final int RELEASE = 9;
  static final int INCREMENT = 0;

  /** CDR Identifier: 1, "created directly by Java without the use of the library". */
  static final int IDENTIFIER = 1;

  static final int COPYRIGHT_BYTES = 256;
  static final String COPYRIGHT =
      "\nCommon Data Format (CDF)\nhttps://cdf.gsfc.nasa.gov\nSpace Physics Data Facility\n"
          + "NASA/Goddard Space Flight Center\nGreenbelt, Maryland 20771 USA\n"
          + "(User support: gsfc-cdf-support@lists.nasa.gov)\n";

  static final int CDR_SIZE = 56 + COPYRIGHT_BYTES;
  static final int GDR_SIZE = 84;
  static final int ADR_SIZE = 68 + Names.NAME_BYTES;
  static final int AEDR_BASE = 56;
  static final int ZVDR_BASE = 344;
  static final int CPR_SIZE = 28;
  static final int VVR_BASE = 12;
  static final int CVVR_BASE = 24;
  static final int CCR_BASE = 32;

  /** Index entries per VXR, as the CDF library since V2.6. */
  static final int VXR_ENTRIES = 7;

  static final int VXR_SIZE = 28 + 16 * VXR_ENTRIES;

  static final int GZIP = 5;

  private final ByteOrder order;
  private final int encoding;
  private final int leapSecondLastUpdated;
  private final List<Attr> attrs = new ArrayList<>();
  private final List<Var> vars = new ArrayList<>();
  private final long gdrOffset;
  private final long eof;

  /** One attribute and its entries (entry number or variable number, value bytes, offset). */
  private record Attr(String name, boolean global, int num, List<Entry> entries, long offset) {}

  private record Entry(int num, CdfValue value, byte[] bytes, long offset) {}

  /** A VVR or CVVR of records first..last; {@code bytes} is set when it was encoded here. */
  private record Block(
      int first, int last, long offset, long size, boolean compressed, byte[] bytes) {}

  private record Var(
      CdfVariable v,
      int num,
      long offset,
      long size,
      long cprOffset,
      long[] vxrOffsets,
      List<Block> blocks) {}

  FileLayout(
      Map<String, List<CdfValue>> globals,
      List<CdfVariable> variables,
      ByteOrder order,
      int encoding,
      int leapSecondLastUpdated)
      throws IOException {
    this.order = order;
    this.encoding = encoding;
    this.leapSecondLastUpdated = leapSecondLastUpdated;
    long pos = 8 + CDR_SIZE;
    gdrOffset = pos;
    pos += GDR_SIZE;

    // Attributes: global ones in order, then variable ones in order of first use.
    Map<String, List<Integer>> variableAttrUses = new LinkedHashMap<>();
    for (int vn = 0; vn < variables.size(); vn++) {
      for (String a : variables.get(vn).attributes().keySet()) {
        if (globals.containsKey(a)) {
          throw new IllegalArgumentException(
              "Attribute "
                  + a
                  + " is both a global attribute and an attribute of variable "
                  + variables.get(vn).name()
                  + "; a CDF has one name space for attributes");
        }
        variableAttrUses.computeIfAbsent(a, k -> new ArrayList<>()).add(vn);
      }
    }
    int attrNum = 0;
    for (Map.Entry<String, List<CdfValue>> g : globals.entrySet()) {
      long adrOffset = pos;
      pos += ADR_SIZE;
      List<Entry> entries = new ArrayList<>();
      int n = 0;
      for (CdfValue value : g.getValue()) {
        byte[] bytes = DataEncoder.encodeEntry(value, order);
        entries.add(new Entry(n++, value, bytes, pos));
        pos += AEDR_BASE + bytes.length;
      }
      attrs.add(new Attr(g.getKey(), true, attrNum++, entries, adrOffset));
    }
    for (Map.Entry<String, List<Integer>> a : variableAttrUses.entrySet()) {
      long adrOffset = pos;
      pos += ADR_SIZE;
      List<Entry> entries = new ArrayList<>();
      for (int vn : a.getValue()) {
        CdfValue value = variables.get(vn).attributes().get(a.getKey());
        byte[] bytes = DataEncoder.encodeEntry(value, order);
        entries.add(new Entry(vn, value, bytes, pos));
        pos += AEDR_BASE + bytes.length;
      }
      attrs.add(new Attr(a.getKey(), false, attrNum++, entries, adrOffset));
    }

    // Variables.
    for (int vn = 0; vn < variables.size(); vn++) {
      CdfVariable v = variables.get(vn);
      long offset = pos;
      long size = vdrSize(v);
      pos += size;
      long cprOffset = -1;
      if (v.compressed()) {
        cprOffset = pos;
        pos += CPR_SIZE;
      }
      int records = v.numRecords();
      int perBlock = v.recordsPerBlock();
      int nBlocks = records == 0 ? 0 : (int) ((records + (long) perBlock - 1) / perBlock);
      long[] vxrOffsets = new long[(nBlocks + VXR_ENTRIES - 1) / VXR_ENTRIES];
      for (int i = 0; i < vxrOffsets.length; i++) {
        vxrOffsets[i] = pos;
        pos += VXR_SIZE;
      }
      List<Block> blocks = new ArrayList<>(nBlocks);
      for (int b = 0; b < nBlocks; b++) {
        int first = b * perBlock;
        int last = (int) Math.min((long) first + perBlock, records) - 1;
        long rawSize = (long) (last - first + 1) * v.recordBytes();
        if (v.compressed()) {
          byte[] raw = encodeRecords(v, first, last);
          byte[] packed = gzip(raw, v.gzipLevel());
          if (packed.length < raw.length) {
            blocks.add(new Block(first, last, pos, CVVR_BASE + packed.length, true, packed));
            pos += CVVR_BASE + packed.length;
          } else {
            // Section 2.6: data that does not shrink is stored uncompressed in a VVR.
            blocks.add(new Block(first, last, pos, VVR_BASE + raw.length, false, raw));
            pos += VVR_BASE + raw.length;
          }
        } else {
          blocks.add(new Block(first, last, pos, VVR_BASE + rawSize, false, null));
          pos += VVR_BASE + rawSize;
        }
      }
      vars.add(new Var(v, vn, offset, size, cprOffset, vxrOffsets, blocks));
    }
    eof = pos;
  }

  /** Total size of the uncompressed dotCDF file (the GDR's eof). */
  long size() {
    return eof;
  }

  /** Writes the whole uncompressed file, magic numbers included. */
  void write(OutputStream sink) throws IOException {
    Out out = new Out(sink);
    out.writeInt(MAGIC1);
    out.writeInt(MAGIC2_UNCOMPRESSED);
    writeRecords(out);
  }

  /**
   * Writes the file compressed as a whole (section 2.9): magic numbers, a CCR holding the GZIP
   * stream of the uncompressed file without its magic numbers, and the CPR.
   */
  void writeCompressed(OutputStream sink, int level) throws IOException {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new LevelGzip(packed, level)) {
      Out inner = new Out(gz);
      inner.position = 8; // offsets inside are those of the uncompressed file
      writeRecords(inner);
      inner.flush();
    }
    byte[] data = packed.toByteArray();
    Out out = new Out(sink);
    out.writeInt(MAGIC1);
    out.writeInt(MAGIC2_COMPRESSED);
    long ccrSize = CCR_BASE + data.length;
    header(out, ccrSize, CCR);
    out.writeLong(8 + ccrSize); // CPRoffset
    out.writeLong(eof - 8); // uSize: without the magic numbers
    out.writeInt(0); // rfuA
    out.write(data);
    writeCpr(out, level);
    out.flush();
  }

  private void writeRecords(Out out) throws IOException {
    writeCdr(out);
    writeGdr(out);
    for (int i = 0; i < attrs.size(); i++) {
      writeAttr(out, attrs.get(i), i + 1 < attrs.size() ? attrs.get(i + 1).offset : 0);
    }
    for (int i = 0; i < vars.size(); i++) {
      writeVar(out, vars.get(i), i + 1 < vars.size() ? vars.get(i + 1).offset : 0);
    }
    check(out, eof, "end of file");
    out.flush();
  }

  private void writeCdr(Out out) throws IOException {
    check(out, 8, "CDR");
    header(out, CDR_SIZE, CDR);
    out.writeLong(gdrOffset);
    out.writeInt(VERSION);
    out.writeInt(RELEASE);
    out.writeInt(encoding);
    out.writeInt(0b11); // flags: bit 0 row majority, bit 1 single-file; no checksum
    out.writeInt(0); // rfuA
    out.writeInt(0); // rfuB
    out.writeInt(INCREMENT);
    out.writeInt(IDENTIFIER);
    out.writeInt(-1); // rfuE
    out.write(fixed(COPYRIGHT, COPYRIGHT_BYTES));
  }

  private void writeGdr(Out out) throws IOException {
    check(out, gdrOffset, "GDR");
    header(out, GDR_SIZE, GDR);
    out.writeLong(0); // rVDRhead: no rVariables
    out.writeLong(vars.isEmpty() ? 0 : vars.get(0).offset); // zVDRhead
    out.writeLong(attrs.isEmpty() ? 0 : attrs.get(0).offset); // ADRhead
    out.writeLong(eof);
    out.writeInt(0); // NrVars
    out.writeInt(attrs.size()); // NumAttr
    out.writeInt(-1); // rMaxRec
    out.writeInt(0); // rNumDims
    out.writeInt(vars.size()); // NzVars
    out.writeLong(0); // UIRhead
    out.writeInt(0); // rfuC
    out.writeInt(leapSecondLastUpdated);
    out.writeInt(-1); // rfuE
  }

  private void writeAttr(Out out, Attr a, long next) throws IOException {
    check(out, a.offset, "ADR " + a.name);
    List<Entry> entries = a.entries;
    long head = entries.isEmpty() ? 0 : entries.get(0).offset;
    int count = entries.size();
    int max = entries.isEmpty() ? -1 : entries.get(count - 1).num;
    header(out, ADR_SIZE, ADR);
    out.writeLong(next);
    out.writeLong(a.global ? head : 0); // AgrEDRhead
    out.writeInt(a.global ? 1 : 2); // Scope: global, variable
    out.writeInt(a.num);
    out.writeInt(a.global ? count : 0); // NgrEntries
    out.writeInt(a.global ? max : -1); // MAXgrEntry
    out.writeInt(0); // rfuA
    out.writeLong(a.global ? 0 : head); // AzEDRhead
    out.writeInt(a.global ? 0 : count); // NzEntries
    out.writeInt(a.global ? -1 : max); // MAXzEntry
    out.writeInt(-1); // rfuE
    out.write(fixed(a.name, Names.NAME_BYTES));
    for (int i = 0; i < count; i++) {
      Entry e = entries.get(i);
      check(out, e.offset, "AEDR " + a.name + "[" + e.num + "]");
      header(out, AEDR_BASE + e.bytes.length, a.global ? AGREDR : AZEDR);
      out.writeLong(i + 1 < count ? entries.get(i + 1).offset : 0);
      out.writeInt(a.num);
      out.writeInt(e.value.type().code());
      out.writeInt(e.num);
      out.writeInt(e.value.numElems());
      // NumStrings: 1 for a text zEntry (one string), 0 otherwise, as the CDF library writes.
      out.writeInt(!a.global && e.value.type().isCharacter() ? 1 : 0);
      out.writeInt(0); // rfuB
      out.writeInt(0); // rfuC
      out.writeInt(-1); // rfuD
      out.writeInt(-1); // rfuE
      out.write(e.bytes);
    }
  }

  private void writeVar(Out out, Var var, long next) throws IOException {
    CdfVariable v = var.v;
    check(out, var.offset, "zVDR " + v.name());
    int[] dims = v.dims();
    header(out, var.size, ZVDR);
    out.writeLong(next);
    out.writeInt(v.type().code());
    out.writeInt(v.numRecords() - 1); // MaxRec
    out.writeLong(var.vxrOffsets.length == 0 ? 0 : var.vxrOffsets[0]); // VXRhead
    out.writeLong(var.vxrOffsets.length == 0 ? 0 : var.vxrOffsets[var.vxrOffsets.length - 1]);
    int flags = (v.recordVariance() ? 1 : 0) | 2 | (v.compressed() ? 4 : 0);
    out.writeInt(flags); // bit 0 record variance, bit 1 pad value given, bit 2 compression
    out.writeInt(0); // sRecords: no sparse records
    out.writeInt(0); // rfuB
    out.writeInt(-1); // rfuC
    out.writeInt(-1); // rfuF
    out.writeInt(v.numElems());
    out.writeInt(var.num);
    out.writeLong(var.cprOffset); // CPRorSPRoffset, -1 when none
    out.writeInt(v.blockingFactorField());
    out.write(fixed(v.name(), Names.NAME_BYTES));
    out.writeInt(dims.length); // zNumDims
    for (int d : dims) {
      out.writeInt(d);
    }
    for (int i = 0; i < dims.length; i++) {
      out.writeInt(-1); // DimVarys: TRUE
    }
    out.write(DataEncoder.encode(v.rawPad(), order));
    if (v.compressed()) {
      check(out, var.cprOffset, "CPR of " + v.name());
      writeCpr(out, v.gzipLevel());
    }
    List<Block> blocks = var.blocks;
    for (int x = 0; x < var.vxrOffsets.length; x++) {
      check(out, var.vxrOffsets[x], "VXR of " + v.name());
      header(out, VXR_SIZE, VXR);
      out.writeLong(x + 1 < var.vxrOffsets.length ? var.vxrOffsets[x + 1] : 0);
      out.writeInt(VXR_ENTRIES);
      int from = x * VXR_ENTRIES;
      int used = Math.min(VXR_ENTRIES, blocks.size() - from);
      out.writeInt(used);
      for (int i = 0; i < VXR_ENTRIES; i++) {
        out.writeInt(i < used ? blocks.get(from + i).first : -1);
      }
      for (int i = 0; i < VXR_ENTRIES; i++) {
        out.writeInt(i < used ? blocks.get(from + i).last : -1);
      }
      for (int i = 0; i < VXR_ENTRIES; i++) {
        out.writeLong(i < used ? blocks.get(from + i).offset : -1L);
      }
    }
    for (Block b : blocks) {
      check(out, b.offset, "VVR of " + v.name() + " records " + b.first + ".." + b.last);
      if (b.compressed) {
        header(out, b.size, CVVR);
        out.writeInt(0); // rfuA
        out.writeLong(b.bytes.length); // cSize
        out.write(b.bytes);
      } else {
        header(out, b.size, VVR);
        if (b.bytes != null) {
          out.write(b.bytes);
        } else {
          writeData(v, b.first, b.last, out);
        }
      }
    }
  }

  private static void writeCpr(Out out, int level) throws IOException {
    header(out, CPR_SIZE, CPR);
    out.writeInt(GZIP); // cType
    out.writeInt(0); // rfuA
    out.writeInt(1); // pCount
    out.writeInt(level); // cParms: the GZIP level
  }

  private byte[] encodeRecords(CdfVariable v, int first, int last) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeData(v, first, last, bytes);
    return bytes.toByteArray();
  }

  private void writeData(CdfVariable v, int first, int last, OutputStream out) throws IOException {
    int slotsPerRecord = v.valuesPerRecord() * v.type().slotsPerValue();
    DataEncoder.write(v.rawData(), first * slotsPerRecord, (last + 1) * slotsPerRecord, order, out);
  }

  private static long vdrSize(CdfVariable v) {
    return ZVDR_BASE + 8L * v.dims().length + (long) v.numElems() * v.type().size();
  }

  private static void header(Out out, long size, int type) throws IOException {
    out.writeLong(size);
    out.writeInt(type);
  }

  private static void check(Out out, long expected, String what) {
    if (out.position != expected) {
      throw new IllegalStateException(
          "CDF layout error: "
              + what
              + " planned at "
              + expected
              + " but written at "
              + out.position);
    }
  }

  /** A NUL-padded fixed-size ASCII field (NUL-terminated unless exactly full). */
  private static byte[] fixed(String s, int size) {
    byte[] b = new byte[size];
    byte[] text = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, b, 0, Math.min(size, text.length));
    return b;
  }

  static byte[] gzip(byte[] raw, int level) throws IOException {
    ByteArrayOutputStream packed = new ByteArrayOutputStream(raw.length / 2 + 64);
    try (GZIPOutputStream gz = new LevelGzip(packed, level)) {
      gz.write(raw);
    }
    return packed.toByteArray();
  }

  /** A GZIP stream with a chosen deflate level. */
  private static final class LevelGzip extends GZIPOutputStream {
    LevelGzip(OutputStream out, int level) throws IOException {
      super(out, 1 << 16);
      def.setLevel(level);
    }
  }

  /** Big-endian control information (section 5.2) with the position in the file. */
  private static final class Out extends FilterOutputStream {
    private final DataOutputStream data;
    long position;

    Out(OutputStream sink) {
      super(sink);
      this.data = new DataOutputStream(sink);
    }

    void writeInt(int v) throws IOException {
      data.writeInt(v);
      position += 4;
    }

    void writeLong(long v) throws IOException {
      data.writeLong(v);
      position += 8;
    }

    @Override
    public void write(int b) throws IOException {
      data.write(b);
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      data.write(b, off, len);
      position += len;
    }

    @Override
    public void flush() throws IOException {
      data.flush();
    }
  }
}
