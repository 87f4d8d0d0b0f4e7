package org.magg.io.zarr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Compares two Zarr hierarchies node by node: the same groups and arrays, the same group and array
 * attributes, array shapes, chunk shapes, data types and fill values, and every element of every
 * array (read with {@link ZarrArray#read()}). Floating-point elements are equal when their bits are
 * equal (so NaN equals NaN and 0.0 differs from -0.0); integers must be equal.
 *
 * <pre>{@code
 * ZarrStoreDiff.Result r = ZarrStoreDiff.compare(ZarrStores.open("a.zarr"), ZarrStores.open("b.zarr"));
 * if (!r.identical()) System.out.println(String.join("\n", r.differences()));
 * }</pre>
 */
public final class ZarrStoreDiff {
  /** Differences listed at most per array before the rest are only counted. */
  static final int LISTED_PER_ARRAY = 5;

  /**
   * What a comparison found.
   *
   * @param groups groups compared
   * @param arrays arrays compared
   * @param elements array elements compared
   * @param differences one line per difference (node, what, both values); empty when identical
   */
  public record Result(int groups, int arrays, long elements, List<String> differences) {
    public Result {
      differences = List.copyOf(differences);
    }

    public boolean identical() {
      return differences.isEmpty();
    }

    /** One line: what was compared and how many differences there are. */
    public String toText() {
      return String.format(
          Locale.ROOT,
          "%s: %d groups, %d arrays, %,d elements compared, %d differences",
          identical() ? "identical" : "DIFFERENT",
          groups,
          arrays,
          elements,
          differences.size());
    }
  }

  private final ZarrStore left;
  private final ZarrStore right;
  private final List<String> differences = new ArrayList<>();
  private int groups;
  private int arrays;
  private long elements;

  private ZarrStoreDiff(ZarrStore left, ZarrStore right) {
    this.left = left;
    this.right = right;
  }

  /** Compares the whole hierarchies of two stores, from their root groups. */
  public static Result compare(ZarrStore left, ZarrStore right) throws IOException {
    ZarrStoreDiff diff = new ZarrStoreDiff(left, right);
    diff.node("");
    return new Result(diff.groups, diff.arrays, diff.elements, diff.differences);
  }

  private void node(String path) throws IOException {
    Nodes.Node a = Nodes.find(left, path);
    Nodes.Node b = Nodes.find(right, path);
    if (a == null || b == null) {
      if (a != b) {
        differ(path, "present only in " + (a == null ? right : left).location());
      } else if (path.isEmpty()) {
        differ(path, "neither store holds a Zarr group or array at the root");
      }
      return;
    }
    if (a.format() != b.format() || a.isArray() != b.isArray()) {
      differ(path, "node kind " + kind(a) + " vs " + kind(b));
      return;
    }
    if (a.isArray()) {
      array(path, a.format());
    } else {
      group(path);
    }
  }

  private void group(String path) throws IOException {
    groups++;
    ZarrGroup a = ZarrGroup.open(left, path);
    ZarrGroup b = ZarrGroup.open(right, path);
    if (!a.attributes().equals(b.attributes())) {
      differ(path, "group attributes " + a.attributes() + " vs " + b.attributes());
    }
    TreeSet<String> members = new TreeSet<>(a.memberNames());
    members.addAll(b.memberNames());
    for (String m : members) {
      node(StoreKeys.join(path, m));
    }
  }

  private void array(String path, ZarrFormat format) throws IOException {
    arrays++;
    ArrayMetadata a = ZarrArray.open(left, path, format).metadata();
    ArrayMetadata b = ZarrArray.open(right, path, format).metadata();
    boolean sameLayout = true;
    if (!Arrays.equals(a.shape(), b.shape())) {
      differ(path, "shape " + Arrays.toString(a.shape()) + " vs " + Arrays.toString(b.shape()));
      sameLayout = false;
    }
    if (a.dataType() != b.dataType()) {
      differ(path, "data type " + a.dataType() + " vs " + b.dataType());
      sameLayout = false;
    }
    if (!Arrays.equals(a.chunkShape(), b.chunkShape())) {
      differ(
          path,
          "chunk shape "
              + Arrays.toString(a.chunkShape())
              + " vs "
              + Arrays.toString(b.chunkShape()));
    }
    if (!String.valueOf(a.fillValue()).equals(String.valueOf(b.fillValue()))) {
      differ(path, "fill value " + a.fillValue() + " vs " + b.fillValue());
    }
    if (!a.attributes().equals(b.attributes())) {
      differ(path, "array attributes " + a.attributes() + " vs " + b.attributes());
    }
    if (!a.codecNames().equals(b.codecNames())) {
      differ(path, "codecs " + a.codecNames() + " vs " + b.codecNames());
    }
    if (!sameLayout) {
      return;
    }
    NdBuffer x = ZarrArray.open(left, path, format).read();
    NdBuffer y = ZarrArray.open(right, path, format).read();
    boolean floating = a.dataType().isFloatingPoint();
    int listed = 0;
    int unlisted = 0;
    for (int i = 0; i < x.size(); i++) {
      boolean equal;
      String values;
      if (floating) {
        double u = x.getDouble(i);
        double v = y.getDouble(i);
        equal = Double.doubleToLongBits(u) == Double.doubleToLongBits(v);
        values = equal ? null : u + " vs " + v;
      } else {
        long u = x.getLong(i);
        long v = y.getLong(i);
        equal = u == v;
        values = equal ? null : u + " vs " + v;
      }
      if (equal) {
        continue;
      }
      if (listed < LISTED_PER_ARRAY) {
        differ(path, "element " + i + ": " + values);
        listed++;
      } else {
        unlisted++;
      }
    }
    elements += x.size();
    if (unlisted > 0) {
      differ(path, unlisted + " more elements differ");
    }
  }

  private static String kind(Nodes.Node n) {
    return (n.isArray() ? "array" : "group") + " (" + n.format() + ")";
  }

  private void differ(String path, String what) {
    differences.add(Nodes.display(path) + ": " + what);
  }
}
