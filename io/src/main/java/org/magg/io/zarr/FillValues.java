package org.magg.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * Converts fill values between metadata JSON and the one-element canonical layout. Both formats
 * spell non-finite floats as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"};
 * v3 also allows raw bits as a hex string such as {@code "0x7fc00000"}.
 */
final class FillValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

  private FillValues() {}

  /** A one-element canonical buffer holding {@code value} as {@code type}. */
  static byte[] ofDouble(DataType type, double value) {
    byte[] out = new byte[type.byteSize()];
    ByteBuffer b = Elements.wrap(out);
    if (type.isFloatingPoint()) {
      Elements.putDouble(b, type, 0, value);
    } else {
      Elements.putLong(b, type, 0, Elements.doubleToInteger(type, value));
    }
    return out;
  }

  /** A one-element canonical buffer; for uint64, {@code value} is taken as raw bits. */
  static byte[] ofLong(DataType type, long value) {
    byte[] out = new byte[type.byteSize()];
    ByteBuffer b = Elements.wrap(out);
    if (type.isFloatingPoint()) {
      Elements.putDouble(b, type, 0, value);
    } else {
      if (type != DataType.UINT64) {
        String problem = Elements.checkLong(type, value);
        if (problem != null) {
          throw new IllegalArgumentException("fill " + problem);
        }
      }
      Elements.putLong(b, type, 0, value);
    }
    return out;
  }

  static JsonNode toJson(DataType type, byte[] fill) {
    ByteBuffer b = Elements.wrap(fill);
    if (type == DataType.BOOL) {
      return NODES.booleanNode(fill[0] != 0);
    }
    if (type.isFloatingPoint()) {
      double v = Elements.getDouble(b, type, 0);
      if (Double.isNaN(v)) {
        return NODES.textNode("NaN");
      }
      if (Double.isInfinite(v)) {
        return NODES.textNode(v > 0 ? "Infinity" : "-Infinity");
      }
      return type == DataType.FLOAT32 ? NODES.numberNode((float) v) : NODES.numberNode(v);
    }
    long v = Elements.getLong(b, type, 0);
    if (type == DataType.UINT64 && v < 0) {
      return NODES.numberNode(new BigInteger(Long.toUnsignedString(v)));
    }
    return NODES.numberNode(v);
  }

  /**
   * Parses a fill value. JSON {@code null} (allowed in v2) reads as zero.
   *
   * @throws ZarrException when the value does not fit the type
   */
  static byte[] fromJson(JsonNode node, DataType type) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new byte[type.byteSize()];
    }
    try {
      if (node.isBoolean()) {
        return ofLong(type, node.booleanValue() ? 1 : 0);
      }
      if (node.isTextual()) {
        return fromText(node.textValue(), type);
      }
      if (node.isIntegralNumber()) {
        BigInteger big = node.bigIntegerValue();
        if (type.isFloatingPoint()) {
          return ofDouble(type, big.doubleValue());
        }
        if (type == DataType.UINT64) {
          if (big.signum() < 0 || big.compareTo(TWO_POW_64) >= 0) {
            throw new IllegalArgumentException("value " + big + " is outside the range of uint64");
          }
          return ofLong(type, big.longValue());
        }
        if (big.bitLength() > 63) {
          throw new IllegalArgumentException("value " + big + " is outside the range of " + type);
        }
        return ofLong(type, big.longValue());
      }
      if (node.isNumber()) {
        return ofDouble(type, node.doubleValue());
      }
    } catch (IllegalArgumentException e) {
      throw new ZarrException(
          "invalid fill_value " + node + " for " + type + ": " + e.getMessage(), e);
    }
    throw new ZarrException("invalid fill_value " + node + " for " + type);
  }

  private static byte[] fromText(String text, DataType type) {
    if (type.isFloatingPoint()) {
      switch (text) {
        case "NaN":
          return ofDouble(type, Double.NaN);
        case "Infinity":
          return ofDouble(type, Double.POSITIVE_INFINITY);
        case "-Infinity":
          return ofDouble(type, Double.NEGATIVE_INFINITY);
        default:
          break;
      }
    }
    if (text.startsWith("0x") && text.length() == 2 + 2 * type.byteSize()) {
      long bits = Long.parseUnsignedLong(text.substring(2), 16);
      byte[] out = new byte[type.byteSize()];
      ByteBuffer b = Elements.wrap(out);
      switch (type.byteSize()) {
        case 1:
          b.put(0, (byte) bits);
          break;
        case 2:
          b.putShort(0, (short) bits);
          break;
        case 4:
          b.putInt(0, (int) bits);
          break;
        default:
          b.putLong(0, bits);
      }
      return out;
    }
    throw new IllegalArgumentException("unrecognised fill value string '" + text + "'");
  }
}
