package org.magg.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A Zarr group: a node with attributes that holds arrays and other groups. */
public final class ZarrGroup {

  private final ZarrStore store;
  private final String path;
  private final ZarrFormat format;
  private final ObjectNode attributes;

  private ZarrGroup(ZarrStore store, String path, ZarrFormat format, ObjectNode attributes) {
    this.store = store;
    this.path = path;
    this.format = format;
    this.attributes = attributes;
  }

  /**
   * Writes the metadata of a group at {@code path} ({@code ""} is the root) with the given
   * attributes, creating missing parent groups. Existing group metadata there is replaced
   * (including any consolidated metadata); members are kept.
   */
  public static ZarrGroup create(
      ZarrStore store, String path, ZarrFormat format, Map<String, ?> attributes)
      throws IOException {
    String p = StoreKeys.normalizePath(path);
    ObjectNode attrs = toNode(attributes);
    Nodes.ensureParents(store, p, format);
    Nodes.writeGroup(store, p, format, attrs);
    return new ZarrGroup(store, p, format, attrs);
  }

  /** Opens the group at {@code path}, whichever format it has. */
  public static ZarrGroup open(ZarrStore store, String path) throws IOException {
    String p = StoreKeys.normalizePath(path);
    Nodes.Node node = Nodes.require(store, p, "group", V2Metadata.GROUP_KEY);
    if (node.isArray()) {
      throw new ZarrException(
          "'"
              + Nodes.display(p)
              + "' in store '"
              + store.location()
              + "' is an array, not a group");
    }
    ObjectNode attrs;
    if (node.format() == ZarrFormat.V3) {
      String key = StoreKeys.join(p, V3Metadata.KEY);
      JsonNode json = Json.readObject(store.get(key), Nodes.describe(store, p, V3Metadata.KEY));
      JsonNode a = json.get("attributes");
      attrs = a instanceof ObjectNode ? (ObjectNode) a : Json.object();
    } else {
      byte[] bytes = store.get(StoreKeys.join(p, V2Metadata.ATTRS_KEY));
      attrs =
          bytes == null
              ? Json.object()
              : Json.readObject(bytes, Nodes.describe(store, p, V2Metadata.ATTRS_KEY));
    }
    return new ZarrGroup(store, p, node.format(), attrs);
  }

  public ZarrStore store() {
    return store;
  }

  /** The node path of the group ({@code ""} for the root). */
  public String path() {
    return path;
  }

  public ZarrFormat format() {
    return format;
  }

  /** The group's attributes as plain Java values. */
  public Map<String, Object> attributes() {
    return Json.toMap(attributes);
  }

  /** Replaces the group's attributes and returns the updated group. */
  public ZarrGroup withAttributes(Map<String, ?> newAttributes) throws IOException {
    ObjectNode attrs = toNode(newAttributes);
    Nodes.writeGroup(store, path, format, attrs);
    return new ZarrGroup(store, path, format, attrs);
  }

  /** Creates an array below this group; {@code name} may contain {@code /}. */
  public ZarrArray createArray(String name, ArrayMetadata metadata) throws IOException {
    if (metadata.format() != format) {
      throw new IllegalArgumentException(
          "Cannot create a "
              + metadata.format()
              + " array in the "
              + format
              + " group '"
              + Nodes.display(path)
              + "'");
    }
    return ZarrArray.create(store, StoreKeys.join(path, StoreKeys.checkKey(name)), metadata);
  }

  /** Creates a group below this group. */
  public ZarrGroup createGroup(String name, Map<String, ?> attributes) throws IOException {
    return create(store, StoreKeys.join(path, StoreKeys.checkKey(name)), format, attributes);
  }

  /** Opens an array below this group. */
  public ZarrArray openArray(String name) throws IOException {
    return ZarrArray.open(store, StoreKeys.join(path, StoreKeys.checkKey(name)), format);
  }

  /** Whether the member {@code name} is an array (false for a group, or when there is none). */
  public boolean isArray(String name) throws IOException {
    Nodes.Node node = Nodes.find(store, StoreKeys.join(path, StoreKeys.checkKey(name)));
    return node != null && node.isArray();
  }

  /** Opens a group below this group. */
  public ZarrGroup openGroup(String name) throws IOException {
    return open(store, StoreKeys.join(path, StoreKeys.checkKey(name)));
  }

  /** The names of the direct members (arrays and groups), sorted. */
  public List<String> memberNames() throws IOException {
    String prefix = path.isEmpty() ? "" : path + "/";
    TreeSet<String> names = new TreeSet<>();
    for (String key : store.list(prefix)) {
      String rest = key.substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash <= 0) {
        continue;
      }
      String child = rest.substring(0, slash);
      String leaf = rest.substring(slash + 1);
      boolean metadataKey =
          format == ZarrFormat.V3
              ? leaf.equals(V3Metadata.KEY)
              : leaf.equals(V2Metadata.ARRAY_KEY) || leaf.equals(V2Metadata.GROUP_KEY);
      if (metadataKey) {
        names.add(child);
      }
    }
    return new ArrayList<>(names);
  }

  private static ObjectNode toNode(Map<String, ?> attributes) {
    try {
      return Json.MAPPER.valueToTree(attributes == null ? Map.of() : attributes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Group attributes are not JSON-serialisable: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ZarrGroup[" + store.location() + " :: " + Nodes.display(path) + ", " + format + "]";
  }
}
