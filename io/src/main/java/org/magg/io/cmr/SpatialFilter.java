package org.magg.io.cmr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.magg.core.grid.LonLatBox;
import org.magg.core.grid.SphericalPolygon;
import org.magg.core.grid.SphericalRegion;

/**
 * The area of interest of a catalog build: nothing, a longitude/latitude box or polygons. It is
 * sent to CMR (which returns the granules meeting it) and applied to the cells: a catalog keeps
 * only the parent cells that meet the area.
 */
public sealed interface SpatialFilter
    permits SpatialFilter.Everywhere, SpatialFilter.BoundingBox, SpatialFilter.Polygons {

  /** CMR search parameters, in order, as name/value pairs. */
  List<String[]> cmrParameters();

  /** The regions cells must meet (one of them); empty for {@link Everywhere}. */
  List<SphericalRegion> regions();

  /** Entries for the catalog's metadata. */
  Map<String, Object> metadata();

  /** No spatial restriction. */
  static SpatialFilter everywhere() {
    return new Everywhere();
  }

  /**
   * Parses {@code lon_min,lat_min,lon_max,lat_max} (CMR's {@code bounding_box}: west, south, east,
   * north; {@code lon_min > lon_max} crosses the antimeridian).
   */
  static BoundingBox bbox(String text) {
    String[] parts = text == null ? new String[0] : text.split(",", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "--bbox '" + text + "': expected lon_min,lat_min,lon_max,lat_max (four numbers)");
    }
    double[] v = new double[4];
    for (int k = 0; k < 4; k++) {
      try {
        v[k] = Double.parseDouble(parts[k].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--bbox '" + text + "': '" + parts[k].trim() + "' is not a number");
      }
    }
    try {
      return new BoundingBox(LonLatBox.of(v[0], v[1], v[2], v[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--bbox: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the exterior rings of a GeoJSON {@code Polygon}, {@code MultiPolygon}, {@code Feature} or
   * {@code FeatureCollection} of those. Edges are taken as great-circle arcs, as CMR does with its
   * {@code polygon} parameter; a ring's interior is its smaller side (whatever its winding); holes
   * are ignored (the area only grows).
   */
  static Polygons polygonFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--polygon " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("--polygon " + file + ": cannot read: " + e.getMessage());
    }
    JsonNode root;
    try {
      root = org.magg.core.Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "--polygon " + file + " is not valid JSON: " + org.magg.core.Json.problem(e));
    }
    List<SphericalPolygon> polygons = new ArrayList<>();
    int[] holes = {0};
    GeoJson.collect(root, "", file.toString(), polygons, holes);
    if (polygons.isEmpty()) {
      throw new IllegalArgumentException(
          "--polygon " + file + " has no Polygon or MultiPolygon geometry");
    }
    return new Polygons(List.copyOf(polygons), file.getFileName().toString(), holes[0]);
  }

  /** No spatial restriction. */
  record Everywhere() implements SpatialFilter {
    @Override
    public List<String[]> cmrParameters() {
      return List.of();
    }

    @Override
    public List<SphericalRegion> regions() {
      return List.of();
    }

    @Override
    public Map<String, Object> metadata() {
      return Map.of();
    }
  }

  /** A longitude/latitude box. */
  record BoundingBox(LonLatBox box) implements SpatialFilter {
    /** {@code west,south,east,north} without needless decimals. */
    public String text() {
      return number(box.west())
          + ","
          + number(box.south())
          + ","
          + number(box.east())
          + ","
          + number(box.north());
    }

    @Override
    public List<String[]> cmrParameters() {
      return List.<String[]>of(new String[] {"bounding_box", text()});
    }

    @Override
    public List<SphericalRegion> regions() {
      return List.of(box);
    }

    @Override
    public Map<String, Object> metadata() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bbox", List.of(box.west(), box.south(), box.east(), box.north()));
      return m;
    }
  }

  /** Polygons (their union) read from a file. */
  record Polygons(List<SphericalPolygon> polygons, String source, int holesIgnored)
      implements SpatialFilter {
    @Override
    public List<String[]> cmrParameters() {
      List<String[]> out = new ArrayList<>();
      String name = polygons.size() == 1 ? "polygon" : "polygon[]";
      for (SphericalPolygon p : polygons) {
        StringBuilder sb = new StringBuilder();
        double[][] ring = p.counterClockwise();
        for (int i = 0; i <= ring.length; i++) {
          double[] v = ring[i % ring.length]; // closed: the first vertex again
          if (sb.length() > 0) {
            sb.append(',');
          }
          sb.append(number(v[0])).append(',').append(number(v[1]));
        }
        out.add(new String[] {name, sb.toString()});
      }
      if (polygons.size() > 1) {
        out.add(new String[] {"options[polygon][or]", "true"});
      }
      return out;
    }

    @Override
    public List<SphericalRegion> regions() {
      return List.copyOf(polygons);
    }

    @Override
    public Map<String, Object> metadata() {
      Map<String, Object> m = new LinkedHashMap<>();
      int vertices = 0;
      for (SphericalPolygon p : polygons) {
        vertices += p.vertexCount();
      }
      m.put("polygon", Map.of("source", source, "polygons", polygons.size(), "vertices", vertices));
      return m;
    }
  }

  /** A coordinate without needless trailing zeros ({@code -180}, {@code 10.5}). */
  static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
