package org.magg.io.cdf;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A zVariable ready to be written: name, type, NumElems (string length for CHAR and UCHAR, else 1),
 * dimension sizes (without the record dimension, all dimensions varying), record variance, the data
 * as one flat row-major Java array over all records, the number of records, the pad value, whether
 * its records are GZIP-compressed, and its variable attributes in order.
 *
 * <p>The data array has {@code numRecords * product(dims)} values of the type's Java array class
 * (see {@link CdfType}): {@code double[]} for REAL8, {@code float[]} for REAL4, {@code long[]} for
 * INT8 and TIME_TT2000, {@code String[]} for CHAR (each string padded with blanks or truncated to
 * NumElems characters, ASCII only), twice as many doubles for EPOCH16. A variable without record
 * variance has at most one record. A variable without {@link Builder#data} has zero records.
 *
 * <p>Immutable: the builder copies the data array.
 */
public final class CdfVariable {

  /** Records per compressed block when not set: 64 KiB of uncompressed data, as the CDF library. */
  static final int DEFAULT_COMPRESSED_BLOCK_BYTES = 65536;

  private final String name;
  private final CdfType type;
  private final int numElems;
  private final int[] dims;
  private final boolean recordVariance;
  private final Object data;
  private final int numRecords;
  private final Object pad;
  private final boolean compressed;
  private final int gzipLevel;
  private final int blockingFactor;
  private final Map<String, CdfValue> attributes;

  private CdfVariable(Builder b, Object data, Object pad) {
    this.name = b.name;
    this.type = b.type;
    this.numElems = b.numElems;
    this.dims = b.dims.clone();
    this.recordVariance = b.recordVariance;
    this.data = data;
    this.numRecords = b.numRecords;
    this.pad = pad;
    this.compressed = b.compressed;
    this.gzipLevel = b.gzipLevel;
    this.blockingFactor = b.blockingFactor;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
  }

  /** Starts a variable of the given name and type. */
  public static Builder builder(String name, CdfType type) {
    return new Builder(name, type);
  }

  public String name() {
    return name;
  }

  public CdfType type() {
    return type;
  }

  public int numElems() {
    return numElems;
  }

  /** Dimension sizes without the record dimension (a copy). */
  public int[] dims() {
    return dims.clone();
  }

  public boolean recordVariance() {
    return recordVariance;
  }

  public int numRecords() {
    return numRecords;
  }

  /** A copy of the flat row-major data over all records. */
  public Object data() {
    return CdfValue.copy(data);
  }

  /** A copy of the pad value: a one-value array of the type's Java array class. */
  public Object pad() {
    return CdfValue.copy(pad);
  }

  public boolean compressed() {
    return compressed;
  }

  /** GZIP level 1..9 used when {@link #compressed()}. */
  public int gzipLevel() {
    return gzipLevel;
  }

  /** The variable attributes in order (name to value). */
  public Map<String, CdfValue> attributes() {
    return attributes;
  }

  /** Values (not Java array slots) in one record: the product of the dimension sizes. */
  int valuesPerRecord() {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** Bytes of one record in the file. */
  long recordBytes() {
    return (long) valuesPerRecord() * numElems * type.size();
  }

  /**
   * Records per VVR or CVVR: the blocking factor set on the builder; else for a compressed variable
   * as many records as fit in 64 KiB (at least one), and for an uncompressed one all records.
   */
  int recordsPerBlock() {
    if (blockingFactor > 0) {
      return blockingFactor;
    }
    if (compressed) {
      return (int)
          Math.max(1, (DEFAULT_COMPRESSED_BLOCK_BYTES + recordBytes() - 1) / recordBytes());
    }
    return Math.max(1, numRecords);
  }

  /** The BlockingFactor field of the VDR: set on the builder, or used for compression, else 0. */
  int blockingFactorField() {
    return blockingFactor > 0 || compressed ? recordsPerBlock() : 0;
  }

  /** The data array without copying (package-private, for the writer). */
  Object rawData() {
    return data;
  }

  Object rawPad() {
    return pad;
  }

  @Override
  public String toString() {
    return "CdfVariable{"
        + name
        + " "
        + type
        + (type.isCharacter() ? "*" + numElems : "")
        + " "
        + Arrays.toString(dims)
        + (recordVariance ? " T" : " F")
        + ", "
        + numRecords
        + " records"
        + (compressed ? ", gzip " + gzipLevel : "")
        + ", attributes "
        + attributes.keySet()
        + "}";
  }

  /** Builds a {@link CdfVariable}; {@link #build()} checks everything and names what is wrong. */
  public static final class Builder {
    private final String name;
    private final CdfType type;
    private int numElems = 1;
    private int[] dims = new int[0];
    private boolean recordVariance = true;
    private Object data;
    private int numRecords;
    private Object pad;
    private boolean compressed;
    private int gzipLevel = 6;
    private int blockingFactor;
    private final Map<String, CdfValue> attributes = new LinkedHashMap<>();

    private Builder(String name, CdfType type) {
      this.name = Names.check(name, "variable");
      this.type = Objects.requireNonNull(type, "Variable " + name + ": type cannot be null");
    }

    /** Dimension sizes without the record dimension, e.g. {@code dims(3, 4)}; none for scalars. */
    public Builder dims(int... sizes) {
      for (int s : sizes) {
        if (s < 1) {
          throw new IllegalArgumentException(
              "Variable "
                  + name
                  + ": dimension sizes must be at least 1, got "
                  + Arrays.toString(sizes));
        }
      }
      this.dims = sizes.clone();
      return this;
    }

    /**
     * Record variance (true by default): false for support data that is the same for all records.
     */
    public Builder recordVariance(boolean varies) {
      this.recordVariance = varies;
      return this;
    }

    /** Characters per value for CHAR and UCHAR (the string length); must stay 1 for other types. */
    public Builder numElems(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("Variable " + name + ": numElems must be at least 1");
      }
      this.numElems = n;
      return this;
    }

    /**
     * The data over all records as one flat row-major array of the type's Java array class, and the
     * number of records it holds.
     */
    public Builder data(Object flatArray, int numRecords) {
      Objects.requireNonNull(flatArray, "Variable " + name + ": data cannot be null");
      if (numRecords < 0) {
        throw new IllegalArgumentException(
            "Variable " + name + ": numRecords must be >= 0, got " + numRecords);
      }
      this.data = flatArray;
      this.numRecords = numRecords;
      return this;
    }

    /**
     * The pad value (written in the VDR; readers return it for records that were not written): a
     * {@code Number} for the numeric types, a {@code String} for CHAR, or a one-value array of the
     * type's Java array class. When not set, the CDF library's default pad of the type is written.
     */
    public Builder pad(Object value) {
      this.pad = Objects.requireNonNull(value, "Variable " + name + ": pad cannot be null");
      return this;
    }

    /** GZIP-compress the records (CVVRs with a CPR), level 6 unless {@link #gzipLevel} is set. */
    public Builder compressed(boolean compress) {
      this.compressed = compress;
      return this;
    }

    /** The GZIP level (1..9) for a compressed variable. */
    public Builder gzipLevel(int level) {
      if (level < 1 || level > 9) {
        throw new IllegalArgumentException(
            "Variable " + name + ": GZIP level must be in 1..9, got " + level);
      }
      this.gzipLevel = level;
      return this;
    }

    /**
     * Records per VVR (or CVVR when compressed). By default an uncompressed variable is written as
     * one VVR and a compressed one in blocks of 64 KiB of uncompressed data.
     */
    public Builder blockingFactor(int recordsPerBlock) {
      if (recordsPerBlock < 1) {
        throw new IllegalArgumentException(
            "Variable " + name + ": blocking factor must be at least 1, got " + recordsPerBlock);
      }
      this.blockingFactor = recordsPerBlock;
      return this;
    }

    /** Adds a variable attribute entry (attributes keep the order in which they are added). */
    public Builder attribute(String attributeName, CdfValue value) {
      Names.check(attributeName, "attribute");
      Objects.requireNonNull(
          value, "Variable " + name + ": attribute " + attributeName + " value cannot be null");
      if (attributes.containsKey(attributeName)) {
        throw new IllegalArgumentException(
            "Variable " + name + ": attribute " + attributeName + " is given twice");
      }
      attributes.put(attributeName, value);
      return this;
    }

    /** Adds a CHAR variable attribute entry. */
    public Builder attribute(String attributeName, String text) {
      return attribute(attributeName, CdfValue.text(text));
    }

    /** Checks the variable and builds it. */
    public CdfVariable build() {
      if (!type.isCharacter() && numElems != 1) {
        throw new IllegalArgumentException(
            "Variable "
                + name
                + ": numElems must be 1 for "
                + type
                + " (only CHAR and UCHAR have several elements per value), got "
                + numElems);
      }
      if (!recordVariance && numRecords > 1) {
        throw new IllegalArgumentException(
            "Variable "
                + name
                + " has no record variance, so it holds at most one record; got "
                + numRecords
                + " records. Call .recordVariance(true) or pass one record.");
      }
      long perRecord = 1;
      for (int d : dims) {
        perRecord *= d;
      }
      Object flat = data;
      if (flat == null) {
        flat = Array.newInstance(type.arrayClass().getComponentType(), 0);
      }
      if (!type.arrayClass().isInstance(flat)) {
        throw new IllegalArgumentException(
            "Variable "
                + name
                + ": "
                + type
                + " data must be a "
                + type.arrayClass().getSimpleName()
                + ", got "
                + flat.getClass().getSimpleName());
      }
      long expected = perRecord * numRecords * type.slotsPerValue();
      int length = Array.getLength(flat);
      if (length != expected) {
        throw new IllegalArgumentException(
            "Variable "
                + name
                + ": expected "
                + expected
                + " array elements ("
                + numRecords
                + " records x "
                + (dims.length == 0 ? "1 value" : Arrays.toString(dims))
                + (type == CdfType.EPOCH16 ? " x 2 doubles" : "")
                + "), got "
                + length);
      }
      Object copy;
      if (type.isCharacter()) {
        copy = Strings.fixedWidth((String[]) flat, numElems, "variable " + name);
      } else {
        copy = CdfValue.copy(flat);
      }
      Object padValue =
          pad == null ? Pads.defaultPad(type, numElems) : Pads.of(type, numElems, pad, name);
      return new CdfVariable(this, copy, padValue);
    }
  }
}
