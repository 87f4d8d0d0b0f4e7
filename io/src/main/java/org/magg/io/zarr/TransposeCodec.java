package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * The v3 {@code transpose} codec: the encoded array is {@code numpy.transpose(decoded, order)}.
 * Also used to read v2 arrays stored in F order (reversed axes).
 */
final class TransposeCodec implements Codec {

  static final String NAME = "transpose";

  private final int[] order;
  private final int[] inverse;

  TransposeCodec(int[] order) {
    this.order = order.clone();
    this.inverse = new int[order.length];
    boolean[] seen = new boolean[order.length];
    for (int k = 0; k < order.length; k++) {
      int axis = order[k];
      if (axis < 0 || axis >= order.length || seen[axis]) {
        throw new ZarrException(
            "transpose order " + Arrays.toString(order) + " is not a permutation");
      }
      seen[axis] = true;
      inverse[axis] = k;
    }
  }

  static TransposeCodec reversed(int rank) {
    int[] order = new int[rank];
    for (int i = 0; i < rank; i++) {
      order[i] = rank - 1 - i;
    }
    return new TransposeCodec(order);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Kind kind() {
    return Kind.ARRAY_TO_ARRAY;
  }

  @Override
  public ChunkSpec encodedSpec(ChunkSpec decoded) {
    checkRank(decoded);
    int[] shape = decoded.shape();
    int[] out = new int[shape.length];
    for (int k = 0; k < shape.length; k++) {
      out[k] = shape[order[k]];
    }
    return decoded.withShape(out);
  }

  @Override
  public byte[] encode(byte[] decoded, ChunkSpec spec) {
    checkRank(spec);
    return permute(decoded, spec.shape(), order, spec.dataType().byteSize());
  }

  @Override
  public byte[] decode(byte[] encoded, ChunkSpec spec) {
    checkRank(spec);
    return permute(encoded, encodedSpec(spec).shape(), inverse, spec.dataType().byteSize());
  }

  private void checkRank(ChunkSpec spec) {
    if (spec.shape().length != order.length) {
      throw new ZarrException(
          "transpose order "
              + Arrays.toString(order)
              + " does not match chunk rank "
              + spec.shape().length);
    }
  }

  /** Returns {@code numpy.transpose(src, perm)} for C-order {@code src} of shape {@code shape}. */
  static byte[] permute(byte[] src, int[] shape, int[] perm, int itemSize) {
    int rank = shape.length;
    long[] srcStrides = Shapes.strides(Shapes.toLong(shape));
    int[] outShape = new int[rank];
    long[] stepInSrc = new long[rank];
    for (int k = 0; k < rank; k++) {
      outShape[k] = shape[perm[k]];
      stepInSrc[k] = srcStrides[perm[k]];
    }
    byte[] out = new byte[src.length];
    int count = src.length / itemSize;
    int[] idx = new int[rank];
    long srcIndex = 0;
    for (int n = 0; n < count; n++) {
      System.arraycopy(src, (int) (srcIndex * itemSize), out, n * itemSize, itemSize);
      for (int k = rank - 1; k >= 0; k--) {
        idx[k]++;
        srcIndex += stepInSrc[k];
        if (idx[k] < outShape[k]) {
          break;
        }
        srcIndex -= stepInSrc[k] * idx[k];
        idx[k] = 0;
      }
    }
    return out;
  }

  @Override
  public long encodedSize(long decodedSize) {
    return decodedSize;
  }

  @Override
  public ObjectNode toV3Json() {
    ObjectNode node = Json.object().put("name", NAME);
    ArrayNode arr = node.putObject("configuration").putArray("order");
    for (int o : order) {
      arr.add(o);
    }
    return node;
  }
}
