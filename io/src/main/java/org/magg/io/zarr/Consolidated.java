package org.magg.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consolidated metadata: the metadata of every node below a group gathered into one document.
 *
 * <p>v2 follows zarr-python's {@code .zmetadata} ({@code zarr_consolidated_format: 1}, keys such as
 * {@code "temp/.zarray"}). v3 follows zarr-python 3: a {@code consolidated_metadata} object ({@code
 * kind: "inline"}, {@code must_understand: false}) in the group's {@code zarr.json}, whose {@code
 * metadata} maps each descendant's path to its {@code zarr.json} document.
 */
final class Consolidated {

  private Consolidated() {}

  static void write(ZarrStore store, String path, ZarrFormat format) throws IOException {
    Nodes.Node node = Nodes.find(store, path);
    if (node == null || node.isArray() || node.format() != format) {
      throw new ZarrException(
          "Cannot consolidate metadata: no "
              + format
              + " group at '"
              + Nodes.display(path)
              + "' in store '"
              + store.location()
              + "'");
    }
    if (format == ZarrFormat.V2) {
      writeV2(store, path);
    } else {
      writeV3(store, path);
    }
  }

  private static String prefix(String path) {
    return path.isEmpty() ? "" : path + "/";
  }

  private static void writeV2(ZarrStore store, String path) throws IOException {
    String prefix = prefix(path);
    ObjectNode metadata = Json.object();
    for (String key : store.list(prefix)) {
      String rel = key.substring(prefix.length());
      String leaf = rel.substring(rel.lastIndexOf('/') + 1);
      if (leaf.equals(V2Metadata.ARRAY_KEY)
          || leaf.equals(V2Metadata.GROUP_KEY)
          || leaf.equals(V2Metadata.ATTRS_KEY)) {
        byte[] bytes = store.get(key);
        if (bytes != null) {
          metadata.set(
              rel, Json.read(bytes, "key '" + key + "' in store '" + store.location() + "'"));
        }
      }
    }
    ObjectNode doc = Json.object();
    doc.set("metadata", metadata);
    doc.put("zarr_consolidated_format", 1);
    store.put(prefix + V2Metadata.CONSOLIDATED_KEY, Json.write(doc));
  }

  private static void writeV3(ZarrStore store, String path) throws IOException {
    String prefix = prefix(path);
    String rootKey = prefix + V3Metadata.KEY;
    ObjectNode root =
        Json.readObject(
            store.get(rootKey), "key '" + rootKey + "' in store '" + store.location() + "'");
    Map<String, JsonNode> members = new TreeMap<>();
    for (String key : store.list(prefix)) {
      String rel = key.substring(prefix.length());
      if (!rel.endsWith("/" + V3Metadata.KEY)) {
        continue;
      }
      String memberPath = rel.substring(0, rel.length() - V3Metadata.KEY.length() - 1);
      ObjectNode member =
          Json.readObject(store.get(key), "key '" + key + "' in store '" + store.location() + "'");
      if ("group".equals(member.path("node_type").asText())) {
        member.set("consolidated_metadata", inline(Json.object()));
      }
      members.put(memberPath, member);
    }
    ObjectNode flat = Json.object();
    members.forEach(flat::set);
    root.set("consolidated_metadata", inline(flat));
    store.put(rootKey, Json.write(root));
  }

  private static ObjectNode inline(ObjectNode metadata) {
    ObjectNode node = Json.object();
    node.put("kind", "inline");
    node.put("must_understand", false);
    node.set("metadata", metadata);
    return node;
  }

  /**
   * Reads the consolidated metadata of the group at {@code path}: relative key (v2) or member path
   * (v3) to metadata document; empty when there is none.
   */
  static Map<String, JsonNode> read(ZarrStore store, String path, ZarrFormat format)
      throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    String prefix = prefix(path);
    JsonNode metadata;
    if (format == ZarrFormat.V2) {
      byte[] bytes = store.get(prefix + V2Metadata.CONSOLIDATED_KEY);
      if (bytes == null) {
        return out;
      }
      JsonNode doc =
          Json.read(
              bytes,
              "key '"
                  + prefix
                  + V2Metadata.CONSOLIDATED_KEY
                  + "' in store '"
                  + store.location()
                  + "'");
      metadata = doc.path("metadata");
    } else {
      byte[] bytes = store.get(prefix + V3Metadata.KEY);
      if (bytes == null) {
        return out;
      }
      JsonNode doc =
          Json.read(
              bytes, "key '" + prefix + V3Metadata.KEY + "' in store '" + store.location() + "'");
      metadata = doc.path("consolidated_metadata").path("metadata");
    }
    Iterator<Map.Entry<String, JsonNode>> it = metadata.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }
}
