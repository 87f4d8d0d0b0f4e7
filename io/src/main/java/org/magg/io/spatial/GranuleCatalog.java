package org.magg.io.spatial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.Json;
import org.magg.core.grid.Morton;
import org.magg.io.s3.S3Settings;
import org.magg.io.storage.Storage;

/**
 * magg's granule catalog: parent Morton cells mapped to the granule files that cross them, plus
 * metadata ({@code short_name, version, provider, start_date, end_date, parent_order,
 * total_granules, total_cells, created, ...}).
 *
 * <pre>{@code {"metadata": {"parent_order": 6, ...}, "catalog": {"-3134": ["a.h5", ...], ...}}}
 * </pre>
 *
 * <p>Relative granule paths are resolved against the catalog file's directory.
 */
public final class GranuleCatalog implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = Json.mapper();

  private final String origin;
  private final int parentOrder;
  private final Map<String, Object> metadata;
  private final Map<Long, List<String>> cells;

  private GranuleCatalog(
      String origin, int parentOrder, Map<String, Object> metadata, Map<Long, List<String>> cells) {
    this.origin = origin;
    this.parentOrder = parentOrder;
    this.metadata = Collections.unmodifiableMap(metadata);
    this.cells = Collections.unmodifiableMap(cells);
  }

  /** Reads a catalog JSON file. */
  public static GranuleCatalog read(Path file) {
    return read(file.toString(), null);
  }

  /**
   * Reads a catalog from a local path, a {@code file:} URI or {@code s3://bucket/key} (reached with
   * {@code s3}). Relative granule paths resolve against the catalog's directory (objects beside an
   * S3 catalog).
   */
  public static GranuleCatalog read(String location, S3Settings s3) {
    String text;
    try {
      text = Storage.of(s3).readText(location);
    } catch (IllegalArgumentException e) {
      throw new GranuleCatalogException("catalog location " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new GranuleCatalogException("catalog " + location + " does not exist");
    } catch (IOException e) {
      throw new GranuleCatalogException(
          "cannot read catalog " + location + ": " + e.getMessage(), e);
    }
    return parse(text, location, g -> Storage.resolveSibling(location, g));
  }

  /**
   * Parses catalog JSON. {@code baseDir} resolves relative granule paths; null keeps them as given.
   */
  public static GranuleCatalog parse(String json, String origin, Path baseDir) {
    return parse(
        json,
        origin,
        g ->
            baseDir == null ? g : Storage.resolveSibling(baseDir.resolve("catalog").toString(), g));
  }

  private static GranuleCatalog parse(
      String json, String origin, java.util.function.UnaryOperator<String> resolver) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new GranuleCatalogException(
          "catalog " + origin + " is not valid JSON: " + org.magg.core.Json.problem(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new GranuleCatalogException(
          "catalog " + origin + ": expected a JSON object with \"metadata\" and \"catalog\"");
    }
    JsonNode catalogNode = root.get("catalog");
    if (catalogNode == null || !catalogNode.isObject()) {
      throw new GranuleCatalogException(
          "catalog "
              + origin
              + ": missing \"catalog\" object (parent Morton cell -> list of granule paths)");
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    JsonNode metaNode = root.get("metadata");
    if (metaNode != null && metaNode.isObject()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = JSON.convertValue(metaNode, Map.class);
      metadata.putAll(m);
    }
    Map<Long, List<String>> cells = new LinkedHashMap<>();
    Integer keyOrder = null;
    Iterator<Map.Entry<String, JsonNode>> it = catalogNode.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      long cell;
      try {
        cell = Morton.parse(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new GranuleCatalogException(
            "catalog "
                + origin
                + ": key '"
                + e.getKey()
                + "' is not a Morton index: "
                + ex.getMessage(),
            ex);
      }
      int order = Morton.order(cell);
      if (keyOrder == null) {
        keyOrder = order;
      } else if (keyOrder != order) {
        throw new GranuleCatalogException(
            "catalog "
                + origin
                + ": key '"
                + e.getKey()
                + "' has order "
                + order
                + " but earlier keys have order "
                + keyOrder
                + " (all parent cells must share one"
                + " order)");
      }
      if (!e.getValue().isArray()) {
        throw new GranuleCatalogException(
            "catalog "
                + origin
                + ": cell '"
                + e.getKey()
                + "' must map to a list of granule paths");
      }
      List<String> granules = new ArrayList<>();
      for (JsonNode g : e.getValue()) {
        if (!g.isTextual() || g.textValue().isBlank()) {
          throw new GranuleCatalogException(
              "catalog "
                  + origin
                  + ": cell '"
                  + e.getKey()
                  + "' lists a granule that is not a"
                  + " path: "
                  + g);
        }
        granules.add(resolve(resolver, g.textValue(), origin, e.getKey()));
      }
      if (cells.put(cell, Collections.unmodifiableList(granules)) != null) {
        throw new GranuleCatalogException(
            "catalog " + origin + ": cell '" + e.getKey() + "' repeats");
      }
    }
    int parentOrder;
    Object metaOrder = metadata.get("parent_order");
    if (metaOrder != null) {
      if (!(metaOrder instanceof Number)) {
        throw new GranuleCatalogException(
            "catalog " + origin + ": metadata.parent_order must be an integer, got " + metaOrder);
      }
      parentOrder = ((Number) metaOrder).intValue();
      if (keyOrder != null && keyOrder != parentOrder) {
        throw new GranuleCatalogException(
            "catalog "
                + origin
                + ": metadata.parent_order is "
                + parentOrder
                + " but the cell keys have order "
                + keyOrder);
      }
    } else if (keyOrder != null) {
      parentOrder = keyOrder;
    } else {
      throw new GranuleCatalogException(
          "catalog " + origin + " has no cells and no metadata.parent_order");
    }
    return new GranuleCatalog(origin, parentOrder, metadata, cells);
  }

  private static String resolve(
      java.util.function.UnaryOperator<String> resolver,
      String granule,
      String origin,
      String cell) {
    try {
      return resolver.apply(granule);
    } catch (IllegalArgumentException ex) {
      throw new GranuleCatalogException(
          "catalog " + origin + ": cell '" + cell + "' lists granule " + ex.getMessage(), ex);
    }
  }

  /** Where the catalog was read from. */
  public String origin() {
    return origin;
  }

  /** The order of the parent cells. */
  public int parentOrder() {
    return parentOrder;
  }

  /** The metadata object as read (may be empty). */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** Parent cell to granule paths, in the catalog's key order. */
  public Map<Long, List<String>> cells() {
    return cells;
  }

  /**
   * Selects the cells to process: one cell ({@code mortonCell}, which must be a key), else the
   * first {@code maxCells} in key order, else all.
   */
  public GranuleSelection select(Integer maxCells, Long mortonCell) {
    List<Long> chosen = new ArrayList<>();
    if (mortonCell != null) {
      if (!cells.containsKey(mortonCell)) {
        throw new GranuleCatalogException(
            "Morton cell "
                + Morton.format(mortonCell)
                + " is not in catalog "
                + origin
                + " ("
                + cells.size()
                + " cells of order "
                + parentOrder
                + "); give one of the catalog's cell keys, or leave --morton-cell out");
      }
      chosen.add(mortonCell);
    } else {
      if (maxCells != null && maxCells < 1) {
        throw new GranuleCatalogException(
            "--max-cells " + maxCells + " selects no cell; give 1 or more, or leave it out");
      }
      for (Long c : cells.keySet()) {
        if (maxCells != null && chosen.size() >= maxCells) {
          break;
        }
        chosen.add(c);
      }
    }
    Map<Long, List<String>> granules = new LinkedHashMap<>();
    for (Long c : chosen) {
      granules.put(c, cells.get(c));
    }
    return new GranuleSelection(parentOrder, granules);
  }
}
