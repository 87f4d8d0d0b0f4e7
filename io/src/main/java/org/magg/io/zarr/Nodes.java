package org.magg.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Finds out what kind of node, if any, lives at a path, and writes group metadata. */
final class Nodes {

  /** What a path holds. */
  record Node(ZarrFormat format, boolean isArray) {}

  private Nodes() {}

  /** The node at {@code path}, or {@code null} when there is none (v3 is checked first). */
  static Node find(ZarrStore store, String path) throws IOException {
    byte[] v3 = store.get(StoreKeys.join(path, V3Metadata.KEY));
    if (v3 != null) {
      ObjectNode json = Json.readObject(v3, describe(store, path, V3Metadata.KEY));
      String type;
      try {
        type = V3Metadata.nodeType(json);
      } catch (ZarrException e) {
        throw new ZarrException(describe(store, path, V3Metadata.KEY) + ": " + e.getMessage(), e);
      }
      return new Node(ZarrFormat.V3, type.equals("array"));
    }
    if (store.exists(StoreKeys.join(path, V2Metadata.ARRAY_KEY))) {
      return new Node(ZarrFormat.V2, true);
    }
    if (store.exists(StoreKeys.join(path, V2Metadata.GROUP_KEY))) {
      return new Node(ZarrFormat.V2, false);
    }
    return null;
  }

  /** "key 'a/zarr.json' of node 'a' in store '/data/x.zarr'". */
  static String describe(ZarrStore store, String path, String key) {
    return "key '"
        + StoreKeys.join(path, key)
        + "' of node '"
        + display(path)
        + "' in store '"
        + store.location()
        + "'";
  }

  static String display(String path) {
    return path.isEmpty() ? "/" : path;
  }

  /** Writes group metadata (and, for v2, attributes) at {@code path}. */
  static void writeGroup(ZarrStore store, String path, ZarrFormat format, ObjectNode attributes)
      throws IOException {
    if (format == ZarrFormat.V3) {
      store.put(StoreKeys.join(path, V3Metadata.KEY), Json.write(V3Metadata.groupJson(attributes)));
    } else {
      store.put(StoreKeys.join(path, V2Metadata.GROUP_KEY), Json.write(V2Metadata.groupJson()));
      writeV2Attributes(store, path, attributes);
    }
  }

  /** Writes {@code .zattrs}, or removes it when there are no attributes. */
  static void writeV2Attributes(ZarrStore store, String path, ObjectNode attributes)
      throws IOException {
    String key = StoreKeys.join(path, V2Metadata.ATTRS_KEY);
    if (attributes == null || attributes.isEmpty()) {
      store.delete(key);
    } else {
      store.put(key, Json.write(attributes));
    }
  }

  /**
   * Creates missing ancestor groups of {@code path} (with no attributes), like zarr-python does.
   *
   * @throws ZarrException when an ancestor is an array or of the other format
   */
  static void ensureParents(ZarrStore store, String path, ZarrFormat format) throws IOException {
    String parent = StoreKeys.parent(path);
    if (parent == null) {
      return;
    }
    Node node = find(store, parent);
    if (node == null) {
      ensureParents(store, parent, format);
      writeGroup(store, parent, format, Json.object());
    } else if (node.isArray()) {
      throw new ZarrException(
          "Cannot create node '"
              + path
              + "' in store '"
              + store.location()
              + "': its parent '"
              + display(parent)
              + "' is an array");
    } else if (node.format() != format) {
      throw new ZarrException(
          "Cannot create a "
              + format
              + " node '"
              + path
              + "' in store '"
              + store.location()
              + "': its parent '"
              + display(parent)
              + "' is a "
              + node.format()
              + " group");
    }
  }

  /**
   * The node at {@code path}; fails naming the path, the store and the metadata keys looked for
   * when there is none.
   */
  static Node require(ZarrStore store, String path, String what, String v2Key) throws IOException {
    Node node = find(store, path);
    if (node == null) {
      throw new ZarrException(
          "No Zarr "
              + what
              + " at '"
              + display(path)
              + "' in store '"
              + store.location()
              + "' (found neither "
              + StoreKeys.join(path, V3Metadata.KEY)
              + " nor "
              + StoreKeys.join(path, v2Key)
              + ")");
    }
    return node;
  }
}
